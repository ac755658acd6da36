// Browser tests of the callback debugger (www/), run by `make test-www`.
//
// Starts scripts/serve.mjs on a free 127.0.0.1 port, drives Debian's Chromium with playwright-core,
// and checks the page against the shared vector file tests/vectors/callbacks.json: verdicts and
// strings-to-sign, sign mode (the body verifies; curl and fetch snippets carry it exactly),
// privacy (every request same-origin; the key in no URL, storage, cookie or history state), the
// self-check, keyboard use, the server (MIME types, CSP, no traversal). Screenshots in light and
// dark schemes and on a narrow screen go to screenshots/ (git-ignored).
//
// Environment: CHROMIUM (default /usr/bin/chromium), WWW_SCREENSHOTS (default <repo>/screenshots),
// WWW_TEST_FILTER (substring of test names to run), WWW_PKG_DIR (another build of the package
// to serve, default <repo>/pkg).
// Last line: "N passed, N failed".

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { browserEntry, listen } from '../../scripts/serve.mjs';
import { caseOptions } from '../../tests/js/suites/cases.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VECTORS = JSON.parse(readFileSync(path.join(REPO, 'tests/vectors/callbacks.json'), 'utf8'));
const URL_VECTORS = JSON.parse(readFileSync(path.join(REPO, 'tests/vectors/urls.json'), 'utf8'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.WWW_SCREENSHOTS || path.join(REPO, 'screenshots');
const FILTER = process.env.WWW_TEST_FILTER || '';
const PKG_DIR = path.resolve(process.env.WWW_PKG_DIR || path.join(REPO, 'pkg'));

// ------------------------------------------------------------------------------------------------
// A tiny runner: sequential tests, "ok"/"not ok" lines, a final count.

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ------------------------------------------------------------------------------------------------
// Shared state: the server, the browser, and everything every page did.

let server;
let base; // http://127.0.0.1:PORT/
let origin;
let browser;
const allRequests = []; // { url, page }
const consoleProblems = []; // console errors/warnings and page errors, outside deliberate ones

async function newPage({
  colorScheme = 'light',
  viewport = { width: 1280, height: 900 },
  hash = '',
  expectConsoleErrors = false,
} = {}) {
  const context = await browser.newContext({ colorScheme, viewport, permissions: [] });
  const page = await context.newPage();
  const label = `${colorScheme} ${viewport.width}px`;
  page.on('request', (r) => allRequests.push({ url: r.url(), page: label }));
  if (!expectConsoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        consoleProblems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  }
  await page.goto(base + (hash ? `#${hash}` : ''));
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  return { context, page };
}

async function withPage(opts, fn) {
  const { context, page } = await newPage(opts);
  try {
    return await fn(page);
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Vector helpers

const cases = VECTORS.cases;
const byName = (name) => {
  const c = cases.find((x) => x.name === name);
  assert.ok(c, `vector ${name} is in the file`);
  return c;
};
const defaults = VECTORS.defaults;

// The test's own statement of the verdict rule (src/explain.rs, Verdict::for_error), an oracle
// independent of the page: the page itself shows, and its self-check expects, explain's verdict.
function expectedVerdict(expect) {
  if (expect.ok) return expect.algorithm === 'MD5' ? 'WEAK' : 'VALID';
  if (expect.error === 'EXPIRED' || expect.error === 'TIMESTAMP_IN_FUTURE') return 'EXPIRED';
  if (
    [
      'MALFORMED_JSON',
      'UNKNOWN_CALLBACK',
      'MISSING_FIELD',
      'INVALID_FIELD',
      'DUPLICATE_FIELD',
      'BODY_TOO_LARGE',
    ].includes(expect.error)
  )
    return 'MALFORMED';
  return 'INVALID';
}

/** The string-to-sign the page shows (for MD5 it excludes the key, as in the vector file). */
function expectedSts(expect) {
  return typeof expect.stringToSign === 'string' ? expect.stringToSign : null;
}

/** Whether a case can be typed into the page's controls exactly. */
function typeable(c) {
  if (typeof c.body !== 'string') return false; // bytes that are not UTF-8, or huge generated bodies
  if (c.body === '') return false; // an empty Payload is the page's "paste a body" state
  if (c.body.includes('\r')) return false; // a textarea turns CR and CRLF into LF
  if (c.options.maxBodyBytes != null) return false; // no control for it (the default 1 MiB applies)
  if (c.body.length > 65536) return false;
  // An <input> drops line breaks from its value: such keys cannot be typed.
  if (c.keys.some((k) => /[\r\n]/.test(k.key))) return false;
  // The Domains and Apps fields are comma-separated lists: an empty or comma entry cannot be typed.
  if (
    [...(c.options.domains ?? []), ...(c.options.apps ?? [])].some(
      (v) => v.trim() === '' || v.includes(','),
    )
  )
    return false;
  return true;
}

/** Fills the verify controls with a case the way a person would (fill = paste). */
async function fillCase(page, c) {
  await page.getByLabel('Payload', { exact: true }).fill(c.body);
  // Key rows: as many as the case has (at least one).
  const want = Math.max(c.keys.length, 1);
  let rows = await page.locator('[data-key-input]').count();
  for (; rows < want; rows++) await page.getByRole('button', { name: 'Add key' }).click();
  for (; rows > want; rows--)
    await page.getByRole('button', { name: `Remove key ${rows}` }).click();
  for (let i = 0; i < c.keys.length; i++) {
    await page.getByLabel(i === 0 ? 'Key' : `Key ${i + 1}`, { exact: true }).fill(c.keys[i].key);
  }
  if (c.keys.length === 0) await page.getByLabel('Key', { exact: true }).fill('');
  // The case's options with the file's defaults filled in, by the reader THE suite uses.
  const o = caseOptions(c, defaults);
  await page.getByLabel('Now', { exact: true }).fill(String(o.now));
  await page.getByLabel('Tolerance (s)', { exact: true }).fill(String(o.toleranceSeconds));
  await page.getByLabel('Max future (s)', { exact: true }).fill(String(o.maxFutureSeconds));
  await page.getByLabel('Allow MD5', { exact: true }).setChecked(!!o.allowMd5);
  await page.getByLabel('Domains', { exact: true }).fill((o.domains ?? []).join(', '));
  await page.getByLabel('Apps', { exact: true }).fill((o.apps ?? []).join(', '));
  await page.getByLabel('Allow unknown events', { exact: true }).setChecked(!!o.allowUnknownEvents);
}

/** What the page shows about the current payload. */
function readResult(page) {
  return page.evaluate(() => {
    const v = document.getElementById('verdict');
    const sts = document.getElementById('sts');
    const visible = (id) => !document.getElementById(id).closest('[hidden]');
    return {
      verdict: v.dataset.verdict,
      text: v.textContent,
      role: v.getAttribute('role'),
      live: v.getAttribute('aria-live'),
      sts: visible('sts') ? sts.textContent : null,
      stsData: sts.dataset.sts,
      parts: [...sts.querySelectorAll('.part')].map((p) => ({
        field: p.dataset.field,
        value: p.textContent,
      })),
      kind: document.getElementById('kind').textContent,
      event: document.getElementById('event').textContent,
      algorithm: document.getElementById('algorithm').textContent,
      received: document.getElementById('sig-received').textContent,
      expected: document.getElementById('sig-expected').textContent,
      markReceived: [...document.querySelectorAll('#sig-received mark')].map((m) => m.textContent),
      markExpected: [...document.querySelectorAll('#sig-expected mark')].map((m) => m.textContent),
      receivedPrefix:
        document.getElementById('sig-received').firstChild?.nodeType === 3
          ? document.getElementById('sig-received').firstChild.textContent
          : '',
      timing: document.getElementById('timing').textContent,
      signed: document.getElementById('signed-fields').textContent,
      unsigned: document.getElementById('unsigned-fields').textContent,
      hints: [...document.querySelectorAll('#hints li')].map((l) => l.textContent),
      problems: [...document.querySelectorAll('#problems li')].map((l) => l.textContent),
      keyUsed: document.getElementById('key-used').textContent,
    };
  });
}

/** Checks what the page shows for a case against the vector's expectation. */
function checkShown(c, r) {
  const e = c.expect;
  const want = expectedVerdict(e);
  assert.equal(r.verdict, want, `${c.name}: verdict (text: ${r.text})`);
  assert.ok(
    r.text.startsWith(`${want} — `),
    `${c.name}: the status starts with ${want} and a reason: ${JSON.stringify(r.text)}`,
  );
  assert.ok(r.text.length > want.length + 12, `${c.name}: a reason follows the verdict`);
  const sts = expectedSts(e);
  if (sts !== null) {
    assert.equal(r.stsData, sts, `${c.name}: string to sign`);
    assert.equal(r.sts, sts, `${c.name}: string to sign as displayed`);
    assert.equal(
      r.parts.map((p) => p.value).join(''),
      sts,
      `${c.name}: the parts make up the string to sign`,
    );
  }
  if (e.event) assert.equal(r.event, e.event, `${c.name}: event`);
  if (e.algorithm) assert.equal(r.algorithm, e.algorithm, `${c.name}: algorithm`);
  if (e.kind)
    assert.ok(
      r.kind.includes(e.kind === 'stream' ? 'stream' : 'recording'),
      `${c.name}: kind shown (${r.kind})`,
    );
}

// ------------------------------------------------------------------------------------------------
// Raw HTTP (no URL normalisation, so traversal attempts reach the server as written)

function rawGet(pathname, method = 'GET') {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = http.request({ host: u.hostname, port: u.port, path: pathname, method }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

// ================================================================================================
// Tests

test('server: MIME types, CSP header, only GET/HEAD, bound to 127.0.0.1', async () => {
  const index = await rawGet('/');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  const csp = index.headers['content-security-policy'];
  assert.ok(csp, 'a CSP header');
  for (const d of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ]) {
    assert.ok(csp.includes(d), `CSP has ${d}`);
  }
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  for (const js of ['/js/main.js', '/js/self-check.js', '/js/url-view.js', '/vectors/cases.mjs']) {
    const r = await rawGet(js);
    assert.equal(r.status, 200, js);
    assert.match(r.headers['content-type'], /^text\/javascript/, js);
  }
  assert.match((await rawGet('/style.css')).headers['content-type'], /^text\/css/);
  assert.match(
    (await rawGet('/vectors/callbacks.json')).headers['content-type'],
    /^application\/json/,
  );
  const entry = await rawGet('/pkg-web.js');
  assert.equal(entry.status, 200);
  assert.match(entry.headers['content-type'], /^text\/javascript/);
  // The wasm file of the package's web build.
  const manifest = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
  const files = execFileSync(
    'find',
    ['.', '-name', '*.wasm', '-not', '-path', '*/node_modules/*'],
    { cwd: PKG_DIR, encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean);
  assert.ok(files.length > 0, `the package (${manifest.name}) contains a .wasm file`);
  for (const f of files) {
    const r = await rawGet(`/pkg/${f.replace(/^\.\//, '')}`);
    assert.equal(r.status, 200, f);
    assert.equal(r.headers['content-type'], 'application/wasm', f);
    assert.equal(r.body.subarray(0, 4).toString('hex'), '0061736d', `${f} is wasm`);
  }
  assert.equal((await rawGet('/', 'POST')).status, 405);
  assert.equal((await rawGet('/', 'HEAD')).status, 200);
  assert.equal(server.address().address, '127.0.0.1');
});

test('server: no directory traversal, no dotfiles, no test folder', async () => {
  const attempts = [
    '/../Cargo.toml',
    '/../../etc/passwd',
    '/%2e%2e/Cargo.toml',
    '/%2e%2e%2fCargo.toml',
    '/pkg/../Cargo.toml',
    '/pkg/%2e%2e/Cargo.toml',
    '/pkg/..%2f..%2fetc%2fpasswd',
    '/..%5cCargo.toml',
    '/%00index.html',
    '/index.html%00.js',
    '/tests/package.json',
    '/tests/run.mjs',
    '/.gitignore',
    '/pkg/.gitignore',
    '/%',
  ];
  for (const a of attempts) {
    const r = await rawGet(a);
    assert.ok(r.status === 404 || r.status === 400, `${a} -> ${r.status}`);
    assert.ok(!r.body.toString().includes('[package]'), `${a} leaks Cargo.toml`);
    assert.ok(!r.body.toString().includes('root:'), `${a} leaks /etc/passwd`);
  }
});

test('page loads the package, the self-check reports N/N vectors agree', async () => {
  await withPage({}, async (page) => {
    await page.waitForSelector(
      '#selfcheck[data-state="pass"], #selfcheck[data-state="fail"], #selfcheck[data-state="error"]',
      { timeout: 120000 },
    );
    const text = await page.locator('#selfcheck').textContent();
    const total = VECTORS.cases.length + (VECTORS.sign || []).length;
    const failures = await page.locator('#selfcheck-failures li').allTextContents();
    assert.equal(
      text,
      `self-check: ${total}/${total} vectors agree`,
      failures.slice(0, 5).join('\n'),
    );
    assert.equal(await page.locator('#selfcheck').getAttribute('role'), 'status');
  });
});

test('self-check can fail: a vector file with a wrong expectation is reported', async () => {
  // Serve a doctored vector file to this page only (same origin, intercepted): one signature changed.
  const { context, page } = await newPage({ expectConsoleErrors: true });
  try {
    const doctored = JSON.parse(JSON.stringify(VECTORS));
    const victim = doctored.cases.find((c) => c.expect.ok && typeof c.body === 'string');
    victim.expect.event = 'NOT_THE_EVENT';
    await page.route('**/vectors/callbacks.json', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(doctored),
      }),
    );
    await page.reload();
    await page.waitForSelector('#selfcheck[data-state="fail"]', { timeout: 120000 });
    const total = doctored.cases.length + (doctored.sign || []).length;
    assert.equal(
      await page.locator('#selfcheck').textContent(),
      `self-check: ${total - 1}/${total} vectors agree`,
    );
    const failures = await page.locator('#selfcheck-failures li').allTextContents();
    assert.equal(failures.length, 1);
    assert.ok(failures[0].includes(victim.name), failures[0]);
  } finally {
    await context.close();
  }
});

test('self-check can fail: a verdict that differs between cases of one error code is reported', async () => {
  // The page takes the expected verdict from the package (explain's), so the self-check holds the
  // package to one verdict per expected outcome. Serve this page a build whose explain gives one
  // EXPIRED case (not the first) another verdict: that case, and only it, must be reported.
  const { context, page } = await newPage({ expectConsoleErrors: true });
  try {
    const unique = (c) => cases.filter((x) => x.body === c.body).length === 1;
    const expired = cases.filter(
      (c) => c.expect.error === 'EXPIRED' && typeof c.body === 'string' && unique(c),
    );
    assert.ok(expired.length >= 2, 'two EXPIRED cases, each with a body of its own');
    const victim = expired[1];
    const entry = JSON.stringify(`./pkg/${browserEntry(PKG_DIR)}`);
    const src = `import * as real from ${entry};
export * from ${entry};
export function explain(body, options) {
  const x = real.explain(body, options);
  return body === ${JSON.stringify(victim.body)} ? { ...x, verdict: 'INVALID' } : x;
}
export default { ...real, explain };
`;
    await page.route('**/pkg-web.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: src }),
    );
    await page.reload();
    await page.waitForSelector('#selfcheck[data-state="fail"]', { timeout: 120000 });
    const total = cases.length + (VECTORS.sign || []).length;
    assert.equal(
      await page.locator('#selfcheck').textContent(),
      `self-check: ${total - 1}/${total} vectors agree`,
    );
    const failures = await page.locator('#selfcheck-failures li').allTextContents();
    assert.equal(failures.length, 1, failures.join('\n'));
    assert.ok(
      failures[0].includes(victim.name) &&
        failures[0].includes('explain verdict INVALID for EXPIRED'),
      failures[0],
    );
  } finally {
    await context.close();
  }
});

test('verify: a valid stream sample, typed key by key, updates as you type', async () => {
  await withPage({}, async (page) => {
    const c = byName('stream/PUBLISH/hmac/valid-doc-example');
    await page.getByLabel('Payload', { exact: true }).fill(c.body);
    await page.getByLabel('Now', { exact: true }).fill(String(c.options.now));
    let r = await readResult(page);
    assert.equal(r.verdict, 'INVALID', 'no key yet');
    assert.match(r.text, /^INVALID — enter the key/);
    assert.equal(r.stsData, c.expect.stringToSign, 'the string to sign shows without a key');
    const key = page.getByLabel('Key', { exact: true });
    assert.equal(await key.getAttribute('type'), 'password');
    await key.focus();
    await page.keyboard.type(c.keys[0].key.slice(0, -1));
    r = await readResult(page);
    assert.equal(r.verdict, 'INVALID', 'one character short');
    await page.keyboard.type(c.keys[0].key.slice(-1));
    r = await readResult(page);
    checkShown(c, r);
    assert.equal(r.verdict, 'VALID');
    assert.equal(r.role, 'status');
    assert.equal(r.live, 'polite');
    assert.deepEqual(
      r.parts.map((p) => p.field),
      c.expect.signedFields,
      'each part is marked with its field',
    );
    assert.equal(r.received, c.expect.signature);
    assert.equal(r.expected, c.expect.signature);
    assert.equal(r.markReceived.length, 0, 'nothing highlighted when they match');
    assert.equal(r.signed, c.expect.signedFields.join(', '));
    for (const f of ['user_args', 'client_ip', 'node_ip', 'publish_timestamp'])
      assert.ok(r.unsigned.includes(f), `${f} listed as unsigned`);
    assert.match(r.timing, /240 s left|4 min left/);
    // The show toggle.
    await page.getByLabel('Show keys', { exact: true }).check();
    assert.equal(await key.getAttribute('type'), 'text');
  });
});

test('verify: Now follows the clock until edited; "Current time" makes it follow again', async () => {
  await withPage({}, async (page) => {
    const now = page.getByLabel('Now', { exact: true });
    const wall = () => Math.floor(Date.now() / 1000);
    const first = Number(await now.inputValue());
    assert.ok(Math.abs(first - wall()) <= 5, `Now ${first} is the current time ${wall()}`);
    await page.waitForFunction((v) => Number(document.getElementById('now').value) > v, first, {
      timeout: 5000,
    });
    await now.fill('1587954200');
    await page.waitForTimeout(1500);
    assert.equal(await now.inputValue(), '1587954200', 'an edited Now stays');
    await page.getByRole('button', { name: 'Current time' }).click();
    assert.ok(Math.abs(Number(await now.inputValue()) - wall()) <= 5);
    const again = Number(await now.inputValue());
    await page.waitForFunction((v) => Number(document.getElementById('now').value) > v, again, {
      timeout: 5000,
    });
  });
});

test('verify: tampered samples are INVALID, with the first differing character highlighted', async () => {
  const tampered = cases.filter((c) => /\/tampered-/.test(c.name) && typeable(c) && !c.expect.ok);
  assert.ok(tampered.length >= 5, `tampered cases in the file: ${tampered.length}`);
  await withPage({}, async (page) => {
    for (const c of tampered) {
      await fillCase(page, c);
      const r = await readResult(page);
      checkShown(c, r);
      assert.equal(r.verdict, 'INVALID');
      assert.match(r.text, /^INVALID — the signature does not match your key/);
      const received = JSON.parse(c.body).auth_sign.toLowerCase();
      const expected = c.expect.signature;
      let i = 0;
      while (received[i] === expected[i]) i++;
      assert.equal(r.received.toLowerCase(), received);
      assert.equal(r.expected, expected);
      assert.deepEqual(
        r.markReceived,
        [JSON.parse(c.body).auth_sign[i]],
        `${c.name}: highlighted received character`,
      );
      assert.deepEqual(r.markExpected, [expected[i]], `${c.name}: highlighted expected character`);
      assert.ok(
        r.hints.some((h) => h.includes('key of')),
        `${c.name}: hint about the key of another domain`,
      );
    }
  });
});

test('verify: expired samples are EXPIRED, with the time since expiry; "Set Now" revives them', async () => {
  const expired = cases.filter((c) => c.expect.error === 'EXPIRED' && typeable(c));
  assert.ok(expired.length >= 3, `expired cases: ${expired.length}`);
  await withPage({}, async (page) => {
    for (const c of expired) {
      await fillCase(page, c);
      const r = await readResult(page);
      checkShown(c, r);
      assert.match(r.text, /^EXPIRED — the signature is right, but the callback expired/);
      assert.match(r.timing, /expired .+ ago/);
    }
    const c = byName('stream/PUBLISH/hmac/expired-by-one-second');
    await fillCase(page, c);
    assert.match((await readResult(page)).timing, /expired 1 s ago/);
    await page.getByRole('button', { name: 'Set Now to auth_timestamp' }).click();
    assert.equal(
      await page.getByLabel('Now', { exact: true }).inputValue(),
      c.expect.authTimestamp,
    );
    assert.equal((await readResult(page)).verdict, 'VALID');
  });
});

test('verify: MD5 samples are WEAK when allowed (body not authenticated), INVALID when not', async () => {
  const md5 = cases.filter((c) => c.expect.ok && c.expect.algorithm === 'MD5' && typeable(c));
  assert.ok(md5.length >= 5, `MD5 cases: ${md5.length}`);
  await withPage({}, async (page) => {
    for (const c of md5) {
      await fillCase(page, c);
      const r = await readResult(page);
      checkShown(c, r);
      assert.equal(r.verdict, 'WEAK');
      assert.match(r.text, /NOT authenticated/);
      assert.deepEqual(
        r.parts.map((p) => p.field),
        ['auth_timestamp'],
      );
      assert.equal(await page.locator('#sts-md5').isVisible(), true, 'says MD5 prefixes the key');
      assert.equal(r.signed, 'auth_timestamp');
      await page.getByLabel('Allow MD5', { exact: true }).uncheck();
      const refused = await readResult(page);
      assert.equal(refused.verdict, 'INVALID', `${c.name} without Allow MD5`);
      assert.match(refused.text, /MD5/);
      assert.ok(refused.problems.some((p) => p.startsWith('MD5_NOT_ALLOWED')));
    }
  });
});

test('verify: malformed samples are MALFORMED, with the reason', async () => {
  const malformed = cases.filter((c) => expectedVerdict(c.expect) === 'MALFORMED' && typeable(c));
  assert.ok(malformed.length >= 20, `malformed cases: ${malformed.length}`);
  await withPage({}, async (page) => {
    for (const c of malformed) {
      await fillCase(page, c);
      const r = await readResult(page);
      checkShown(c, r);
      assert.ok(
        r.problems.some((p) => p.startsWith(c.expect.error)),
        `${c.name}: problem ${c.expect.error} listed: ${r.problems}`,
      );
    }
  });
});

test('verify: every typeable vector gives its verdict and string to sign (loaded from "Any test vector")', async () => {
  const all = cases.filter(typeable);
  const skipped = cases.length - all.length;
  assert.ok(all.length > 250, `typeable cases: ${all.length}`);
  await withPage({}, async (page) => {
    const select = page.getByLabel('Any test vector', { exact: true });
    let n = 0;
    for (const c of all) {
      await select.selectOption(c.name);
      const r = await readResult(page);
      checkShown(c, r);
      n++;
    }
    assert.equal(n, all.length);
  });
  console.log(
    `#   ${all.length} vectors through the page's controls; ${skipped} not typeable (bytes, CR, >64 KiB, key with a line break, maxBodyBytes): the self-check covers them`,
  );
});

test('verify: key rotation, whitespace in the key, re-printed body: the hints say so', async () => {
  await withPage({}, async (page) => {
    const c = byName('stream/PUBLISH/hmac/valid-doc-example');
    // Two keys, the second matches.
    await fillCase(page, { ...c, keys: [{ key: VECTORS.keys.other }, { key: c.keys[0].key }] });
    let r = await readResult(page);
    assert.equal(r.verdict, 'VALID');
    assert.match(r.keyUsed, /Key 2/);
    assert.match(r.text, /Key 2/);
    assert.equal(await page.locator('#key-table').isVisible(), true, 'one row per key');
    assert.equal(await page.locator('#key-rows tr').count(), 2);
    // A trailing space on the key.
    await page.getByRole('button', { name: 'Remove key 2' }).click();
    await page.getByLabel('Key', { exact: true }).fill(`${c.keys[0].key} `);
    r = await readResult(page);
    assert.equal(r.verdict, 'INVALID');
    assert.ok(
      r.hints.some((h) => /whitespace/.test(h) && /key/.test(h)),
      r.hints.join('\n'),
    );
    // A re-printed (Python) object instead of the raw body.
    await page.getByLabel('Key', { exact: true }).fill(c.keys[0].key);
    await page
      .getByLabel('Payload', { exact: true })
      .fill(`{'event': 'PUBLISH', 'domain': 'push.example.com', 'auth_sign': None}`);
    r = await readResult(page);
    assert.equal(r.verdict, 'MALFORMED');
    assert.ok(
      r.hints.some((h) => /re-printed object/.test(h)),
      r.hints.join('\n'),
    );
    // A signed value with a combining accent (NFD): shown as \u{0301}, and said.
    const nfd = byName('stream/PUBLISH/hmac/tampered-unicode-normalisation');
    await fillCase(page, nfd);
    r = await readResult(page);
    assert.equal(r.verdict, 'INVALID');
    const cells = await page.locator('#parts tr').nth(3).locator('td').allTextContents();
    assert.deepEqual(
      cells,
      ['4', '"cafe\\u{0301}"', '6'],
      'the stream part, its invisible accent and its UTF-8 length',
    );
    assert.ok(
      r.hints.some((h) => /stream is not in Unicode NFC/.test(h)),
      r.hints.join('\n'),
    );
    const spaced = byName('stream/PUBLISH/hmac/tampered-app-trailing-space');
    await fillCase(page, spaced);
    r = await readResult(page);
    assert.ok(
      r.hints.some((h) => h.includes('app has whitespace at its start or end ("live ")')),
      r.hints.join('\n'),
    );
    // A 32-character signature on a stream notification: the wrong algorithm.
    const md5ish = byName('stream/PUBLISH/hmac/auth_sign-32-hex-md5-length');
    await fillCase(page, md5ish);
    r = await readResult(page);
    assert.equal(r.verdict, 'MALFORMED');
    assert.ok(
      r.hints.some((h) => /MD5/.test(h) && /HMAC-SHA256/.test(h)),
      r.hints.join('\n'),
    );
  });
});

test('examples: one click loads a sample of each kind with its key', async () => {
  await withPage({}, async (page) => {
    const want = {
      'Stream PUBLISH': 'VALID',
      'Recording file complete': 'VALID',
      Tampered: 'INVALID',
      Expired: 'EXPIRED',
      'MD5 (weak)': 'WEAK',
      Malformed: 'MALFORMED',
    };
    const kinds = new Set();
    for (const [name, verdict] of Object.entries(want)) {
      await page.getByRole('button', { name, exact: true }).click();
      const r = await readResult(page);
      assert.equal(r.verdict, verdict, `${name}: ${r.text}`);
      if (r.kind !== '—') kinds.add(r.kind.includes('stream') ? 'stream' : 'recording');
      if (verdict !== 'MALFORMED')
        assert.notEqual(
          await page.getByLabel('Key', { exact: true }).inputValue(),
          '',
          `${name} loads its key`,
        );
    }
    assert.deepEqual([...kinds].sort(), ['recording', 'stream']);
  });
});

async function signAndRead(page, { event, algorithm, fieldEdits = {} }) {
  await page.getByLabel('Event', { exact: true }).selectOption(event);
  await page.getByLabel('Algorithm', { exact: true }).selectOption(algorithm);
  for (const [f, v] of Object.entries(fieldEdits))
    await page.getByLabel(f, { exact: true }).fill(v);
  return page.evaluate(() => ({
    status: document.getElementById('sign-status').textContent,
    body: document.getElementById('signed-body').textContent,
    sts: document.getElementById('sign-sts').textContent,
    signature: document.getElementById('sign-signature').textContent,
    curl: document.getElementById('sign-curl').textContent,
    fetch: document.getElementById('sign-fetch').textContent,
  }));
}

/** What bash passes to `curl` when it runs the page's command (curl replaced by a function). */
function curlArgs(command) {
  const out = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

test('sign: every event of both kinds, both algorithms: the body verifies; curl and fetch carry it exactly', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('tab', { name: 'Sign', exact: true }).click();
    assert.equal(await page.locator('#panel-sign').isVisible(), true);
    await page.getByRole('button', { name: 'Generate' }).click();
    const key = await page.getByLabel('Signing key', { exact: true }).inputValue();
    assert.match(key, /^[A-Za-z0-9]{32,128}$/, 'a generated key of letters and digits');
    assert.equal(
      await page.getByLabel('Signing key', { exact: true }).getAttribute('type'),
      'password',
    );
    const ts = '1700000000';
    await page.getByLabel('auth_timestamp', { exact: true }).fill(ts);
    const url = "http://127.0.0.1:3000/it's/callback?a=1&b=$HOME";
    await page.getByLabel('Endpoint URL', { exact: true }).fill(url);
    const events = [
      'PUBLISH',
      'PUBLISH_DONE',
      'RECORD_START',
      'RECORD_NEW_FILE_START',
      'RECORD_FILE_COMPLETE',
      'RECORD_OVER',
      'RECORD_FAILED',
    ];
    let signedCount = 0;
    for (const event of events) {
      const stream = event.startsWith('PUBLISH');
      for (const algorithm of stream ? ['HMAC-SHA256'] : ['HMAC-SHA256', 'MD5']) {
        // A value with a quote, a backslash, a dollar and non-ASCII, to exercise the quoting.
        const s = await signAndRead(page, {
          event,
          algorithm,
          fieldEdits: { stream: 'it\'s "my" $stream\\1 直播' },
        });
        assert.ok(s.body.startsWith('{'), `${event}/${algorithm}: a body (${s.status})`);
        const sent = JSON.parse(s.body);
        assert.equal(sent[stream ? 'event' : 'event_type'], event);
        assert.equal(sent.stream, 'it\'s "my" $stream\\1 直播');
        assert.equal(String(sent.auth_timestamp), ts);
        assert.equal(sent.auth_sign, s.signature);
        // The package verifies it (in the page, the same build).
        const v = await page.evaluate(
          async ({ body, key, ts, md5 }) => {
            const m = await import('/pkg-web.js');
            const lib = m.default && typeof m.default === 'object' ? m.default : m;
            try {
              const r = lib.verify(body, {
                keys: [{ id: 'k', key }],
                now: Number(ts),
                allowMd5: md5,
              });
              return {
                ok: true,
                event: r.event,
                algorithm: r.algorithm,
                bodyAuthenticated: r.bodyAuthenticated,
              };
            } catch (e) {
              return { ok: false, code: e.code, message: e.message };
            }
          },
          { body: s.body, key, ts, md5: algorithm === 'MD5' },
        );
        assert.deepEqual(
          v,
          { ok: true, event, algorithm, bodyAuthenticated: algorithm !== 'MD5' },
          `${event}/${algorithm}`,
        );
        // curl: bash hands curl exactly the URL and the body.
        const args = curlArgs(s.curl);
        assert.deepEqual(args.slice(0, 4), ['-sS', '-X', 'POST', url]);
        assert.equal(
          args[args.indexOf('--data-raw') + 1],
          s.body,
          `${event}/${algorithm}: curl body`,
        );
        assert.ok(args.includes('Content-Type: application/json'));
        // fetch: the snippet calls fetch with the URL and the body.
        const calls = [];
        const fakeFetch = async (u, init) => calls.push({ u, init });
        const AsyncFunction = (async () => {}).constructor;
        await new AsyncFunction('fetch', s.fetch)(fakeFetch);
        assert.equal(calls.length, 1);
        assert.equal(calls[0].u, url);
        assert.equal(calls[0].init.method, 'POST');
        assert.equal(calls[0].init.body, s.body, `${event}/${algorithm}: fetch body`);
        signedCount++;
      }
    }
    assert.equal(signedCount, 12);
    // MD5 is not offered for stream notifications.
    await page.getByLabel('Event', { exact: true }).selectOption('PUBLISH');
    assert.equal(await page.locator('#sign-algorithm option[value="MD5"]').isDisabled(), true);
    // "Open in Verify" checks the signed body with the same key.
    await page.getByRole('button', { name: 'Open in Verify' }).click();
    const r = await readResult(page);
    assert.equal(r.verdict, 'VALID', r.text);
    assert.equal(r.event, 'PUBLISH');
  });
});

test('sign: a bad key or field is explained, not signed', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('tab', { name: 'Sign', exact: true }).click();
    await page.getByLabel('Signing key', { exact: true }).fill('short');
    let s = await signAndRead(page, { event: 'RECORD_FILE_COMPLETE', algorithm: 'HMAC-SHA256' });
    assert.equal(s.body, '');
    assert.match(s.status, /Cannot sign: .*key/i);
    await page.getByRole('button', { name: 'Generate' }).click();
    s = await signAndRead(page, {
      event: 'RECORD_FILE_COMPLETE',
      algorithm: 'HMAC-SHA256',
      fieldEdits: { file_size: '12kB' },
    });
    assert.equal(s.body, '');
    assert.match(s.status, /file_size/);
  });
});

