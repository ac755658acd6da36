// Bundles a Worker the way wrangler does and serves it with the workerd binary (no Miniflare):
//  - esbuild, ESM output, export conditions ["workerd", "worker", "browser"] (wrangler's defaults),
//    mainFields ["browser", "module", "main"];
//  - every `*.wasm` import stays a separate module of type CompiledWasm (wrangler's default
//    module rule), so the package's `workerd` entry gets a WebAssembly.Module and instantiates
//    it synchronously;
//  - modules listed in `jsonModules` stay separate JSON modules (workerd's `json` type).
// The config is a Cap'n Proto text file written next to the bundle; the listening port is
// read from workerd's --control-fd messages, so no port is guessed.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { BIN, start } from './common.mjs';

const require = createRequire(import.meta.url);

export const WORKER_CONDITIONS = ['workerd', 'worker', 'browser'];

/**
 * @param {{entry: string, outdir: string, jsonModules?: string[]}} o
 * @returns {Promise<{modules: {name: string, type: string, file: string}[], inputs: string[]}>}
 */
export async function bundleWorker({ entry, outdir, jsonModules = [] }) {
  const esbuild = require('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const extra = [];
  const plugin = {
    name: 'workers-module-rules',
    setup(build) {
      build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
        const src = resolve(args.resolveDir, args.path.replace(/\?module$/, ''));
        const name = basename(src);
        copyFileSync(src, join(outdir, name));
        extra.push({ name, type: 'wasm', file: name });
        return { path: `./${name}`, external: true };
      });
      build.onResolve({ filter: /\.json$/ }, (args) => {
        const src = resolve(args.resolveDir, args.path);
        if (!jsonModules.includes(src)) return undefined;
        const name = basename(src);
        copyFileSync(src, join(outdir, name));
        extra.push({ name, type: 'json', file: name });
        return { path: `./${name}`, external: true };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: join(outdir, 'worker.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    conditions: WORKER_CONDITIONS,
    mainFields: ['browser', 'module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [plugin],
  });
  const seen = new Set();
  const modules = [{ name: 'worker.js', type: 'esModule', file: 'worker.js' }];
  for (const m of extra)
    if (!seen.has(m.name)) {
      seen.add(m.name);
      modules.push(m);
    }
  return { modules, inputs: Object.keys(result.metafile.inputs).map((p) => resolve(p)) };
}

/**
 * Writes a workerd config for the bundle in `dir` and starts workerd on a loopback port.
 * @returns {Promise<{url: string, host: ReturnType<typeof start>}>}
 */
export async function serveWorker({
  dir,
  modules,
  textBindings = {},
  compatibilityDate = '2025-09-01',
}) {
  const q = (s) => JSON.stringify(s);
  const bindings = Object.entries(textBindings).map(([k, v]) => `(name = ${q(k)}, text = ${q(v)})`);
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${q(m.name)}, ${m.type} = embed ${q(m.file)})`).join(',\n')}
  ],
  bindings = [ ${bindings.join(', ')} ],
  compatibilityDate = ${q(compatibilityDate)},
);
`;
  const { port, host } = await serveConfig(dir, config);
  return { url: `http://127.0.0.1:${port}/`, host };
}

/**
 * Writes `config` (a workerd capnp config) to `dir/config.capnp`, starts the pinned workerd on
 * it and resolves once workerd reports the port of its `http` socket (bounded: 60 s).
 */
export async function serveConfig(dir, config) {
  writeFileSync(join(dir, 'config.capnp'), config);
  const host = start(
    join(BIN, 'workerd'),
    ['serve', join(dir, 'config.capnp'), '--control-fd', '3'],
    { cwd: dir, extraFds: 1 },
  );
  const port = await new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(
      () => rej(new Error(`workerd did not report a port; output:\n${host.output()}`)),
      60000,
    );
    host.child.stdio[3].on('data', (d) => {
      buf += d;
      for (const line of buf.split('\n')) {
        try {
          const msg = JSON.parse(line);
          if (msg.event === 'listen' && msg.socket === 'http') {
            clearTimeout(timer);
            res(msg.port);
          }
        } catch {
          /* partial line */
        }
      }
    });
    host.child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`workerd exited (${code}); output:\n${host.output()}`));
    });
  });
  return { port, host };
}
