// @ts-check
// The framework adapters, all duck-typed (no framework is a dependency of the package).
export { createFastifyPlugin } from './fastify.js';
export { createKoaMiddleware } from './koa.js';
export { createHonoMiddleware } from './hono.js';
export { nextRouteHandler } from './next.js';
export { createLambdaHandler } from './lambda.js';
