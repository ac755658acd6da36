// Loads the package's browser build (scripts/serve.mjs generates /pkg-web.js from pkg/package.json).

/** The package's exports, initialised. */
export async function loadLib() {
  const mod = await import('../pkg-web.js');
  const m = mod.default && typeof mod.default === 'object' ? mod.default : mod;
  // wasm-bindgen's --target web build exports an init function as default (and initSync);
  // a wrapper that initialises itself has no initSync.
  if (typeof m.initSync === 'function' && typeof m.default === 'function') await m.default();
  else if (typeof m.init === 'function' && m.init.length === 0) await m.init();
  return m;
}
