// Type test of the receiver-state API: `tsc --noEmit` must accept this file, including the
// expected errors. make test-state copies it into the scratch project that installed the tarball.
import {
  StoreError,
  createStreamTracker,
  durableObjectStore,
  memoryStore,
  redisStore,
  verify,
  type StateStore,
  type StreamChange,
  type StreamStatus,
} from 'huaweicloud-live-callback';

const store: StateStore = memoryStore({ maxEntries: 10, clock: () => 0 });
const tracker = createStreamTracker({
  store,
  toleranceSeconds: 300,
  skewSeconds: 60n,
  claims: true,
});
const v = verify('{}', { key: 'k'.repeat(32) });

export async function use(): Promise<void> {
  const { change, state } = await tracker.apply(v, { now: 1700000000 });
  const c: StreamChange = change;
  const s: StreamStatus | undefined = state;
  const g = await tracker.get({ domain: 'd', app: 'a', stream: 's' });
  const live: boolean | undefined = g?.live;
  const { claimed, key } = await tracker.claim(v);
  const f = await tracker.claimFile(v);
  console.log(c, s, live, claimed, key.length, f.claimed, tracker.keys(v).claim);
  redisStore({}, { prefix: 'x:' });
  durableObjectStore({});
  // @ts-expect-error: the store is required
  createStreamTracker({});
  // @ts-expect-error: a change is one of five names
  const bad: StreamChange = 'revived';
  console.log(bad);
  try {
    await tracker.get({ domain: 'd', app: 'a', stream: 's' });
  } catch (e) {
    if (e instanceof StoreError) {
      const code: 'STORE_FAILED' | 'STORE_FULL' | 'STORE_CORRUPT' = e.code;
      console.log(code);
    }
  }
}
