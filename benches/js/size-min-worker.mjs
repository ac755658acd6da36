// make bench, size part: the smallest useful Worker — verify a callback, answer 200 or 401.
// Bundled by size.mjs next to examples/cloudflare-worker/src/index.js.
import { Verifier } from 'huaweicloud-live-callback';

let verifier = null;
export default {
  async fetch(request, env) {
    verifier ??= new Verifier({ keys: [env.HUAWEI_CALLBACK_KEY] });
    try {
      verifier.verify(new Uint8Array(await request.arrayBuffer()));
      return new Response('ok\n');
    } catch {
      return new Response('unauthorized\n', { status: 401 });
    }
  },
};