test('privacy: every request is same-origin; the key is in no URL, storage, cookie or history state', async () => {
  const secret = 'Zq8SECRETkeyNeverLeaves4Page0000000000x9';
  await withPage({}, async (page) => {
    const c = byName('stream/PUBLISH/hmac/valid-doc-example');
    await fillCase(page, c);
    await page.getByLabel('Key', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByLabel('Key 2', { exact: true }).fill(`${secret}2`);
    await page.getByRole('tab', { name: 'Sign', exact: true }).click();
    await page.getByLabel('Signing key', { exact: true }).fill(`${secret}3`);
    await page.getByLabel('auth_timestamp', { exact: true }).fill('1700000000');
    assert.ok((await page.locator('#signed-body').textContent()).includes('auth_sign'), 'signed');
    await page.getByRole('tab', { name: 'Verify' }).click();
    await page.waitForTimeout(50);
    const state = await page.evaluate(() => ({
      href: location.href,
      local: JSON.stringify(Object.entries(localStorage)),
      session: JSON.stringify(Object.entries(sessionStorage)),
      cookie: document.cookie,
      history: JSON.stringify(history.state),
      localLength: localStorage.length,
      sessionLength: sessionStorage.length,
    }));
    for (const [where, value] of Object.entries(state)) {
      assert.ok(!String(value).includes('SECRETkey'), `the key is not in ${where}: ${value}`);
    }
    assert.equal(state.localLength, 0, 'nothing in localStorage');
    assert.equal(state.sessionLength, 0, 'nothing in sessionStorage');
    assert.ok(state.href.includes('#'), 'the rest of the state is in the fragment');
    assert.ok(
      decodeURIComponent(state.href).includes('"event":"PUBLISH"'),
      'the payload is in the fragment',
    );
    // The page says so.
    const privacy = (await page.locator('#privacy').textContent()).replace(/\s+/g, ' ');
    assert.match(privacy, /No request leaves this page's origin/);
    assert.match(privacy, /never put in the URL or in browser storage/);
  });
  // Every request any page of this run made, so far and from now on, is checked at the end too.
  const foreign = allRequests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.ok(allRequests.length > 10, `requests recorded: ${allRequests.length}`);
});

test('privacy: the CSP stops a request to another origin (meta tag and header)', async () => {
  const { context, page } = await newPage({ expectConsoleErrors: true });
  try {
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    assert.ok(meta.includes("connect-src 'self'") && meta.includes("default-src 'self'"), meta);
    const outcome = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.violatedDirective),
      );
      let result;
      try {
        await fetch('http://127.0.0.2:9/leak');
        result = 'sent';
      } catch {
        result = 'blocked';
      }
      await new Promise((r) => setTimeout(r, 50));
      return { result, violations };
    });
    assert.equal(outcome.result, 'blocked');
    assert.ok(outcome.violations.includes('connect-src'), JSON.stringify(outcome.violations));
  } finally {
    await context.close();
  }
});

