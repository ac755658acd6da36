// @ts-check
// The command line tool `hwlc` / `huaweicloud-live-callback` (Node >= 18, no dependencies):
// trigger, listen, verify, explain, sign, keygen, url sign|verify|explain. It runs the package's own Node entry, so
// the same WebAssembly core decides everything; this file only reads arguments, input and
// the network, and presents the core's answers (./cli/format.js).
//
// Exit status: 0 success (verified, 2xx answer…), 1 refused or failed, 2 usage error.
// Keys are never printed: not in messages, not in --json output, not in the listen banner.

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import {
  Verifier,
  parse,
  sign,
  explain,
  generateKey,
  signUrl,
  verifyUrl,
  explainUrl,
  CallbackError,
} from '../dist/inline.mjs';
import { samples, sampleCallback } from './samples.js';
import { UsageError, parseArgs, integer, seconds } from './cli/args.js';
import { colours, explainLines, visible } from './cli/format.js';
import { TOOL_HELP, HELP } from './cli/help.js';
import { post, readAll, targetUrl } from './cli/http.js';
import { urlCommand } from './cli/url.js';

/** Bodies read from a file or stdin are refused above this (explain's own hard limit is 16 MiB). */
const MAX_INPUT = 64 * 1048576;
const DEFAULT_PORT = 8787;
const EVENTS = Object.keys(samples);

const KEY_FLAGS = { key: { type: 'string', multiple: true, secret: true, hint: 'KEY' } };
const POLICY_FLAGS = {
  now: { type: 'string', hint: '1587954200' },
  tolerance: { type: 'string', hint: '300' },
  'max-future': { type: 'string', hint: '86400' },
  'max-body-bytes': { type: 'string', hint: '1048576' },
  domain: { type: 'string', multiple: true, hint: 'push.example.com' },
  app: { type: 'string', multiple: true, hint: 'live' },
  'allow-md5': { type: 'boolean' },
  'allow-unknown-events': { type: 'boolean' },
};
const COMMON = { json: { type: 'boolean' }, help: { type: 'boolean' } };
const SIGN_FLAGS = {
  set: { type: 'string', multiple: true, hint: 'stream=room42' },
  unset: { type: 'string', multiple: true, hint: 'user_args' },
  algorithm: { type: 'string', hint: 'HMAC-SHA256' },
  timestamp: { type: 'string', hint: '1587954140' },
};

/** @type {Record<string, { flags: Record<string, { type: string, multiple?: boolean, hint?: string }>, min?: number, max?: number, positionalHint?: string }>} */
const SPECS = {
  trigger: {
    flags: {
      ...COMMON,
      ...KEY_FLAGS,
      ...SIGN_FLAGS,
      'forward-to': { type: 'string', hint: 'http://127.0.0.1:3000/callback' },
      print: { type: 'boolean' },
      timeout: { type: 'string', hint: '10' },
    },
    min: 1,
    max: 1,
    positionalHint: `an EVENT (${EVENTS.join(', ')})`,
  },
  listen: {
    flags: {
      ...COMMON,
      ...KEY_FLAGS,
      ...POLICY_FLAGS,
      port: { type: 'string', hint: String(DEFAULT_PORT) },
      'forward-to': { type: 'string', hint: 'http://127.0.0.1:3000/callback' },
      timeout: { type: 'string', hint: '10' },
    },
  },
  verify: { flags: { ...COMMON, ...KEY_FLAGS, ...POLICY_FLAGS }, max: 1 },
  explain: { flags: { ...COMMON, ...KEY_FLAGS, ...POLICY_FLAGS }, max: 1 },
  sign: {
    flags: { ...COMMON, ...KEY_FLAGS, ...SIGN_FLAGS, event: { type: 'string', hint: 'PUBLISH' } },
    max: 1,
  },
  keygen: { flags: { ...COMMON }, max: 1 },
};
// The policy flags --now is not meaningful for: listen checks each callback at its arrival.
delete SPECS.listen.flags.now;

