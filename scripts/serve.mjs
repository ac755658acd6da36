#!/usr/bin/env node
// Serves the callback debugger (www/) and the package's web build on http://127.0.0.1:$PORT.
//
//   node scripts/serve.mjs [--port N] [--host 127.0.0.1] [--pkg DIR]
//   (PORT env var works too; 0 = any free port; --pkg serves another build of the package)
//
// URL space (nothing else is served):
//   /                         www/index.html
//   /<file>                   www/<file>            (not www/tests/, no dotfiles)
//   /pkg/<file>               pkg/<file>            the built npm package (its web build among them)
//   /pkg-web.js               a generated module: `export * from` the package's browser entry,
//                             found in pkg/package.json (exports -> browser condition)
//   /vectors/callbacks.json   tests/vectors/callbacks.json   (the page's self-check and examples)
//   /vectors/urls.json        tests/vectors/urls.json        (the Signed URL tab's self-check)
//   /vectors/cases.mjs        tests/js/suites/cases.mjs      (the case reader the page shares
//                                                            with THE suite, tests/js/suite.mjs)
//
// Every response carries a strict Content-Security-Policy; only GET and HEAD are answered; paths
// are decoded once, normalised and must stay inside their folder after symlinks are resolved.

import { createServer as createHttpServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export function mimeType(file) {
  const base = path.basename(file);
  if (base.endsWith('.d.ts')) return MIME['.ts'];
  return MIME[path.extname(base).toLowerCase()] ?? 'application/octet-stream';
}

/** The package's browser entry, relative to pkg/ (e.g. "web/index.js"), from pkg/package.json. */
export function browserEntry(pkgDir) {
  const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const found = findCondition(manifest.exports, 'browser') ?? manifest.browser ?? manifest.module;
  if (typeof found !== 'string') {
    throw new Error(`${pkgDir}/package.json names no browser entry (exports -> "browser")`);
  }
  return found.replace(/^\.\//, '');
}

// Depth-first search of a package.json "exports" value for a condition's target string.
function findCondition(exp, condition) {
  if (exp == null || typeof exp === 'string') return undefined;
  if (Array.isArray(exp)) {
    for (const e of exp) {
      const r = findCondition(e, condition);
      if (r) return r;
    }
    return undefined;
  }
  // The root subpath first, then the conditions.
  if ('.' in exp) return findCondition(exp['.'], condition);
  if (condition in exp) {
    const v = exp[condition];
    if (typeof v === 'string') return v;
    const nested = findCondition(v, 'import') ?? findCondition(v, 'default');
    if (nested) return nested;
    if (v && typeof v === 'object') {
      for (const x of Object.values(v)) if (typeof x === 'string') return x;
    }
  }
  for (const v of Object.values(exp)) {
    const r = findCondition(v, condition);
    if (r) return r;
  }
  return undefined;
}

/**
 * Resolves `rel` (already URL-decoded, '/'-separated) inside `root`; null when it would leave
 * `root`, names a dotfile, or contains a NUL.
 */
export function safeJoin(root, rel) {
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '..' || s.startsWith('.')) return null;
  }
  const full = path.resolve(root, ...segments);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/**
 * Creates the server (not yet listening). Options: `repo` (the repository root; default: this
 * script's parent folder), `pkgDir` (the package folder; default `<repo>/pkg`).
 */
export function createServer({ repo = REPO, pkgDir = path.join(repo, 'pkg') } = {}) {
  const wwwDir = path.join(repo, 'www');
  pkgDir = path.resolve(pkgDir);
  const vectorFile = path.join(repo, 'tests', 'vectors', 'callbacks.json');
  const urlVectorFile = path.join(repo, 'tests', 'vectors', 'urls.json');
  const caseReaderFile = path.join(repo, 'tests', 'js', 'suites', 'cases.mjs');

  async function sendFile(req, res, root, rel) {
    const full = safeJoin(root, rel);
    if (!full) return send(res, 404, 'not found');
    let real;
    let info;
    try {
      real = await realpath(full);
      const realRoot = await realpath(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return send(res, 404, 'not found');
      info = await stat(real);
    } catch {
      return send(res, 404, 'not found');
    }
    if (info.isDirectory()) {
      return sendFile(req, res, root, rel.replace(/\/*$/, '/index.html'));
    }
    if (!info.isFile()) return send(res, 404, 'not found');
    const body = await readFile(real);
    return send(res, 200, body, mimeType(real), req.method === 'HEAD');
  }

  return createHttpServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return send(res, 405, 'method not allowed');
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, 'bad path');
      }
      if (pathname === '/pkg-web.js') {
        if (!existsSync(path.join(pkgDir, 'package.json'))) {
          return send(res, 503, 'pkg/ is not built: run `make pkg` (or `make serve`)');
        }
        const entry = browserEntry(pkgDir);
        const src =
          '// Generated by scripts/serve.mjs: the browser entry of pkg/package.json.\n' +
          `export * from ${JSON.stringify('./pkg/' + entry)};\n` +
          `import * as lib from ${JSON.stringify('./pkg/' + entry)};\n` +
          'export default lib;\n';
        return send(res, 200, src, MIME['.js'], req.method === 'HEAD');
      }
      if (pathname === '/vectors/callbacks.json') {
        const body = await readFile(vectorFile);
        return send(res, 200, body, MIME['.json'], req.method === 'HEAD');
      }
      if (pathname === '/vectors/urls.json') {
        const body = await readFile(urlVectorFile);
        return send(res, 200, body, MIME['.json'], req.method === 'HEAD');
      }
      if (pathname === '/vectors/cases.mjs') {
        const body = await readFile(caseReaderFile);
        return send(res, 200, body, MIME['.mjs'], req.method === 'HEAD');
      }
      if (pathname.startsWith('/pkg/')) {
        return sendFile(req, res, pkgDir, pathname.slice('/pkg/'.length));
      }
      if (pathname === '/tests' || pathname.startsWith('/tests/')) return send(res, 404, 'not found');
      return sendFile(req, res, wwwDir, pathname.slice(1));
    } catch (e) {
      console.error(`serve: ${req.method} ${req.url}: ${e && e.stack ? e.stack : e}`);
      if (!res.headersSent) return send(res, 500, 'internal error');
      res.end();
    }
  });
}

function send(res, status, body, type = 'text/plain; charset=utf-8', headOnly = false) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': buf.length,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : buf);
}

/** Starts listening; resolves to { server, url }. */
export function listen({ port = 8080, host = '127.0.0.1', repo = REPO, pkgDir } = {}) {
  const server = createServer({ repo, pkgDir });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({ server, url: `http://${host}:${addr.port}/` });
    });
  });
}

function parseArgs(argv) {
  const out = { port: process.env.PORT ? Number(process.env.PORT) : 8080, host: '127.0.0.1', pkgDir: path.join(REPO, 'pkg') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') out.port = Number(argv[++i]);
    else if (a === '--host') out.host = argv[++i];
    else if (a === '--pkg') out.pkgDir = path.resolve(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/serve.mjs [--port N] [--host 127.0.0.1] [--pkg DIR]');
      process.exit(0);
    } else {
      console.error(`serve: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    console.error(`serve: bad port ${out.port}`);
    process.exit(2);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { port, host, pkgDir } = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(pkgDir, 'package.json'))) {
    console.error(`serve: ${pkgDir}/package.json is missing: build the package first (\`make pkg\`; \`make serve\` does it).`);
    process.exit(1);
  }
  try {
    const entry = browserEntry(pkgDir);
    const { url } = await listen({ port, host, pkgDir });
    console.log(`Callback debugger: ${url}  (package web build: ${path.relative(REPO, pkgDir) || '.'}/${entry}; Ctrl-C stops)`);
  } catch (e) {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  }
}