test('fragment: shared state is restored, the key is not', async () => {
  const c = byName('record/RECORD_FILE_COMPLETE/md5/valid');
  let href;
  await withPage({}, async (page) => {
    await fillCase(page, c);
    assert.equal((await readResult(page)).verdict, 'WEAK');
    href = await page.evaluate(() => location.href);
  });
  const hash = new URL(href).hash.slice(1);
  await withPage({ hash }, async (page) => {
    assert.equal(await page.getByLabel('Payload', { exact: true }).inputValue(), c.body);
    assert.equal(await page.getByLabel('Now', { exact: true }).inputValue(), String(c.options.now));
    assert.equal(await page.getByLabel('Allow MD5', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), '');
    const r = await readResult(page);
    assert.equal(r.verdict, 'INVALID');
    assert.equal(r.stsData, c.expect.stringToSign);
  });
});

test('fragment: sign-mode fields are restored, the signing key is not', async () => {
  let href;
  await withPage({}, async (page) => {
    await page.getByRole('tab', { name: 'Sign', exact: true }).click();
    await page.getByLabel('Event', { exact: true }).selectOption('RECORD_FAILED');
    await page.getByLabel('Algorithm', { exact: true }).selectOption('MD5');
    await page.getByLabel('error_message', { exact: true }).fill('OBS said no & gave up');
    await page.getByLabel('auth_timestamp', { exact: true }).fill('1700000123');
    await page.getByRole('button', { name: 'Generate' }).click();
    const key = await page.getByLabel('Signing key', { exact: true }).inputValue();
    href = await page.evaluate(() => location.href);
    assert.ok(!href.includes(key), 'the signing key is not in the URL');
  });
  await withPage({ hash: new URL(href).hash.slice(1) }, async (page) => {
    assert.equal(await page.locator('#panel-sign').isVisible(), true);
    assert.equal(await page.getByLabel('Event', { exact: true }).inputValue(), 'RECORD_FAILED');
    assert.equal(await page.getByLabel('Algorithm', { exact: true }).inputValue(), 'MD5');
    assert.equal(
      await page.getByLabel('error_message', { exact: true }).inputValue(),
      'OBS said no & gave up',
    );
    assert.equal(
      await page.getByLabel('auth_timestamp', { exact: true }).inputValue(),
      '1700000123',
    );
    assert.equal(await page.getByLabel('Signing key', { exact: true }).inputValue(), '');
    assert.match(await page.locator('#sign-status').textContent(), /Enter a key/);
  });
});