// The flag that sets each option of the package, for its messages.
const OPTION_FLAGS = {
  now: '--now',
  time: '--time',
  authTimestamp: '--timestamp',
  toleranceSeconds: '--tolerance',
  maxFutureSeconds: '--max-future',
  maxBodyBytes: '--max-body-bytes',
  timeoutSeconds: '--timeout',
  maxSkewSeconds: '--max-skew',
  domains: '--domain',
  apps: '--app',
  method: '--method',
  rand: '--rand',
  uid: '--uid',
};

/** JSON text of a result; integers above 2^53 - 1, which the package returns as bigint, become decimal strings. */
function toJson(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));
}

/**
 * Runs the tool with `argv` (without node and the script); resolves to the exit status. `io`
 * defaults to the process: `{ stdout, stderr, stdin, env }`.
 */
export async function main(argv, io = {}) {
  const ctx = {
    stdout: io.stdout || process.stdout,
    stderr: io.stderr || process.stderr,
    stdin: io.stdin || process.stdin,
    env: io.env || process.env,
  };
  ctx.c = colours(ctx.stdout, ctx.env);
  ctx.ce = colours(ctx.stderr, ctx.env);
  ctx.out = (s) => ctx.stdout.write(`${s}\n`);
  ctx.err = (s) => ctx.stderr.write(`${s}\n`);
  const [command, ...rest] = argv;
  let json = false;
  try {
    if (command === undefined || command === '--help' || command === 'help' || command === '-h') {
      if (command === 'help' && rest[0] && HELP[rest[0]]) ctx.out(HELP[rest[0]]);
      else ctx.out(TOOL_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') {
      ctx.out(
        JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).version,
      );
      return 0;
    }
    if (command === 'url') {
      json = rest.includes('--json');
      return await urlCommand(ctx, rest, { signUrl, verifyUrl, explainUrl, CallbackError }, toJson);
    }
    const spec = SPECS[command];
    if (!spec) {
      throw new UsageError(
        `unknown command ${toJson(command)}: use one of ${[...Object.keys(SPECS), 'url'].join(', ')} (hwlc --help)`,
      );
    }
    if (rest.includes('--help')) {
      ctx.out(HELP[command]);
      return 0;
    }
    json = rest.includes('--json');
    const args = parseArgs(rest, spec, command);
    json = args.flags.json === true;
    return await COMMANDS[command](ctx, args.flags, args.positionals);
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof TypeError ||
      e instanceof RangeError ||
      (e instanceof CallbackError && e.code === 'INVALID_KEY')
    ) {
      const code = e instanceof CallbackError ? e.code : 'USAGE';
      // The package names its options (options.now); here they are flags (--now).
      const message =
        e instanceof UsageError
          ? e.message
          : e.message.replace(/\boptions\.([A-Za-z]+)/g, (m, name) => OPTION_FLAGS[name] || m);
      if (json) ctx.out(toJson({ ok: false, code, message }));
      ctx.err(`${ctx.ce.red('hwlc:')} ${code === 'USAGE' ? '' : `${code} `}${message}`);
      return 2;
    }
    if (json) ctx.out(toJson({ ok: false, code: e.code || 'ERROR', message: e.message }));
    ctx.err(`${ctx.ce.red('hwlc:')} ${e.code ? `${e.code} ` : ''}${e.message}`);
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Arguments shared by several commands.

/**
 * The keys: every --key as given, else HUAWEI_CALLBACK_KEY split at commas, each trimmed (as
 * the README's quick starts read it: a pasted key often ends in a newline); none is a usage error.
 */
function readKeys(ctx, flags) {
  if (flags.key) return flags.key;
  const env = ctx.env.HUAWEI_CALLBACK_KEY;
  if (env !== undefined && env !== '') return env.split(',').map((k) => k.trim());
  throw new UsageError(
    'no key: give --key KEY (repeat it for rotation) or set HUAWEI_CALLBACK_KEY=key1,key2',
  );
}

/** VerifyOptions from the policy flags; only the flags given are set, the core's defaults apply otherwise. */
function policyOptions(ctx, flags) {
  const options = { keys: readKeys(ctx, flags) };
  if (flags.now !== undefined) options.now = seconds(flags.now, '--now');
  if (flags.tolerance !== undefined)
    options.toleranceSeconds = integer(flags.tolerance, '--tolerance');
  if (flags.maxFuture !== undefined)
    options.maxFutureSeconds = integer(flags.maxFuture, '--max-future');
  if (flags.maxBodyBytes !== undefined)
    options.maxBodyBytes = integer(flags.maxBodyBytes, '--max-body-bytes');
  if (flags.allowMd5) options.allowMd5 = true;
  if (flags.domain) options.domains = flags.domain;
  if (flags.app) options.apps = flags.app;
  if (flags.allowUnknownEvents) options.allowUnknownEvents = true;
  return options;
}

/** The options without secrets, for echoing: each key is replaced by its position. */
function redacted(options) {
  const copy = { ...options };
  if (copy.keys) copy.keys = copy.keys.map((_, i) => `<key ${i}>`);
  for (const k of Object.keys(copy)) if (typeof copy[k] === 'bigint') copy[k] = String(copy[k]);
  return copy;
}

/** The body: the file argument, or stdin for none or `-` (not from a terminal). */
async function readBody(ctx, positionals, command) {
  const file = positionals[0];
  if (file !== undefined && file !== '-') {
    try {
      const data = await readFile(file);
      if (data.length > MAX_INPUT)
        throw new UsageError(`${file} is larger than ${MAX_INPUT} bytes`);
      return data;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(
        `cannot read ${toJson(file)}: ${e.code || e.message}; give an existing FILE, or pipe the body to \`hwlc ${command}\``,
      );
    }
  }
  if (ctx.stdin.isTTY) {
    throw new UsageError(
      `give a FILE or pipe the body on stdin, like \`hwlc ${command} body.json\``,
    );
  }
  return readAll(ctx.stdin, MAX_INPUT, 'stdin');
}

/** The signing key: the first of readKeys (HUAWEI_CALLBACK_KEY lists the current key first). */
function signingKey(ctx, flags) {
  return readKeys(ctx, flags)[0];
}

function algorithm(flags) {
  const a = flags.algorithm ?? 'HMAC-SHA256';
  if (a === 'HMAC-SHA256' || a === 'MD5') return a;
  if (a.toUpperCase().replace(/[^A-Z0-9]/g, '') === 'HMACSHA256') return 'HMAC-SHA256';
  throw new UsageError(`--algorithm must be HMAC-SHA256 or MD5, got ${toJson(a)}`);
}

// Fields whose sample values are numbers take a number from FIELD=VALUE when VALUE is an integer.
const NUMERIC = new Set(
  Object.values(samples).flatMap((s) => Object.keys(s).filter((k) => typeof s[k] === 'number')),
);

/** Applies --unset then --set to `callback` (FIELD=VALUE, FIELD:=JSON). */
function applyFields(callback, flags) {
  for (const field of flags.unset || []) delete callback[field];
  for (const item of flags.set || []) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new UsageError(
        `--set needs FIELD=VALUE or FIELD:=JSON, like --set stream=room42; got ${toJson(item)}`,
      );
    const typed = item[eq - 1] === ':';
    const field = item.slice(0, typed ? eq - 1 : eq);
    const raw = item.slice(eq + 1);
    if (field === '')
      throw new UsageError(`--set needs a field name before = (got ${toJson(item)})`);
    if (field === 'auth_timestamp' || field === 'auth_sign') {
      throw new UsageError(`${field} is written by signing: use --timestamp T for auth_timestamp`);
    }
    let value = raw;
    if (typed) {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new UsageError(
          `--set ${field}:= needs a JSON value, like --set ${field}:=1024 or --set '${field}:="text"'`,
        );
      }
    } else if (NUMERIC.has(field) && /^[0-9]+$/.test(raw) && Number.isSafeInteger(Number(raw))) {
      value = Number(raw);
    }
    // An own data property even for a name like __proto__ (which assignment would not create).
    Object.defineProperty(callback, field, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return callback;
}

function eventSample(event, now) {
  const cb = sampleCallback(event, now);
  if (cb === undefined) {
    throw new UsageError(`no sample for event ${toJson(event)}: use one of ${EVENTS.join(', ')}`);
  }
  return cb;
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function timeoutMs(flags) {
  if (flags.timeout === undefined) return 10000;
  const s = integer(flags.timeout, '--timeout');
  if (typeof s !== 'number' || s < 1 || s > 3600)
    throw new UsageError('--timeout must be 1 to 3600 seconds');
  return s * 1000;
}

// sign() with the CLI's options; CallbackErrors other than INVALID_KEY mean a bad callback (exit 1).
function signWith(ctx, flags, callback, now = nowSeconds()) {
  const authTimestamp =
    flags.timestamp === undefined ? now : seconds(flags.timestamp, '--timestamp');
  const alg = algorithm(flags);
  const key = signingKey(ctx, flags);
  const kind = 'event_type' in callback ? 'record' : 'stream';
  if (alg === 'MD5' && kind === 'stream') {
    throw new UsageError(
      '--algorithm MD5 exists only for recording callbacks (RECORD_*); stream notifications use HMAC-SHA256',
    );
  }
  return sign(callback, { key, algorithm: alg, authTimestamp });
}

// ---------------------------------------------------------------------------------------------
// Commands. Each returns the exit status.

async function cmdTrigger(ctx, flags, [event]) {
  const now = nowSeconds();
  const callback = applyFields(eventSample(event, now), flags);
  if (!flags.print && flags.forwardTo === undefined) {
    throw new UsageError(
      `where to? give --forward-to URL, like --forward-to http://127.0.0.1:3000/callback (or --print for the body only)`,
    );
  }
  const url =
    flags.forwardTo === undefined ? undefined : targetUrl(flags.forwardTo, '--forward-to');
  const ms = timeoutMs(flags);
  const signed = signWith(ctx, flags, callback, now);
  if (flags.print) {
    ctx.out(
      flags.json ? toJson({ ok: true, body: signed.body, callback: signed.callback }) : signed.body,
    );
    return 0;
  }
  let answer;
  try {
    answer = await post(url, signed.body, { timeoutMs: ms });
  } catch (e) {
    if (flags.json)
      ctx.out(toJson({ ok: false, code: 'REQUEST_FAILED', message: e.message, sent: signed.body }));
    ctx.err(`${ctx.ce.red('hwlc:')} ${e.message}`);
    return 1;
  }
  const ok = answer.status >= 200 && answer.status < 300;
  if (flags.json) {
    ctx.out(
      toJson({
        ok,
        status: answer.status,
        statusText: answer.statusText,
        body: answer.body,
        sent: signed.body,
      }),
    );
  } else {
    const c = ctx.c;
    // (url is set: without --print, --forward-to was required above.)
    ctx.out(`${c.dim(`POST ${/** @type {URL} */ (url).href} ${event}`)}`);
    ctx.out(`${(ok ? c.green : c.red)(c.bold(`${answer.status}`))} ${answer.statusText}`);
    if (answer.body !== '') ctx.out(answer.body.replace(/\n$/, ''));
  }
  return ok ? 0 : 1;
}

async function cmdVerify(ctx, flags, positionals) {
  const options = policyOptions(ctx, flags);
  const { now } = options;
  delete options.now;
  const verifier = new Verifier(options); // key and option errors: usage (exit 2)
  const body = await readBody(ctx, positionals, 'verify');
  let v;
  try {
    v = verifier.verify(body, now === undefined ? undefined : { now });
  } catch (e) {
    if (!(e instanceof CallbackError)) throw e;
    if (flags.json) ctx.out(toJson({ ok: false, code: e.code, message: e.message }));
    else {
      ctx.out(`${ctx.c.bold(ctx.c.red(e.code))} ${e.message}`);
      ctx.err(ctx.ce.dim(`(run \`hwlc explain\` with the same arguments to see why)`));
    }
    return 1;
  }
  if (flags.json) {
    ctx.out(toJson({ ok: true, verified: v }));
  } else {
    const c = ctx.c;
    const cb = /** @type {any} */ (v.callback); // the kind test below picks the fields
    const where =
      v.kind === 'stream'
        ? `${cb.domain}/${cb.app}/${cb.stream}`
        : `${cb.publish_domain}/${cb.app}/${cb.stream}`;
    ctx.out(
      `${c.bold(c.green('VALID'))} ${v.kind} ${c.bold(visible(v.event))} ${visible(where)}, ${v.algorithm}, key ${v.keyIndex}${v.keyId ? ` (${v.keyId})` : ''}`,
    );
    if (v.bodyAuthenticated) ctx.out(`${c.dim('signed:')} ${v.signedFields.join(', ')}`);
    else
      ctx.out(
        c.yellow('MD5: no field of the body is authenticated (only the key and auth_timestamp)'),
      );
  }
  return 0;
}

async function cmdExplain(ctx, flags, positionals) {
  const options = policyOptions(ctx, flags);
  const body = await readBody(ctx, positionals, 'explain');
  const x = explain(body, options);
  if (flags.json) ctx.out(toJson(x));
  else for (const line of explainLines(ctx.c, x)) ctx.out(line);
  return x.error === null ? 0 : 1;
}

async function cmdSign(ctx, flags, positionals) {
  const now = nowSeconds();
  let callback;
  if (flags.event !== undefined) {
    if (positionals.length > 0) throw new UsageError('give --event EVENT or a FILE, not both');
    callback = eventSample(flags.event, now);
  } else {
    if (positionals.length === 0 && ctx.stdin.isTTY) {
      throw new UsageError(
        'give a callback FILE, pipe one on stdin, or start from a sample with --event EVENT',
      );
    }
    const body = await readBody(ctx, positionals, 'sign');
    callback = { ...parse(body).callback }; // the core's reader; a bad body is exit 1
  }
  signingKey(ctx, flags); // a missing key is a usage error before anything else
  const signed = signWith(ctx, flags, applyFields(callback, flags), now);
  ctx.out(flags.json ? toJson({ body: signed.body, callback: signed.callback }) : signed.body);
  return 0;
}

async function cmdKeygen(ctx, flags, [length]) {
  const n = length === undefined ? undefined : integer(length, 'LENGTH');
  if (typeof n === 'bigint') throw new UsageError('LENGTH must be 32 to 128');
  const key = generateKey(n); // a bad length throws (RangeError): usage, exit 2
  ctx.out(flags.json ? toJson({ key, length: key.length }) : key);
  return 0;
}

async function cmdListen(ctx, flags) {
  const options = policyOptions(ctx, flags);
  const port = flags.port === undefined ? DEFAULT_PORT : integer(flags.port, '--port');
  if (typeof port !== 'number' || port > 65535) throw new UsageError('--port must be 0 to 65535');
  const forward =
    flags.forwardTo === undefined ? undefined : targetUrl(flags.forwardTo, '--forward-to');
  const ms = timeoutMs(flags);
  const verifier = new Verifier(options); // key and option errors: usage (exit 2)
  const limit = Math.max(16 * 1048576, Number(options.maxBodyBytes ?? 0));
  const c = ctx.c;
  const emit = (o) => ctx.out(toJson(o));
  let seq = 0;

  const server = http.createServer((req, res) => {
    const n = ++seq;
    const started = new Date().toISOString();
    if (req.method !== 'POST') {
      res
        .writeHead(405, { allow: 'POST', 'content-type': 'text/plain' })
        .end('POST a callback here\n');
      if (flags.json)
        emit({ type: 'request', n, time: started, method: req.method, path: req.url, status: 405 });
      else
        ctx.out(c.dim(`#${n} ${started} ${req.method} ${req.url} -> 405 (callbacks are POSTed)`));
      return;
    }
    readAll(req, limit, 'the request body').then(
      (body) => {
        try {
          handle(n, started, req, res, body);
        } catch (e) {
          // A bug here must not stop the receiver, nor answer 200.
          if (!res.headersSent)
            res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
          ctx.err(`${ctx.ce.red('hwlc listen:')} #${n}: ${e?.message}`);
        }
      },
      () => {
        res
          .writeHead(413, { 'content-type': 'text/plain', connection: 'close' })
          .end('too large\n');
        if (flags.json)
          emit({
            type: 'request',
            n,
            time: started,
            method: req.method,
            path: req.url,
            status: 413,
          });
        else
          ctx.out(
            c.red(`#${n} ${started} POST ${req.url} -> 413 (body larger than ${limit} bytes)`),
          );
      },
    );
  });

  function handle(n, started, req, res, body) {
    const now = nowSeconds();
    let error = null;
    try {
      verifier.verify(body, { now });
    } catch (e) {
      if (!(e instanceof CallbackError)) throw e;
      error = { code: e.code, message: e.message };
    }
    const status = error === null ? 200 : 401;
    res
      .writeHead(status, { 'content-type': 'text/plain' })
      .end(status === 200 ? 'ok\n' : 'unauthorized\n');
    const x = explain(body, { ...options, now });
    if (flags.json) {
      emit({
        type: 'callback',
        n,
        time: started,
        path: req.url,
        bytes: body.length,
        status,
        ok: error === null,
        code: error?.code,
        message: error?.message,
        explanation: x,
      });
    } else {
      ctx.out(c.bold(`#${n} ${started} POST ${req.url} (${body.length} bytes) -> ${status}`));
      for (const line of explainLines(c, x)) ctx.out(`  ${line}`);
    }
    if (error === null && forward) {
      post(forward, body, {
        contentType: req.headers['content-type'] || 'application/json',
        timeoutMs: ms,
      }).then(
        (a) => {
          if (flags.json)
            emit({ type: 'forward', n, url: forward.href, status: a.status, body: a.body });
          else
            ctx.out(
              `  ${c.dim('forwarded to')} ${forward.href}: ${(a.status >= 200 && a.status < 300 ? c.green : c.red)(a.status)} ${a.statusText}`,
            );
        },
        (e) => {
          if (flags.json) emit({ type: 'forward', n, url: forward.href, error: e.message });
          else ctx.out(`  ${c.red('forward failed:')} ${e.message}`);
        },
      );
    }
  }

  await /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      server.once('error', (/** @type {NodeJS.ErrnoException} */ e) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new UsageError(
                `port ${port} is in use on 127.0.0.1: pick another with --port N (0 for any free port)`,
              )
            : e,
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    })
  );
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${address.port}/`;
  const shown = redacted(options);
  if (flags.json)
    emit({
      type: 'ready',
      url,
      port: address.port,
      forwardTo: forward?.href ?? null,
      options: shown,
    });
  else {
    ctx.out(
      `${c.bold('hwlc listen:')} ready on ${c.cyan(url)} with ${options.keys.length} key${options.keys.length === 1 ? '' : 's'}${forward ? `, forwarding verified callbacks to ${forward.href}` : ''} (Ctrl-C stops)`,
    );
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve(0));
      server.closeAllConnections?.();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const COMMANDS = {
  trigger: cmdTrigger,
  listen: cmdListen,
  verify: cmdVerify,
  explain: cmdExplain,
  sign: cmdSign,
  keygen: cmdKeygen,
};
