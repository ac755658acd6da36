// tests/packaging/site.mjs — `make test-site`: the static site that `make site` wrote
// (build/site/) served by a plain static file server (lib/harness.mjs: files only, no CSP header,
// no generated module), loaded in headless Chromium: the page's self-check must report every
// vector agreeing (callbacks and signed URLs), with no console error, page error or failed request.
//   node tests/packaging/site.mjs [SITE_DIR]     (default build/site)
// Last line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeBrowser, openPage, staticServer } from './lib/harness.mjs';
import { ROOT } from './lib/cases.mjs';

const site = resolve(process.argv[2] ?? join(ROOT, 'build', 'site'));
let passed = 0;
let failed = 0;
const ok = (cond, name, detail = '') => {
  if (cond) passed++;
  else {
    failed++;
    console.log(`FAIL site: ${name}${detail ? ` — ${detail}` : ''}`);
  }
};

const vectors = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'callbacks.json'), 'utf8'));
const total = vectors.cases.length + (vectors.sign || []).length;
const urls = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'urls.json'), 'utf8'));
const urlTotal = urls.sign.length + urls.verify.length;
for (const f of [
  'index.html',
  'pkg-web.js',
  'vectors/callbacks.json',
  'vectors/urls.json',
  'vectors/cases.mjs',
])
  ok(existsSync(join(site, f)), `${f} is in ${site}`);
ok(!existsSync(join(site, 'tests')), 'www/tests is not published');

if (failed === 0) {
  const srv = await staticServer(site);
  let opened;
  try {
    opened = await openPage(`${srv.origin}/`);
    const { page } = opened;
    await page.waitForSelector(
      '#selfcheck[data-state="pass"], #selfcheck[data-state="fail"], #selfcheck[data-state="error"]',
      { timeout: 120000 },
    );
    const text = await page.locator('#selfcheck').textContent();
    const failures = await page.locator('#selfcheck-failures li').allTextContents();
    ok(
      text === `self-check: ${total}/${total} vectors agree`,
      'the self-check reports every vector agreeing',
      `${text}; ${failures.slice(0, 5).join('; ')}`,
    );
    await page.waitForSelector(
      '#url-selfcheck[data-state="pass"], #url-selfcheck[data-state="fail"], #url-selfcheck[data-state="error"]',
      { timeout: 120000 },
    );
    const urlText = await page.locator('#url-selfcheck').textContent();
    ok(
      urlText === `URL self-check: ${urlTotal}/${urlTotal} URL vectors agree`,
      'the URL self-check reports every URL vector agreeing',
      urlText,
    );
    ok((await page.locator('html[data-ready="true"]').count()) === 1, 'the page is ready');
    // The page verifies the vector it loads into the form with the package from pkg-web.js.
    const requested = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    ok(
      requested.includes('/pkg-web.js'),
      'the page loaded its build of the package',
      requested.join(' '),
    );
    ok(
      opened.problems.length === 0,
      'no console error, page error or failed request',
      opened.problems.join('\n'),
    );
  } catch (e) {
    ok(false, 'Chromium loaded the site', String(e?.stack || e));
  } finally {
    if (opened) await opened.close();
    await closeBrowser();
    await srv.close();
  }
}
console.log(`site: ${site}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