test('keyboard: tabs by arrow keys, controls reachable by Tab, Generate by Enter', async () => {
  await withPage({}, async (page) => {
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement.textContent),
      'Skip to the debugger',
    );
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-verify');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-sign');
    assert.equal(await page.locator('#panel-sign').isVisible(), true);
    assert.equal(await page.locator('#panel-verify').isVisible(), false);
    // Tab into the panel until Generate has focus, then Enter.
    let found = false;
    for (let i = 0; i < 10 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement.id === 'sign-generate');
    }
    assert.ok(found, 'Generate is reachable by Tab');
    await page.keyboard.press('Enter');
    assert.match(
      await page.getByLabel('Signing key', { exact: true }).inputValue(),
      /^[A-Za-z0-9]{32,}$/,
    );
    // Back to the tabs with the keyboard.
    await page.getByRole('tab', { name: 'Sign', exact: true }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('#panel-verify').isVisible(), true);
    // Every control in the verify panel has an accessible name.
    const unnamed = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '#panel-verify input, #panel-verify textarea, #panel-verify select, #panel-verify button',
        ),
      ]
        .filter((e) => !e.labels?.length && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map((e) => e.id || e.outerHTML.slice(0, 60)),
    );
    assert.deepEqual(unnamed, []);
  });
});

