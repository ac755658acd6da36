// make bench, workerd part: the Worker. Bundled like a real Worker (esbuild, the `workerd`
// condition, the .wasm as its own CompiledWasm module) by workerd.mjs and served by the workerd
// binary. In one isolate it runs our synchronous Verifier.verify and a crypto.subtle
// implementation of the same check (peers.mjs webCrypto) interleaved on the same body.
//   GET /probe                        do the clocks advance inside a synchronous loop?
//   GET /run?case=L&rounds=R&batch=N  peers.interleave() timed inside the Worker: median ops/s
//   GET /batch?case=L&impl=I&n=N      run one batch of N calls (I: ours, subtle or noop) and
//                                     answer; the client times it
// Bindings: CASES (text, JSON { label: { body, key, now } }).
import { Verifier } from 'huaweicloud-live-callback';
import { webCrypto, interleave } from './peers.mjs';

// Module top level: workerd gives no time here (both clocks read 0 outside a request).
const topLevelClock = [performance.now(), Date.now()];

const OURS = 'ours: Verifier.verify (sync)';
const SUBTLE = 'webcrypto: crypto.subtle (async)';

let prepared = null;
async function prepare(env) {
  const out = {};
  for (const [label, c] of Object.entries(JSON.parse(env.CASES))) {
    const verifier = new Verifier({ keys: [c.key] });
    const impls = {
      [OURS]: (b, t) => verifier.verify(b, { now: t }),
      // The name starts with "webcrypto": interleave() awaits it and runs batch/8 calls.
      [SUBTLE]: await webCrypto(crypto.subtle, c.key),
    };
    // Both must accept the body before anything is timed.
    for (const [n, fn] of Object.entries(impls)) {
      const r = await fn(c.body, c.now);
      if (!r) throw new Error(`${n} did not verify ${label}`);
    }
    out[label] = { ...c, impls };
  }
  return out;
}

function busy() {
  // A synchronous loop long enough to be seen by a millisecond clock if it advances.
  const t0 = performance.now();
  const d0 = Date.now();
  let x = 0;
  for (let i = 0; i < 2e7; i++) x = (x + i * 31) | 0;
  return { perfMs: performance.now() - t0, dateMs: Date.now() - d0, x };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    prepared ??= await prepare(env);
    const q = (k, d) => url.searchParams.get(k) ?? d;
    if (url.pathname === '/probe') {
      const loop = busy();
      return Response.json({ topLevelClock, loop, advances: loop.perfMs > 0 && loop.dateMs > 0 });
    }
    const c = prepared[q('case')];
    if (!c) return new Response(`unknown case ${q('case')}`, { status: 400 });
    if (url.pathname === '/run') {
      const res = await interleave(c.impls, c.body, c.now, {
        rounds: Number(q('rounds', 15)),
        batch: Number(q('batch', 20000)),
        clock: () => performance.now(),
      });
      return Response.json(res);
    }
    if (url.pathname === '/batch') {
      const impl = q('impl');
      const n = Number(q('n', 0));
      let done = 0;
      if (impl === 'noop') {
        // The request round trip alone: subtracted from every batch.
      } else if (impl === 'subtle') {
        for (; done < n; done++) await c.impls[SUBTLE](c.body, c.now);
      } else if (impl === 'ours') {
        for (; done < n; done++) c.impls[OURS](c.body, c.now);
      } else {
        return new Response(`unknown impl ${impl}`, { status: 400 });
      }
      return new Response(String(done));
    }
    return new Response('not found', { status: 404 });
  },
};
