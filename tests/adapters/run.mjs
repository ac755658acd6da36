// The adapter tests (make test-adapters): real frameworks pinned in this directory's
// package-lock.json, the package installed from its npm tarball into a scratch project.
//   node tests/adapters/run.mjs SCRATCH_DIR [section ...]
// Sections: signatures node-http express4 express5 connect fastify koa hono-node fetch next lambda
// config workerd types readme
// Final line: "N passed, N failed"; exit code 1 on any failure.
import { Tally, loadPackage, independentSignatureCheck } from './lib.mjs';
import * as servers from './servers.mjs';
import * as fetchTests from './fetch.mjs';
import { honoWorkerd } from './workerd.mjs';
import { typeTest } from './types.mjs';
import { readme } from './readme.mjs';

const [app, ...only] = process.argv.slice(2);
if (!app) {
  console.error('usage: node tests/adapters/run.mjs SCRATCH_DIR [section ...]');
  process.exit(2);
}
const lib = await loadPackage(app);
const t = new Tally();
const SECTIONS = {
  signatures: () => independentSignatureCheck(t, lib),
  'node-http': () => servers.nodeHttp(t, lib),
  express4: () => servers.express(t, lib, 4),
  express5: () => servers.express(t, lib, 5),
  connect: () => servers.connectApp(t, lib),
  fastify: () => servers.fastify(t, lib),
  koa: () => servers.koa(t, lib),
  'hono-node': () => servers.honoNode(t, lib),
  fetch: () => fetchTests.fetchApi(t, lib),
  next: () => fetchTests.next(t, lib),
  lambda: () => fetchTests.lambda(t, lib),
  config: () => fetchTests.config(t, lib),
  workerd: () => honoWorkerd(t, lib, app),
  types: () => typeTest(t, app),
  readme: () => readme(t, lib, app),
};
for (const s of only)
  if (!SECTIONS[s]) {
    console.error(`unknown section ${s}; known: ${Object.keys(SECTIONS).join(' ')}`);
    process.exit(2);
  }
for (const [name, fn] of Object.entries(SECTIONS)) {
  if (only.length && !only.includes(name)) continue;
  await t.run(name, fn);
}
console.log(`adapters: ${t.passed} passed, ${t.failed} failed`);
console.log(`${t.passed} passed, ${t.failed} failed`);
process.exitCode = t.failed === 0 && t.passed > 0 ? 0 : 1;
// Keep-alive sockets of the shared agent must not keep the process alive.
setTimeout(() => process.exit(), 100).unref();