// ------------------------------------------------------------------------------------------------
// The Signed URL tab (www/js/url-view.js)

const URL_KEY = 'GCTbw44s6MPLh4GqgDpnfuFHgy25Enly';

test('url: the URL self-check reports N/N URL vectors agree', async () => {
  await withPage({}, async (page) => {
    await page.waitForSelector(
      '#url-selfcheck[data-state="pass"], #url-selfcheck[data-state="fail"], #url-selfcheck[data-state="error"]',
      { timeout: 120000 },
    );
    const total = URL_VECTORS.sign.length + URL_VECTORS.verify.length;
    const failures = await page.locator('#url-selfcheck-failures li').allTextContents();
    assert.equal(
      await page.locator('#url-selfcheck').textContent(),
      `URL self-check: ${total}/${total} URL vectors agree`,
      failures.slice(0, 5).join('\n'),
    );
  });
});

test('url: the URL self-check can fail: a doctored URL vector is reported', async () => {
  const { context, page } = await newPage({ expectConsoleErrors: true });
  try {
    const doctored = JSON.parse(JSON.stringify(URL_VECTORS));
    const victim = doctored.verify.find((c) => c.name === 'verify/D/huawei');
    victim.expect.keyIndex = 3;
    await page.route('**/vectors/urls.json', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(doctored),
      }),
    );
    await page.reload();
    await page.waitForSelector('#url-selfcheck[data-state="fail"]', { timeout: 120000 });
    const failures = await page.locator('#url-selfcheck-failures li').allTextContents();
    assert.equal(failures.length, 1);
    assert.ok(failures[0].includes('verify/D/huawei'), failures[0]);
  } finally {
    await context.close();
  }
});

