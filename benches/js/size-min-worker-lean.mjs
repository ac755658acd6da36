// make bench, size part: the smallest useful Worker on the verify-only build
// (huaweicloud-live-callback/verify). Bundled by size.mjs next to size-min-worker.mjs.
import { Verifier } from 'huaweicloud-live-callback/verify';

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
