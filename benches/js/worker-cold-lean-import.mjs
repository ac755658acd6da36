// make bench, cold start in workerd, the first step of worker-cold-lean.mjs: the verify-only
// build imported (the module instantiated at the top level), and the first request doing only
// what the baseline does (JSON.parse of the body). Compared by coldstart.mjs with the baseline.
// Bindings: CASE (text, JSON { body, key, now }).
import { Verifier } from 'huaweicloud-live-callback/verify';

export default {
  async fetch(_request, env) {
    const c = JSON.parse(env.CASE);
    const t0 = Date.now();
    const r = JSON.parse(c.body);
    if (typeof Verifier !== 'function') throw new Error('no Verifier');
    return Response.json({ event: r.event, insideMs: Date.now() - t0 });
  },
};