test('url: builds signed push and playback URLs (Huawei example for D), checks one, explains a tampered one', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('tab', { name: 'Signed URL' }).click();
    assert.equal(await page.locator('#panel-url').isVisible(), true);
    await page.getByLabel('URL-validation key', { exact: true }).fill(URL_KEY);
    await page.getByLabel('Application', { exact: true }).fill('livetest');
    await page.getByLabel('Stream name', { exact: true }).fill('huawei1');
    await page
      .getByLabel('Start of validity (Unix seconds)', { exact: true })
      .fill(String(0x5eed5888));
    const push = await page.locator('#url-built code[data-url="Push (RTMP)"]').textContent();
    assert.equal(
      push,
      'rtmp://push.example.com/livetest/huawei1?hwSecret=ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8&hwTime=5eed5888',
    );
    const hls = await page.locator('#url-built code[data-url="Playback (HLS)"]').textContent();
    assert.match(hls, /^https:\/\/play\.example\.com\/livetest\/huawei1\.m3u8\?hwSecret=ce201856/);
    // Method B: Huawei's example too.
    await page.getByLabel('Signing method', { exact: true }).selectOption('B');
    assert.match(
      await page.locator('#url-built code[data-url="Push (RTMP)"]').textContent(),
      /txSecret=5cdc845362c332a4ec3e09ac5d5571d6&txTime=5eed5888$/,
    );
    await page.getByLabel('Signing method', { exact: true }).selectOption('D');
    // Check it at its start: valid.
    await page.getByLabel('URL to check', { exact: true }).fill(push);
    await page.getByLabel('Check at (Unix seconds)', { exact: true }).fill(String(0x5eed5888 + 10));
    await page.waitForFunction(
      () => document.getElementById('url-verdict').dataset.verdict === 'VALID',
    );
    assert.equal(await page.locator('#url-x-hashed').textContent(), 'huawei15eed5888');
    // Tampered stream: INVALID, with the hashed string, both signatures and the other-domain hint.
    await page.getByLabel('URL to check', { exact: true }).fill(push.replace('huawei1', 'huawei2'));
    await page.waitForFunction(
      () => document.getElementById('url-verdict').dataset.verdict === 'INVALID',
    );
    assert.match(await page.locator('#url-verdict').textContent(), /SIGNATURE_MISMATCH/);
    assert.notEqual(
      await page.locator('#url-x-received').textContent(),
      await page.locator('#url-x-expected').textContent(),
    );
    assert.match(await page.locator('#url-hints').textContent(), /another domain/);
    // Expired an hour later, with the window.
    await page.getByLabel('URL to check', { exact: true }).fill(push);
    await page
      .getByLabel('Check at (Unix seconds)', { exact: true })
      .fill(String(0x5eed5888 + 3600));
    await page.waitForFunction(
      () => document.getElementById('url-verdict').dataset.verdict === 'EXPIRED',
    );
    assert.match(await page.locator('#url-x-window').textContent(), /expired 1800 s ago/);
    // Method C: refused.
    await page.getByLabel('Signing method', { exact: true }).selectOption('C');
    assert.match(await page.locator('#url-built').textContent(), /UNSUPPORTED_METHOD/);
    // The key is in no URL, storage or history state.
    const state = await page.evaluate(
      () =>
        location.href +
        JSON.stringify(Object.entries(localStorage)) +
        JSON.stringify(Object.entries(sessionStorage)) +
        JSON.stringify(history.state) +
        document.cookie,
    );
    assert.ok(!state.includes(URL_KEY), state);
    assert.ok(state.includes('mode=url'), state);
  });
});

