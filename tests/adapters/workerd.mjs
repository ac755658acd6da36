// Hono in workerd: fixtures/hono-worker.mjs bundled like wrangler does (the pinned esbuild of
// tests/js/runtimes, conditions workerd/worker/browser, the .wasm a CompiledWasm module),
// served by the pinned workerd binary on a loopback port, put through checkServer() and the
// middleware checks; what its handlers saw is read back from /seen.
import { mkdirSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker, serveWorker } from '../js/runtimes/workerd-host.mjs';
import { KEY, KEY2, NOW, checkServer, send } from './lib.mjs';
import { honoMiddlewareChecks } from './servers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

export async function honoWorkerd(t, lib, app) {
  // The Worker's sources go next to the scratch project's node_modules (the package as
  // installed from the tarball); hono is linked in from this directory's pinned install.
  const src = join(app, 'hono-worker');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'fixtures'), { recursive: true });
  for (const f of ['hono-app.mjs', 'handlers.mjs']) copyFileSync(join(HERE, f), join(src, f));
  copyFileSync(join(HERE, 'fixtures', 'hono-worker.mjs'), join(src, 'fixtures', 'hono-worker.mjs'));
  rmSync(join(app, 'node_modules', 'hono'), { recursive: true, force: true });
  symlinkSync(join(HERE, 'node_modules', 'hono'), join(app, 'node_modules', 'hono'), 'dir');
  const outdir = join(ROOT, 'build', 'adapters', 'hono-worker');
  let bundled;
  try {
    bundled = await bundleWorker({ entry: join(src, 'fixtures', 'hono-worker.mjs'), outdir });
  } finally {
    // npm (the next pack-install) must never see the link: it would prune through it.
    rmSync(join(app, 'node_modules', 'hono'), { force: true });
  }
  const { modules, inputs } = bundled;
  t.ok(
    inputs.some((p) => p.endsWith('/huaweicloud-live-callback/workerd.mjs')),
    "the bundle holds the package's workerd entry",
    inputs.filter((p) => p.includes('live-callback')).join(', '),
  );
  t.ok(
    inputs.some((p) => /\/hono\//.test(p)),
    'the bundle holds hono',
  );
  t.ok(
    !inputs.some((p) => p.startsWith('node:')),
    'the bundle imports no node: module',
    inputs.filter((p) => p.startsWith('node:')).join(', '),
  );
  const srv = await serveWorker({
    dir: outdir,
    modules,
    textBindings: { KEYS: `${KEY},${KEY2}`, NOW: String(NOW) },
  });
  try {
    const url = srv.url.replace(/\/$/, '');
    await checkServer(t, `${url}/callback`, lib, null, { resetOk: true });
    await honoMiddlewareChecks(t, lib, url, { resetOk: true });
    const seen = JSON.parse((await send(`${url}/seen`, { method: 'GET' })).text);
    for (const s of ['camera-1', 'by-node-crypto', 'chunked', 'slow'])
      t.ok(
        seen.streams.includes(s),
        `workerd: the handler saw stream ${s}`,
        seen.streams.join(','),
      );
    t.ok(seen.keyIndexes.includes(1), 'workerd: the rotated key was used (keyIndex 1)');
    t.ok(
      seen.streams.filter((s) => /^par-\d+$/.test(s)).length === 25,
      'workerd: 25 of the 50 concurrent callbacks reached the handler',
      seen.streams.join(','),
    );
    for (const code of [
      'SIGNATURE_MISMATCH',
      'EXPIRED',
      'MALFORMED_JSON',
      'BODY_TOO_LARGE',
      'handler failed on purpose',
    ])
      t.ok(seen.errors.includes(code), `workerd: onError saw ${code}`, seen.errors.join(','));
    t.ok(seen.unhandled.includes('PUBLISH_DONE'), 'workerd: onUnhandled saw PUBLISH_DONE');
  } finally {
    await srv.host.stop();
  }
}
