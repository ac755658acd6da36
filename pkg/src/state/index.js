// @ts-check
// Receiver state (issue 13): createStreamTracker and its stores.
export { createStreamTracker } from './tracker.js';
export { memoryStore } from './memory.js';
export { redisStore } from './redis.js';
export { durableObjectStore } from './durable-object.js';
export { StoreError } from './common.js';