test('clock-following fields stay put while focused: value and selection survive the clock ticks', async () => {
  await withPage({}, async (page) => {
    // Each field follows the clock once a second; a focused one must not move under the caret
    // (a rewrite drops the selection, and what is typed next would be spliced into the new value).
    const held = async (id) => {
      await page.locator(`#${id}`).focus();
      await page.evaluate((i) => document.getElementById(i).select(), id);
      const before = await page.evaluate((i) => document.getElementById(i).value, id);
      await page.waitForTimeout(2200);
      const after = await page.evaluate((i) => {
        const el = /** @type {HTMLInputElement} */ (document.getElementById(i));
        return { value: el.value, start: el.selectionStart, end: el.selectionEnd };
      }, id);
      assert.deepEqual(
        after,
        { value: before, start: 0, end: before.length },
        `#${id} moved while focused`,
      );
      // Unfocused again, it follows the clock.
      await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).blur());
      await page.waitForFunction(([i, v]) => document.getElementById(i).value !== v, [id, before], {
        timeout: 5000,
      });
    };
    await held('now');
    await page.getByRole('tab', { name: 'Signed URL' }).click();
    await held('url-now');
  });
});

test('url: an expiry written as the start is explained; the tab survives a reload from its fragment', async () => {
  await withPage({}, async (page) => {
    await page.getByRole('tab', { name: 'Signed URL' }).click();
    await page.getByLabel('URL-validation key', { exact: true }).fill(URL_KEY);
    await page
      .getByLabel('Start of validity (Unix seconds)', { exact: true })
      .fill(String(1700000000 + 1800));
    const push = await page.locator('#url-built code[data-url="Push (RTMP)"]').textContent();
    await page.getByLabel('URL to check', { exact: true }).fill(push);
    await page.getByLabel('Check at (Unix seconds)', { exact: true }).fill('1700000000');
    await page.waitForFunction(
      () => document.getElementById('url-verdict').dataset.verdict === 'EXPIRED',
    );
    assert.match(await page.locator('#url-verdict').textContent(), /TIMESTAMP_IN_FUTURE/);
    assert.match(await page.locator('#url-hints').textContent(), /expiry used as the start/);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('#panel-url').isVisible(), true);
    assert.equal(await page.getByLabel('URL-validation key', { exact: true }).inputValue(), '');
  });
});

