// make bench, cold start in workerd, the second step of worker-cold-lean.mjs: the verify-only
// build imported, and the first request building the Verifier (key checks and preparation)
// but reading the body's event with JSON.parse instead of verifying it.
// Bindings: CASE (text, JSON { body, key, now }).
import { Verifier } from 'huaweicloud-live-callback/verify';

export default {
  async fetch(_request, env) {
    const c = JSON.parse(env.CASE);
    const t0 = Date.now();
    const v = new Verifier({ keys: [c.key] });
    const r = JSON.parse(c.body);
    return Response.json({ event: v && r.event, insideMs: Date.now() - t0 });
  },
};
