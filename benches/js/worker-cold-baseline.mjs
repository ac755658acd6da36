// make bench, cold start in workerd: the baseline — worker-cold.mjs without the package (reads
// the body's event with JSON.parse instead of verifying it).
export default {
  async fetch(_request, env) {
    const c = JSON.parse(env.CASE);
    const t0 = Date.now();
    const r = JSON.parse(c.body);
    return Response.json({ event: r.event, insideMs: Date.now() - t0 });
  },
};
