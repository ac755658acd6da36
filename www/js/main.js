// The callback debugger: verify (explain) and sign Huawei Cloud Live callbacks, and sign and
// check signed URLs, in the page, with the package's WebAssembly build; nothing is sent anywhere.
// The keys live only in their inputs and in the modules' memory: never in the URL, never in
// storage. This module wires the views together and starts the page.
//
//   dom.js, format.js      small DOM and text helpers
//   lib.js                 loads the package's browser build (/pkg-web.js)
//   tabs.js                the mode tabs
//   keys.js                the key rows of the Verify tab
//   verify-view.js         the Verify tab's inputs; verify-render.js its output
//   sign-view.js           the Sign tab; sign-templates.js its callback templates
//   url-view.js            the Signed URL tab (and its vector checks)
//   fragment.js            the state in the URL fragment (never the keys)
//   examples.js            example buttons and the vector list
//   self-check.js          the vector files through this build
//   ../vectors/cases.mjs   the case reader shared with THE suite (tests/js/suites/cases.mjs)

import { $, flash } from './dom.js';
import { loadLib } from './lib.js';
import { setupTabs } from './tabs.js';
import { setupVerifyView } from './verify-view.js';
import { setupSignView } from './sign-view.js';
import { setupUrlTab } from './url-view.js';
import { setupFragment } from './fragment.js';
import { setupExamples } from './examples.js';
import { selfCheck, urlSelfCheck } from './self-check.js';
import { setVerdict } from './verify-render.js';

/** The package (web build), once loaded. */
let lib = null;
/** The shared vector file, once loaded. */
let vectors = null;
const getLib = () => lib;

// Late-bound: the views and the fragment refer to each other only through these hooks.
let fragment = null;
const saveFragment = () => fragment?.save();

const tabs = setupTabs({
  onSelect(mode) {
    if (mode === 'sign') sign.run();
    if (mode === 'url') urlTab.run();
    saveFragment();
  },
});
const verify = setupVerifyView({
  getLib,
  isActive: () => tabs.mode() === 'verify',
  onChange: saveFragment,
});
const sign = setupSignView({
  getLib,
  isActive: () => tabs.mode() === 'sign',
  onChange: saveFragment,
  onSendToVerify(s) {
    verify.setState({ payload: s.body, now: s.authTimestamp, md5: s.algorithm === 'MD5' });
    verify.setKeys([s.key]);
    tabs.select('verify');
    verify.schedule();
    verify.focusPayload();
  },
});
// The Signed URL tab; its key stays in its input, never in the fragment.
const urlTab = setupUrlTab(getLib);
fragment = setupFragment({ tabs, verify, sign });
const examples = setupExamples({
  getVectors: () => vectors,
  onLoad(state, keys) {
    verify.setState(state);
    verify.setKeys(keys);
    tabs.select('verify');
    verify.schedule();
  },
});

// The inputs sit in forms (so that password managers and browsers treat the key fields as
// such); nothing is ever submitted.
for (const f of document.querySelectorAll('form'))
  f.addEventListener('submit', (e) => e.preventDefault());

for (const b of document.querySelectorAll('[data-copy]')) {
  b.addEventListener('click', async () => {
    const text = $(b.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      flash(b, 'Copied');
    } catch {
      flash(b, 'Copy failed: select the text');
    }
  });
}

$('copy-link').addEventListener('click', async () => {
  fragment.save();
  try {
    await navigator.clipboard.writeText(location.href);
    flash($('copy-link'), 'Link copied (no keys in it)');
  } catch {
    flash($('copy-link'), 'Copy failed: copy the address bar');
  }
});

$('selfcheck-run').addEventListener('click', () => {
  selfCheck(lib, vectors);
  urlSelfCheck(lib);
});

async function main() {
  fragment.restore();
  const vectorsLoad = fetch(new URL('../vectors/callbacks.json', import.meta.url))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((v) => {
      vectors = v;
      examples.fill(v);
    })
    .catch((e) => {
      examples.fill(null);
      console.warn(`vector file: ${e.message}`);
    });
  try {
    lib = await loadLib();
  } catch (e) {
    setVerdict(
      '',
      `The verifier could not load: ${e.message}. Build the package (make serve does it).`,
    );
    console.error(e);
  }
  if (lib) {
    verify.run();
    sign.run();
    urlTab.run();
  }
  await vectorsLoad;
  document.documentElement.dataset.ready = 'true';
  await selfCheck(lib, vectors);
  await urlSelfCheck(lib);
}

main();