test('screenshots: light, dark and narrow (look at them)', async () => {
  mkdirSync(SHOTS, { recursive: true });
  const shots = [
    ['light', { width: 1280, height: 900 }, 'Tampered', 'verify'],
    ['dark', { width: 1280, height: 900 }, 'MD5 (weak)', 'verify'],
    ['light', { width: 375, height: 812 }, 'Expired', 'verify'],
    ['dark', { width: 375, height: 812 }, 'Stream PUBLISH', 'verify'],
    ['dark', { width: 1280, height: 900 }, null, 'sign'],
    ['light', { width: 375, height: 812 }, null, 'sign'],
    ['light', { width: 375, height: 812 }, 'Recording file complete', 'verify'],
  ];
  for (const [colorScheme, viewport, example, mode] of shots) {
    await withPage({ colorScheme, viewport }, async (page) => {
      await page.waitForSelector('#selfcheck[data-state="pass"]', { timeout: 120000 });
      if (example) await page.getByRole('button', { name: example, exact: true }).click();
      if (mode === 'sign') {
        await page.getByRole('tab', { name: 'Sign', exact: true }).click();
        await page.getByLabel('Event', { exact: true }).selectOption('RECORD_FILE_COMPLETE');
        await page.getByRole('button', { name: 'Generate' }).click();
        await page.getByLabel('auth_timestamp', { exact: true }).fill('1700000000');
      }
      // No horizontal scrolling, even on a narrow screen: not of the page, not inside a box.
      const overflowing = await page.evaluate(() =>
        [
          document.documentElement,
          ...document.querySelectorAll(
            '.result, .sts, .table-wrap, .sigs, fieldset, .inputs, pre.out',
          ),
        ]
          .filter((e) => e.offsetParent !== null || e === document.documentElement)
          .filter((e) => !(e.tagName === 'PRE') && e.scrollWidth > e.clientWidth + 1)
          .map(
            (e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`,
          ),
      );
      assert.deepEqual(
        overflowing,
        [],
        `${colorScheme} ${viewport.width}px ${mode} ${example}: horizontal overflow`,
      );
      const slug = (example || 'signed')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/-$/, '');
      const file = path.join(SHOTS, `www-${mode}-${colorScheme}-${viewport.width}-${slug}.png`);
      await page.screenshot({ path: file, fullPage: true });
    });
  }
});

test('no console errors or warnings on any page of this run; every request same-origin', async () => {
  assert.deepEqual(consoleProblems, []);
  const foreign = allRequests.filter((r) => new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, []);
});

// ================================================================================================

async function main() {
  ({ server, url: base } = await listen({ port: 0, pkgDir: PKG_DIR }));
  origin = new URL(base).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  console.log(`# www tests: ${base} with ${CHROMIUM} (${browser.version()})`);
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (FILTER && !t.name.includes(FILTER)) continue;
    const start = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok - ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${t.name}`);
      console.log(
        String(e?.stack ? e.stack : e)
          .split('\n')
          .map((l) => `#   ${l}`)
          .join('\n'),
      );
    }
  }
  await browser.close();
  server.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
