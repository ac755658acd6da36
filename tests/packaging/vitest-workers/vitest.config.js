// The Workers pool cannot be chosen without a config file: this is the pool's documented minimum
// (nodejs_compat is required by the pool itself). Nothing here concerns huaweicloud-live-callback.
import { defineWorkersConfig } from '@cloudflare/vitest-pool-workers/config';

export default defineWorkersConfig({
  test: {
    poolOptions: {
      workers: {
        miniflare: { compatibilityDate: '2025-09-01', compatibilityFlags: ['nodejs_compat'] },
      },
    },
  },
});
