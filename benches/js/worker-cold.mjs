// make bench, cold start in workerd: the package's Worker. The first request to a fresh workerd
// process builds a Verifier and verifies one body. Compared by coldstart.mjs with
// worker-cold-baseline.mjs, which is the same Worker without the package.
// Bindings: CASE (text, JSON { body, key, now }).
import { Verifier } from 'huaweicloud-live-callback';

export default {
  async fetch(_request, env) {
    const c = JSON.parse(env.CASE);
    const t0 = Date.now();
    const r = new Verifier({ keys: [c.key] }).verify(c.body, { now: c.now });
    return Response.json({ event: r.event, insideMs: Date.now() - t0 });
  },
};
