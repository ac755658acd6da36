// The page's state in the URL fragment (#mode=…&payload=…), so that a link can be shared.
// Browsers do not send the fragment to servers. The keys never go in it: it is written only from
// the views' getState(), which hold no key (the key inputs, the Sign key and the Signed URL key
// stay in their inputs).

const FRAGMENT_PAYLOAD_MAX = 8000;

/**
 * `tabs` is setupTabs()'s result, `verify` and `sign` the views. Returns { save, restore }.
 * @param {{ tabs: { mode: () => string, select: (mode: string) => void },
 *   verify: { getState: () => object, setState: (s: object) => void },
 *   sign: { getState: () => object, setState: (s: object) => void } }} views
 */
export function setupFragment({ tabs, verify, sign }) {
  let restoring = false;

  /** Writes the state into the fragment (history.replaceState: no new history entry). */
  function save() {
    if (restoring) return;
    const mode = tabs.mode();
    const v = verify.getState();
    const p = new URLSearchParams();
    p.set('mode', mode);
    if (v.payload && v.payload.length <= FRAGMENT_PAYLOAD_MAX) p.set('payload', v.payload);
    p.set('now', v.now);
    if (v.tolerance !== '300') p.set('tolerance', v.tolerance);
    if (v.maxFuture !== '86400') p.set('maxFuture', v.maxFuture);
    if (v.md5) p.set('md5', '1');
    if (v.domains) p.set('domains', v.domains);
    if (v.apps) p.set('apps', v.apps);
    if (v.unknown) p.set('unknown', '1');
    if (mode === 'sign') {
      const s = sign.getState();
      p.set('event', s.event);
      p.set('alg', s.alg);
      p.set('ts', s.ts);
      p.set('url', s.url);
      for (const [name, value] of Object.entries(s.fields)) p.set(`f.${name}`, value);
    }
    history.replaceState(null, '', `#${p.toString()}`);
  }

  /** Restores the state from the fragment (absent entries keep the controls' values). */
  function restore() {
    const p = new URLSearchParams(location.hash.slice(1));
    const opt = (name) => (p.has(name) ? p.get(name) : undefined);
    restoring = true;
    try {
      verify.setState({
        payload: opt('payload'),
        now: opt('now'),
        tolerance: opt('tolerance'),
        maxFuture: opt('maxFuture'),
        md5: p.get('md5') === '1',
        domains: p.get('domains') ?? '',
        apps: p.get('apps') ?? '',
        unknown: p.get('unknown') === '1',
      });
      sign.setState({
        event: p.get('event'),
        fields: (name) => opt(`f.${name}`),
        alg: p.get('alg'),
        ts: opt('ts'),
        url: opt('url'),
      });
      const mode = p.get('mode');
      if (mode === 'sign' || mode === 'url') tabs.select(mode);
    } finally {
      restoring = false;
    }
  }

  return { save, restore };
}
