// tests/cli/run.mjs SCRATCH — the command line tool as a user gets it: the bins of the npm
// tarball installed into SCRATCH (scripts/pack-install.sh), run as child processes.
// Exit codes 0/1/2, stdin and file input, env keys, --json parsed, colour only on a TTY
// (a real pseudo-terminal through util-linux `script`) and never with NO_COLOR, `trigger`
// against a receiver here that checks signatures itself with node:crypto (spec §1/§2), and
// `listen` receiving `trigger`s and forwarding the verified one to a second receiver.
// Every wait is bounded; every child is killed on the way out. Ends with "N passed, N failed".

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const scratch = resolve(process.argv[2] || 'build/scratch/cli');
const BIN = join(scratch, 'node_modules/.bin/hwlc');
const LONG_BIN = join(scratch, 'node_modules/.bin/huaweicloud-live-callback');
const ROOT = new URL('../..', import.meta.url).pathname;
const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/callbacks.json'), 'utf8'));
const KEY = vectors.keys.primary;
const KEY2 = vectors.keys.secondary;
const OTHER = vectors.keys.other;
const ALL_KEYS = [KEY, KEY2, OTHER];
const TMP = mkdtempSync(join(tmpdir(), 'hwlc-cli-'));
const ESC = '\x1b[';
// The installed package itself, for its exported samples (the CommonJS entry: same instance as import).
const pkg = createRequire(join(scratch, 'package.json'))('huaweicloud-live-callback');
const EVENTS = [
  'PUBLISH',
  'PUBLISH_DONE',
  'RECORD_START',
  'RECORD_NEW_FILE_START',
  'RECORD_FILE_COMPLETE',
  'RECORD_OVER',
  'RECORD_FAILED',
];

const children = new Set();
const servers = new Set();
function cleanup() {
  for (const c of children) c.kill('SIGKILL');
  for (const s of servers) s.close();
}
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** The environment without anything that changes the tool's behaviour, plus `extra`. */
function env(extra = {}) {
  const e = { ...process.env };
  delete e.HUAWEI_CALLBACK_KEY;
  delete e.NO_COLOR;
  delete e.FORCE_COLOR;
  return { ...e, ...extra };
}

/** Runs a bin to completion (killed after `timeout` ms); resolves { code, stdout, stderr }. */
function run(args, { input, extraEnv, bin = BIN, timeout = 20000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { env: env(extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hwlc ${args.join(' ')}: no exit within ${timeout} ms`));
    }, timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const r = { code: code ?? signal, stdout, stderr, args };
      noKeyLeak(r, args, extraEnv);
      resolvePromise(r);
    });
    child.stdin.on('error', () => {}); // the tool may exit before reading stdin
    child.stdin.end(input === undefined ? '' : input);
  });
}

// Keys never appear in the output (keygen prints a new key, not a given one).
function noKeyLeak(r, args, extraEnv) {
  const given = ALL_KEYS.filter(
    (k) =>
      args.includes(k) ||
      (extraEnv?.HUAWEI_CALLBACK_KEY || '').includes(k) ||
      args.some((a) => a.includes(k)),
  );
  for (const k of given) {
    if (r.stdout.includes(k) || r.stderr.includes(k))
      throw new Error(`a key appears in the output of hwlc ${args[0]}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function eq(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function show(r) {
  return `exit ${r.code}\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(0, 800)}`;
}
function exit(r, code) {
  if (r.code !== code)
    throw new Error(`hwlc ${r.args.slice(0, 3).join(' ')}…: expected exit ${code}\n${show(r)}`);
}
function json(r) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document\n${show(r)}`);
  }
}
function oneLine(s, what) {
  const lines = s.split('\n').filter((l) => l !== '');
  eq(lines.length, 1, `${what}: number of lines on stderr`);
}

/** Waits until `check()` returns a truthy value, at most `ms`. */
async function waitFor(check, ms, what) {
  const end = Date.now() + ms;
  for (let i = 0; i < 10000; i++) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

// The documented string to sign (spec §1, §2), computed here from the JSON, independently of the package.
function stringToSign(cb) {
  if (cb.event !== undefined)
    return `${cb.event}${cb.domain}${cb.app}${cb.stream}${cb.auth_timestamp}`;
  return `${cb.auth_timestamp}${cb.event_type}${cb.publish_domain}${cb.app}${cb.stream}${cb.download_url ?? ''}${cb.play_url ?? ''}`;
}
function independentlyValid(body, key) {
  const cb = JSON.parse(body);
  if (typeof cb.auth_sign !== 'string' || typeof cb.auth_timestamp !== 'number') return false;
  if (cb.auth_sign.length === 32)
    return createHash('md5').update(`${key}${cb.auth_timestamp}`).digest('hex') === cb.auth_sign;
  return createHmac('sha256', key).update(stringToSign(cb), 'utf8').digest('hex') === cb.auth_sign;
}

/** A receiver on 127.0.0.1: records every request; `answer(req, body)` gives [status, text]. */
async function receiver(answer) {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      got.push({ method: req.method, url: req.url, type: req.headers['content-type'], body });
      const [status, text] = answer(req, body);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    });
  });
  servers.add(server);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    got,
    url,
    close: () =>
      new Promise((r) => {
        servers.delete(server);
        server.close(r);
        server.closeAllConnections?.();
      }),
  };
}

// A receiver that checks the signature itself, like a user's handler would.
function checkingReceiver(key) {
  return receiver((req, body) => {
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json')
      return [400, 'not a JSON POST'];
    try {
      const cb = JSON.parse(body);
      return independentlyValid(body, key)
        ? [200, `received ${cb.event ?? cb.event_type}`]
        : [401, 'bad signature'];
    } catch {
      return [400, 'not JSON'];
    }
  });
}

/** Starts `hwlc listen …`; resolves once its ready line is out, with its port and its output. */
async function startListen(args, extraEnv) {
  const child = spawn(BIN, ['listen', '--port', '0', ...args], {
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const proc = { child, stdout: '', stderr: '', code: undefined };
  child.stdout.setEncoding('utf8').on('data', (d) => (proc.stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (proc.stderr += d));
  child.on('close', (code, signal) => {
    proc.code = code ?? signal;
    children.delete(child);
  });
  const port = await waitFor(
    () => {
      if (proc.code !== undefined)
        throw new Error(`listen exited ${proc.code} before it was ready: ${proc.stderr}`);
      const m =
        /ready on http:\/\/127\.0\.0\.1:(\d+)\/|"type":"ready","url":"http:\/\/127\.0\.0\.1:(\d+)\//.exec(
          proc.stdout,
        );
      return m && Number(m[1] || m[2]);
    },
    15000,
    'the ready line of hwlc listen',
  );
  proc.port = port;
  proc.stop = async () => {
    if (proc.code === undefined) child.kill('SIGTERM');
    await waitFor(() => proc.code !== undefined, 10000, 'hwlc listen to exit on SIGTERM');
    return proc.code;
  };
  return proc;
}

// ---------------------------------------------------------------------------------------------
// Tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('both bins print the tool help; every command has --help with an example', async () => {
  for (const bin of [BIN, LONG_BIN]) {
    const r = await run(['--help'], { bin });
    exit(r, 0);
    assert(
      r.stdout.includes('Usage: hwlc <command>') && r.stdout.includes('trigger'),
      `tool help\n${show(r)}`,
    );
  }
  for (const cmd of ['trigger', 'listen', 'verify', 'explain', 'sign', 'keygen', 'url']) {
    const r = await run([cmd, '--help']);
    exit(r, 0);
    assert(
      r.stdout.includes(`Usage: hwlc ${cmd}`) && /\nExamples?:\n[^\n]*\bhwlc /.test(r.stdout),
      `help of ${cmd} has an example\n${show(r)}`,
    );
  }
  const version = await run(['--version']);
  exit(version, 0);
  eq(
    version.stdout.trim(),
    JSON.parse(
      readFileSync(join(scratch, 'node_modules/huaweicloud-live-callback/package.json'), 'utf8'),
    ).version,
    'version',
  );
  const none = await run([]);
  exit(none, 2);
  assert(none.stdout.includes('Commands:'), 'no command prints the help');
});

test('usage errors exit 2 with one line that says how to fix it', async () => {
  const cases = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [
      ['verify', '--kee', KEY],
      /unknown flag --kee for `hwlc verify` \(did you mean --key\?\): see `hwlc verify --help`/,
    ],
    [['verify', '--frobnicate', KEY], /unknown flag --frobnicate for `hwlc verify`: see/],
    [['verify', '-k', KEY], /unknown flag -k/],
    [['verify', '--tolerance', 'soon', '--key', KEY], /--tolerance must be a non-negative integer/],
    [['verify', '--key'], /--key needs a value, like --key KEY/],
    [['verify', 'nonexistent.json', '--key', KEY], /cannot read "nonexistent.json"/],
    [['verify', '--json=1', '--key', KEY], /--json takes no value/],
    [
      ['verify', '--now', 'yesterday', '--key', KEY],
      /--now must be Unix seconds or an ISO 8601 time/,
    ],
    [['explain', 'a', 'b', '--key', KEY], /at most 1 positional/],
    [['trigger', '--key', KEY, '--forward-to', 'http://127.0.0.1:9/'], /needs an EVENT/],
    [
      ['trigger', 'PUBLISHED', '--key', KEY, '--print'],
      /no sample for event "PUBLISHED": use one of PUBLISH, PUBLISH_DONE/,
    ],
    [['trigger', 'PUBLISH', '--key', KEY], /give --forward-to URL/],
    [
      ['trigger', 'PUBLISH', '--key', KEY, '--forward-to', 'ftp://x/'],
      /--forward-to must be an http/,
    ],
    [
      ['trigger', 'PUBLISH', '--key', KEY, '--print', '--algorithm', 'SHA1'],
      /--algorithm must be HMAC-SHA256 or MD5/,
    ],
    [
      ['trigger', 'PUBLISH', '--key', KEY, '--print', '--algorithm', 'MD5'],
      /MD5 exists only for recording callbacks/,
    ],
    [
      ['trigger', 'PUBLISH', '--key', KEY, '--print', '--set', 'auth_sign=00'],
      /written by signing/,
    ],
    [
      ['trigger', 'PUBLISH', '--key', KEY, '--print', '--set', 'nonsense'],
      /--set needs FIELD=VALUE/,
    ],
    [['sign', '--event', 'PUBLISH', '--key', 'short'], /INVALID_KEY invalid key/],
    [['keygen', '20'], /a key has 32 to 128 characters/],
    [['keygen', 'x'], /LENGTH must be a non-negative integer/],
    [['listen', '--port', '70000', '--key', KEY], /--port must be 0 to 65535/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args, { input: '{}' });
    exit(r, 2);
    oneLine(r.stderr, args.join(' '));
    assert(
      re.test(r.stderr),
      `hwlc ${args.join(' ')}: stderr ${JSON.stringify(r.stderr)} does not match ${re}`,
    );
    eq(r.stdout, '', `stdout of a usage error without --json (${args.join(' ')})`);
  }
  // The value of a mistyped secret flag is not echoed, nor a stray positional.
  const stray = await run(['keygen', '32', KEY]);
  exit(stray, 2);
  assert(!stray.stderr.includes(KEY), 'a stray argument is not echoed');
  const j = await run(['verify', '--bogus', '--json']);
  exit(j, 2);
  const o = json(j);
  eq(o.ok, false, 'json usage ok');
  eq(o.code, 'USAGE', 'json usage code');
});

test('missing keys are usage errors (every command that needs one)', async () => {
  const cases = [
    ['verify'],
    ['explain'],
    ['sign', '--event', 'PUBLISH'],
    ['trigger', 'PUBLISH', '--print'],
    ['listen', '--port', '0'],
  ];
  for (const args of cases) {
    const r = await run(args, { input: '{}' });
    exit(r, 2);
    oneLine(r.stderr, args.join(' '));
    assert(
      r.stderr.includes('no key: give --key KEY') && r.stderr.includes('HUAWEI_CALLBACK_KEY'),
      show(r),
    );
  }
  const empty = await run(['verify'], { input: '{}', extraEnv: { HUAWEI_CALLBACK_KEY: '' } });
  exit(empty, 2);
});

// A subset of the shared vectors, chosen by rule: the first valid case of each event and the
// first case of each error code (plus every INVALID_KEY case), alternating file and stdin.
function pickCases() {
  const picked = [];
  const seen = new Set();
  for (const c of vectors.cases) {
    if (typeof c.body !== 'string' || (c.body.isWellFormed && !c.body.isWellFormed())) continue;
    if (c.keys.some((k) => typeof k.key !== 'string' || k.key.includes('\0'))) continue;
    if (
      Object.keys(c.options || {}).some(
        (k) =>
          ![
            'now',
            'toleranceSeconds',
            'maxFutureSeconds',
            'allowMd5',
            'maxBodyBytes',
            'domains',
            'apps',
            'allowUnknownEvents',
          ].includes(k),
      )
    )
      continue;
    if (
      [...(c.options?.domains || []), ...(c.options?.apps || [])].some(
        (v) => typeof v !== 'string' || v.includes('\0'),
      )
    )
      continue;
    const opts = Object.keys(c.options || {})
      .filter((k) => k !== 'now')
      .sort()
      .join('+');
    const tag = c.expect.ok
      ? `ok:${c.expect.event}:${c.expect.algorithm}:${opts}`
      : `err:${c.expect.error}:${opts}`;
    if (seen.has(tag) && c.expect.error !== 'INVALID_KEY') continue;
    seen.add(tag);
    picked.push(c);
  }
  return picked;
}
function caseArgs(c) {
  const o = c.options || {};
  const args = c.keys.flatMap((k) => ['--key', k.key]);
  if (o.now !== undefined) args.push('--now', String(o.now));
  if (o.toleranceSeconds !== undefined) args.push('--tolerance', String(o.toleranceSeconds));
  if (o.maxFutureSeconds !== undefined) args.push('--max-future', String(o.maxFutureSeconds));
  if (o.maxBodyBytes !== undefined) args.push('--max-body-bytes', String(o.maxBodyBytes));
  if (o.allowMd5) args.push('--allow-md5');
  if (o.allowUnknownEvents) args.push('--allow-unknown-events');
  for (const d of o.domains || []) args.push('--domain', d);
  for (const a of o.apps || []) args.push('--app', a);
  return args;
}

test('verify: the shared vectors give exit 0 / 1 (2 for a bad key) and the right --json code, from a file and from stdin', async () => {
  const cases = pickCases();
  assert(cases.length >= 15, `only ${cases.length} vector cases picked`);
  console.log(`     (${cases.length} vector cases)`);
  let i = 0;
  for (const c of cases) {
    const file = join(TMP, `case-${i}.json`);
    writeFileSync(file, c.body);
    const viaFile = i++ % 2 === 0;
    const args = ['verify', ...(viaFile ? [file] : []), ...caseArgs(c), '--json'];
    const r = await run(args, viaFile ? {} : { input: c.body });
    const want = c.expect.ok ? 0 : c.expect.error === 'INVALID_KEY' ? 2 : 1;
    if (r.code !== want) throw new Error(`${c.name}: expected exit ${want}\n${show(r)}`);
    const o = json(r);
    eq(o.ok, c.expect.ok, `${c.name} ok`);
    if (c.expect.ok) {
      eq(o.verified.event, c.expect.event, `${c.name} event`);
      eq(o.verified.algorithm, c.expect.algorithm, `${c.name} algorithm`);
      eq(o.verified.keyIndex, c.expect.keyIndex, `${c.name} keyIndex`);
    } else {
      eq(o.code, c.expect.error, `${c.name} code`);
      assert(typeof o.message === 'string' && o.message.length > 0, `${c.name} message`);
    }
    // Without --json: the code and message on stdout when refused, VALID when accepted.
    const t = await run(
      args.filter((a) => a !== '--json'),
      viaFile ? {} : { input: c.body },
    );
    eq(t.code, want, `${c.name} exit without --json`);
    if (want === 1)
      assert(
        t.stdout.startsWith(`${c.expect.error} `),
        `${c.name}: text output starts with the code\n${show(t)}`,
      );
    if (want === 0) assert(t.stdout.startsWith('VALID '), `${c.name}: text output\n${show(t)}`);
  }
});

test('verify: keys from HUAWEI_CALLBACK_KEY (comma-separated, rotation), --key wins over it, - reads stdin', async () => {
  const c = vectors.cases.find((x) => x.name === 'stream/PUBLISH/hmac/valid-doc-example');
  const now = String(c.options.now);
  const r = await run(['verify', '--now', now, '--json'], {
    input: c.body,
    extraEnv: { HUAWEI_CALLBACK_KEY: `${OTHER},${KEY}` },
  });
  exit(r, 0);
  eq(json(r).verified.keyIndex, 1, 'key index of the second env key');
  const wrong = await run(['verify', '-', '--now', now, '--json'], {
    input: c.body,
    extraEnv: { HUAWEI_CALLBACK_KEY: OTHER },
  });
  exit(wrong, 1);
  eq(json(wrong).code, 'SIGNATURE_MISMATCH', 'code with the wrong env key');
  const flag = await run(['verify', '--now', now, '--key', KEY], {
    input: c.body,
    extraEnv: { HUAWEI_CALLBACK_KEY: OTHER },
  });
  exit(flag, 0);
  const expired = await run(['verify', '--key', KEY, '--json'], { input: c.body });
  exit(expired, 1);
  eq(json(expired).code, 'EXPIRED', 'a 2020 sample checked now');
  const iso = await run(['verify', '--key', KEY, '--now', '2020-04-27T02:23:20Z'], {
    input: c.body,
  });
  exit(iso, 0);
  // The variable's entries are trimmed, as the README's quick starts read it; --key is taken as given.
  const spaced = await run(['verify', '--now', now, '--json'], {
    input: c.body,
    extraEnv: { HUAWEI_CALLBACK_KEY: `${OTHER}, ${KEY}\n` },
  });
  exit(spaced, 0);
  eq(json(spaced).verified.keyIndex, 1, 'trimmed env key');
  const flagSpaced = await run(['verify', '--now', now, '--key', ` ${KEY}`], { input: c.body });
  exit(flagSpaced, 2); // ' KEY' is not a key: the core says so
  assert(
    flagSpaced.stderr.includes('INVALID_KEY') && flagSpaced.stderr.includes('whitespace'),
    show(flagSpaced),
  );
});

test('--domain/--app/--allow-unknown-events reach the core: outside the lists is UNEXPECTED_VALUE (exit 1)', async () => {
  const c = vectors.cases.find((x) => x.name === 'stream/PUBLISH/hmac/valid-doc-example');
  const base = ['verify', '--key', KEY, '--now', String(c.options.now), '--json'];
  for (const [flag, value, good] of [
    ['--domain', 'other.example.com', 'push.example.com'],
    ['--app', 'vod', 'live'],
  ]) {
    const r = await run([...base, flag, value], { input: c.body });
    exit(r, 1);
    eq(json(r).code, 'UNEXPECTED_VALUE', `${flag} refusal code`);
    assert(json(r).message.includes(value), `${flag}: the message names the list`);
    const inList = await run([...base, flag, value, flag, good], { input: c.body });
    exit(inList, 0);
  }
  const bad = await run([...base, '--domain', 'not a host'], { input: c.body });
  exit(bad, 2); // a domains entry that is not a host name: the core's INVALID_KEY, a usage error here
  // An undocumented event name: refused unless --allow-unknown-events.
  const odd = await run([
    'sign',
    '--event',
    'PUBLISH',
    '--set',
    'event=PUBLISH_PAUSED',
    '--key',
    KEY,
    '--timestamp',
    '1800000000',
  ]);
  exit(odd, 0);
  const refused = await run(['verify', '--key', KEY, '--now', '1800000000', '--json'], {
    input: odd.stdout,
  });
  exit(refused, 1);
  eq(json(refused).code, 'UNEXPECTED_VALUE', 'unknown event');
  const allowed = await run(
    ['verify', '--key', KEY, '--now', '1800000000', '--allow-unknown-events'],
    { input: odd.stdout },
  );
  exit(allowed, 0);
  // explain without allow-lists shows the open boundaries; with both, none.
  const open = await run(['explain', '--key', KEY, '--now', String(c.options.now)], {
    input: c.body,
  });
  exit(open, 0);
  assert(/^open {6}domain\|app, app\|stream /m.test(open.stdout), show(open));
  const pinned = await run(
    [
      'explain',
      '--key',
      KEY,
      '--now',
      String(c.options.now),
      '--domain',
      'push.example.com',
      '--app',
      'live',
    ],
    { input: c.body },
  );
  exit(pinned, 0);
  assert(!/^open /m.test(pinned.stdout), show(pinned));
});

test('explain: the string to sign on one line, field by field, the first difference marked, time window, hints; --json', async () => {
  const c = vectors.cases.find((x) => x.name === 'stream/PUBLISH/hmac/valid-doc-example');
  const tampered = c.body.replace('"example_stream"', '"example_strean"');
  const r = await run(['explain', '--key', KEY, '--key', OTHER, '--now', String(c.options.now)], {
    input: tampered,
  });
  exit(r, 1);
  const lines = r.stdout.split('\n');
  assert(
    lines[0].includes('INVALID') && lines[0].includes('SIGNATURE_MISMATCH'),
    `verdict line\n${show(r)}`,
  );
  assert(
    lines.some((l) => l === 'signs     PUBLISHpush.example.comliveexample_strean1587954140'),
    `whole string to sign on one line\n${show(r)}`,
  );
  for (const [field, value] of [
    ['event', 'PUBLISH'],
    ['domain', 'push.example.com'],
    ['app', 'live'],
    ['stream', 'example_strean'],
    ['auth_timestamp', '1587954140'],
  ]) {
    assert(
      lines.some((l) => new RegExp(`^  ${field} +"${value}"$`).test(l)),
      `field ${field}\n${show(r)}`,
    );
  }
  const expected = createHmac('sha256', KEY)
    .update('PUBLISHpush.example.comliveexample_strean1587954140')
    .digest('hex');
  const exp = lines.findIndex((l) => l.startsWith('expected  '));
  assert(
    exp > 0 && lines[exp].includes(expected),
    `expected signature (computed here)\n${show(r)}`,
  );
  const received = JSON.parse(c.body).auth_sign;
  let d = 0;
  while (expected[d] === received[d]) d++;
  eq(
    lines[exp + 1],
    `${' '.repeat(10 + d)}^ first difference at character ${d}`,
    'the marker line',
  );
  assert(
    lines.some(
      (l) =>
        l.startsWith('time      auth_timestamp 1587954140') &&
        l.includes('accepted until 1587954440'),
    ),
    `time window\n${show(r)}`,
  );
  assert(
    r.stdout.includes('hints:') && r.stdout.includes('Is this the key of domain'),
    `hints\n${show(r)}`,
  );
  assert(
    r.stdout.includes('unsigned  user_args, client_ip, node_ip, publish_timestamp'),
    `unsigned fields\n${show(r)}`,
  );
  // --json: the explain() result, parsed.
  const file = join(TMP, 'tampered.json');
  writeFileSync(file, tampered);
  const j = await run(['explain', file, '--key', KEY, '--now', String(c.options.now), '--json']);
  exit(j, 1);
  const x = json(j);
  eq(x.verdict, 'INVALID', 'verdict');
  eq(x.error.code, 'SIGNATURE_MISMATCH', 'error code');
  eq(x.stringToSign, 'PUBLISHpush.example.comliveexample_strean1587954140', 'stringToSign');
  eq(x.expectedSignature, expected, 'expectedSignature');
  eq(x.firstDifference, d, 'firstDifference');
  const ok = await run(['explain', '--key', KEY, '--now', String(c.options.now)], {
    input: c.body,
  });
  exit(ok, 0);
  assert(ok.stdout.startsWith('verdict   VALID'), show(ok));
  const bad = await run(['explain', '--key', KEY], { input: '{"event":' });
  exit(bad, 1);
  assert(bad.stdout.startsWith('verdict   MALFORMED  MALFORMED_JSON'), show(bad));
  // Invisible characters are spelled out: a newline in a signed value keeps the line one line.
  const nl = await run(['sign', '--event', 'PUBLISH', '--set', 'stream=a\nb', '--key', KEY]);
  exit(nl, 0);
  const e2 = await run(['explain', '--key', KEY], { input: nl.stdout });
  exit(e2, 0);
  assert(
    e2.stdout.split('\n').some((l) => /^signs {5}PUBLISHpush\.example\.comlivea\\nb\d+$/.test(l)),
    show(e2),
  );
});

test('no ANSI escapes when piped; FORCE_COLOR colours a pipe, NO_COLOR wins; a real terminal gets colour unless NO_COLOR', async () => {
  const c = vectors.cases.find((x) => x.name === 'stream/PUBLISH/hmac/valid-doc-example');
  const args = ['explain', '--key', OTHER, '--now', String(c.options.now)];
  const plain = await run(args, { input: c.body });
  assert(
    !plain.stdout.includes(ESC) && !plain.stderr.includes(ESC),
    'ANSI escapes in piped output',
  );
  const usage = await run(['verify', '--bogus']);
  assert(!usage.stderr.includes(ESC), 'ANSI escapes in a piped usage error');
  const forced = await run(args, { input: c.body, extraEnv: { FORCE_COLOR: '1' } });
  assert(forced.stdout.includes(ESC), 'FORCE_COLOR=1 gives colour');
  const both = await run(args, { input: c.body, extraEnv: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert(!both.stdout.includes(ESC), 'NO_COLOR beats FORCE_COLOR');
  // A real pseudo-terminal: util-linux script(1) (bsdutils, essential in Debian).
  const file = join(TMP, 'doc.json');
  writeFileSync(file, c.body);
  const cmd = `${BIN} explain ${file} --key ${OTHER} --now ${c.options.now}`;
  const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    env: env(),
    encoding: 'utf8',
    timeout: 20000,
    input: '',
  });
  assert(tty.status === 1, `explain in a pty: exit ${tty.status} ${tty.error || ''} ${tty.stderr}`);
  assert(tty.stdout.includes(ESC), 'colour on a terminal');
  assert(!tty.stdout.includes(OTHER), 'key in terminal output');
  const ttyNo = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    env: env({ NO_COLOR: '1' }),
    encoding: 'utf8',
    timeout: 20000,
    input: '',
  });
  assert(
    ttyNo.status === 1 && ttyNo.stdout.includes('SIGNATURE_MISMATCH'),
    `explain in a pty with NO_COLOR: exit ${ttyNo.status}`,
  );
  assert(!ttyNo.stdout.includes(ESC), 'NO_COLOR on a terminal');
  // stdin from a terminal and no FILE: a usage error instead of waiting forever.
  const wait = spawnSync('script', ['-qec', `${BIN} verify --key ${KEY}`, '/dev/null'], {
    env: env(),
    encoding: 'utf8',
    timeout: 20000,
    input: '',
  });
  assert(
    wait.status === 2 && wait.stdout.includes('give a FILE or pipe the body'),
    `verify on a terminal without input: exit ${wait.status} ${wait.stdout}`,
  );
});

test('sign: --event with --set/--unset, a FILE re-signed, stdin, MD5, --json; all verify independently', async () => {
  const r = await run([
    'sign',
    '--event',
    'RECORD_FILE_COMPLETE',
    '--set',
    'stream=room42',
    '--set',
    'file_size=1024',
    '--set',
    'play_url:="https://play.example.com/live/room42.m3u8"',
    '--unset',
    'asset_id',
    '--timestamp',
    '1800000000',
    '--key',
    KEY,
  ]);
  exit(r, 0);
  const body = r.stdout.trim();
  const cb = JSON.parse(body);
  eq(cb.stream, 'room42', 'stream');
  eq(cb.file_size, 1024, 'file_size is a number');
  eq(cb.play_url, 'https://play.example.com/live/room42.m3u8', 'play_url');
  eq(cb.asset_id, undefined, 'asset_id removed');
  eq(cb.auth_timestamp, 1800000000, 'auth_timestamp from --timestamp');
  // __proto__ is an own field like any other: an object there is refused by the package, a
  // string is an unknown field; neither reaches the signed stream through the prototype.
  const proto = await run([
    'sign',
    '--event',
    'PUBLISH',
    '--set',
    '__proto__:={"stream":"evil"}',
    '--key',
    KEY,
  ]);
  exit(proto, 2);
  assert(proto.stderr.includes('callback.__proto__'), show(proto));
  const protoText = await run(['sign', '--event', 'PUBLISH', '--set', '__proto__=x', '--key', KEY]);
  exit(protoText, 0);
  eq(
    JSON.parse(protoText.stdout).stream,
    'example_stream',
    '--set __proto__ does not change the signed stream',
  );
  assert(independentlyValid(body, KEY), 'signature checked with node:crypto');
  const v = await run(['verify', '--key', KEY, '--now', '1800000001'], { input: body });
  exit(v, 0);
  // A file (the documented PUBLISH, signed with another key) re-signed with KEY2 from the env.
  const c = vectors.cases.find((x) => x.name === 'stream/PUBLISH/hmac/valid-doc-example');
  const file = join(TMP, 'resign.json');
  writeFileSync(file, c.body);
  const f = await run(['sign', file, '--timestamp', '2026-12-01T00:00:00Z', '--json'], {
    extraEnv: { HUAWEI_CALLBACK_KEY: `${KEY2},${KEY}` },
  });
  exit(f, 0);
  const fo = json(f);
  assert(independentlyValid(fo.body, KEY2), 'the first env key signs');
  eq(fo.callback.auth_timestamp, Date.parse('2026-12-01T00:00:00Z') / 1000, 'ISO --timestamp');
  eq(fo.callback.user_args, JSON.parse(c.body).user_args, 'user_args kept');
  const s = await run(['sign', '--key', KEY], { input: c.body });
  exit(s, 0);
  assert(independentlyValid(s.stdout.trim(), KEY), 'stdin signed');
  const md5 = await run(['sign', '--event', 'RECORD_OVER', '--algorithm', 'MD5', '--key', KEY]);
  exit(md5, 0);
  const m = JSON.parse(md5.stdout);
  eq(
    m.auth_sign,
    createHash('md5').update(`${KEY}${m.auth_timestamp}`).digest('hex'),
    'MD5 = md5(key + auth_timestamp)',
  );
  const noMd5 = await run(['verify', '--key', KEY, '--json'], { input: md5.stdout });
  exit(noMd5, 1);
  eq(json(noMd5).code, 'MD5_NOT_ALLOWED', 'MD5 refused by default');
  const md5ok = await run(['verify', '--key', KEY, '--allow-md5'], { input: md5.stdout });
  exit(md5ok, 0);
  assert(md5ok.stdout.includes('MD5: no field of the body is authenticated'), show(md5ok));
  // Times above 2^53 - 1 keep every digit (bigint inside, decimal strings in --json).
  const big = await run([
    'sign',
    '--event',
    'PUBLISH',
    '--timestamp',
    '9007199254740993',
    '--key',
    KEY,
  ]);
  exit(big, 0);
  assert(big.stdout.includes('"auth_timestamp":9007199254740993,'), show(big));
  const bx = await run(['explain', '--now', '9007199254740993', '--key', KEY, '--json'], {
    input: big.stdout,
  });
  exit(bx, 0);
  eq(json(bx).timing.expiresAt, '9007199254741293', 'expiresAt above 2^53 in --json');
  const bt = await run(['explain', '--now', '9007199254740993', '--key', KEY], {
    input: big.stdout,
  });
  exit(bt, 0);
  assert(bt.stdout.includes('accepted until 9007199254741293'), show(bt));
  const broken = await run(['sign', '--key', KEY], { input: '{"event":"PUBLISH"' });
  exit(broken, 1);
  assert(broken.stderr.includes('MALFORMED_JSON'), show(broken));
  const missing = await run([
    'sign',
    '--event',
    'PUBLISH',
    '--unset',
    'domain',
    '--key',
    KEY,
    '--json',
  ]);
  exit(missing, 1);
  eq(json(missing).code, 'MISSING_FIELD', 'a sample without its domain');
});

test('keygen: default 64, a given length, letters and digits, --json; a new key each time', async () => {
  const a = await run(['keygen']);
  exit(a, 0);
  assert(/^[A-Za-z0-9]{64}\n$/.test(a.stdout), `keygen output ${JSON.stringify(a.stdout)}`);
  const b = await run(['keygen', '32', '--json']);
  exit(b, 0);
  const o = json(b);
  eq(o.length, 32, 'length');
  assert(
    /^[A-Za-z0-9]{32}$/.test(o.key) && /[0-9]/.test(o.key) && /[A-Za-z]/.test(o.key),
    'key alphabet',
  );
  const c = await run(['keygen']);
  assert(c.stdout !== a.stdout, 'two keygens gave the same key');
  // The new key works end to end.
  const key = a.stdout.trim();
  const s = await run(['sign', '--event', 'PUBLISH'], { extraEnv: { HUAWEI_CALLBACK_KEY: key } });
  exit(s, 0);
  assert(independentlyValid(s.stdout.trim(), key), 'signed with the generated key');
});

test('the package exports the samples trigger sends: every event, frozen, signable, verifiable', async () => {
  eq(JSON.stringify(Object.keys(pkg.samples)), JSON.stringify(EVENTS), 'sample events');
  for (const event of EVENTS) {
    const sample = pkg.samples[event];
    assert(Object.isFrozen(sample), `${event} frozen`);
    eq(sample.event ?? sample.event_type, event, `${event} names its event`);
    assert(!('auth_sign' in sample) && !('auth_timestamp' in sample), `${event} is unsigned`);
    const { body } = pkg.sign({ ...sample }, { key: KEY, authTimestamp: 1800000000 });
    assert(independentlyValid(body, KEY), `${event} signs`);
    eq(pkg.verify(body, { key: KEY, now: 1800000000 }).event, event, `${event} verifies`);
    const fresh = pkg.sampleCallback(event, 1800000000);
    assert(!Object.isFrozen(fresh) && fresh !== sample, `${event}: sampleCallback copies`);
  }
  eq(
    pkg.sampleCallback('PUBLISH', 1800000000).publish_timestamp,
    '1799999994',
    'PUBLISH publish_timestamp',
  );
  eq(
    pkg.sampleCallback('RECORD_FILE_COMPLETE', 1800000000).end_time,
    '2027-01-15T08:00:00Z',
    'file end_time',
  );
  eq(pkg.sampleCallback('RECORD_PAUSED', 1800000000), undefined, 'unknown event');
});

test('trigger: every event, signed with the current time, POSTed as application/json; a receiver here checks the signature with node:crypto', async () => {
  const rx = await checkingReceiver(KEY);
  try {
    for (const event of EVENTS) {
      const before = Math.floor(Date.now() / 1000);
      const r = await run([
        'trigger',
        event,
        '--key',
        KEY,
        '--forward-to',
        `${rx.url}/huawei/callback`,
      ]);
      const after = Math.floor(Date.now() / 1000);
      exit(r, 0);
      assert(
        r.stdout.includes('200') && r.stdout.includes(`received ${event}`),
        `trigger ${event} prints status and answer\n${show(r)}`,
      );
      const last = rx.got[rx.got.length - 1];
      eq(last.method, 'POST', 'method');
      eq(last.url, '/huawei/callback', 'path');
      eq(last.type, 'application/json', 'content type');
      const cb = JSON.parse(last.body);
      eq(cb.event ?? cb.event_type, event, 'event');
      assert(
        cb.auth_timestamp >= before && cb.auth_timestamp <= after,
        `auth_timestamp ${cb.auth_timestamp} is the current time`,
      );
      assert(independentlyValid(last.body, KEY), `${event}: signature`);
      // The body is the package's exported sample, its times moved to the signing time.
      const { auth_sign: _s, auth_timestamp: at, ...fields } = cb;
      eq(
        JSON.stringify(fields),
        JSON.stringify(pkg.sampleCallback(event, at)),
        `${event}: the exported sample`,
      );
    }
    eq(rx.got.length, EVENTS.length, 'one request an event');
    // --set changes a signed field, still signed; env key; --json.
    const s = await run(
      ['trigger', 'PUBLISH_DONE', '--set', 'stream=room42', '--forward-to', rx.url, '--json'],
      { extraEnv: { HUAWEI_CALLBACK_KEY: KEY } },
    );
    exit(s, 0);
    const o = json(s);
    eq(o.ok, true, 'json ok');
    eq(o.status, 200, 'json status');
    eq(o.body, 'received PUBLISH_DONE', 'json answer body');
    eq(o.sent, rx.got[rx.got.length - 1].body, 'json sent = what arrived');
    eq(JSON.parse(o.sent).stream, 'room42', '--set stream');
    // MD5 for a recording callback.
    const m = await run([
      'trigger',
      'RECORD_OVER',
      '--algorithm',
      'MD5',
      '--key',
      KEY,
      '--forward-to',
      rx.url,
    ]);
    exit(m, 0);
    eq(JSON.parse(rx.got[rx.got.length - 1].body).auth_sign.length, 32, 'MD5 signature');
    // The wrong key: the receiver answers 401, trigger exits 1 and prints it.
    const w = await run(['trigger', 'PUBLISH', '--key', OTHER, '--forward-to', rx.url]);
    exit(w, 1);
    assert(w.stdout.includes('401') && w.stdout.includes('bad signature'), show(w));
    // --print sends nothing and prints only the body.
    const n = rx.got.length;
    const p = await run(['trigger', 'RECORD_START', '--key', KEY, '--print']);
    exit(p, 0);
    eq(rx.got.length, n, 'requests after --print');
    eq(p.stdout.split('\n').filter(Boolean).length, 1, 'one line');
    assert(independentlyValid(p.stdout.trim(), KEY), '--print body signed');
  } finally {
    await rx.close();
  }
  // Nobody listening: exit 1 with the reason on one line.
  const closed = await receiver(() => [200, '']);
  const url = closed.url;
  await closed.close();
  const r = await run(['trigger', 'PUBLISH', '--key', KEY, '--forward-to', url]);
  exit(r, 1);
  assert(r.stderr.includes('ECONNREFUSED'), show(r));
  // A 500 is a failure too.
  const err = await receiver(() => [500, 'boom']);
  try {
    const r5 = await run(['trigger', 'PUBLISH', '--key', KEY, '--forward-to', err.url, '--json']);
    exit(r5, 1);
    eq(json(r5).status, 500, 'status 500');
  } finally {
    await err.close();
  }
});

test('listen receives triggers: explains each, 200 when valid / 401 otherwise, forwards the verified body to a second receiver', async () => {
  const downstream = await checkingReceiver(KEY);
  let listen;
  try {
    listen = await startListen(['--forward-to', `${downstream.url}/app`], {
      HUAWEI_CALLBACK_KEY: `${KEY2},${KEY}`,
    });
    assert(
      listen.stdout.includes('with 2 keys') &&
        listen.stdout.includes(`forwarding verified callbacks to ${downstream.url}/app`),
      listen.stdout,
    );
    const good = await run([
      'trigger',
      'RECORD_FILE_COMPLETE',
      '--key',
      KEY,
      '--forward-to',
      `http://127.0.0.1:${listen.port}/huawei`,
      '--json',
    ]);
    exit(good, 0);
    eq(json(good).status, 200, 'listen answers 200 to a valid callback');
    const bad = await run([
      'trigger',
      'PUBLISH',
      '--key',
      OTHER,
      '--forward-to',
      `http://127.0.0.1:${listen.port}/huawei`,
    ]);
    exit(bad, 1);
    assert(bad.stdout.includes('401'), show(bad));
    await waitFor(
      () => downstream.got.length >= 1 && listen.stdout.includes('forwarded to'),
      15000,
      'the forwarded callback',
    );
    eq(downstream.got.length, 1, 'only the verified callback is forwarded');
    eq(downstream.got[0].body, json(good).sent, 'forwarded body is the body received, unchanged');
    eq(downstream.got[0].url, '/app', 'forward path');
    eq(downstream.got[0].type, 'application/json', 'forward content type');
    await waitFor(
      () => /#2 .*-> 401/.test(listen.stdout) && listen.stdout.includes('hints:'),
      15000,
      'the second explanation',
    );
    const out = listen.stdout;
    assert(/#1 .*POST \/huawei .*-> 200/.test(out), `first request line\n${out}`);
    assert(
      out.includes('verdict   VALID') && out.includes('verdict   INVALID  SIGNATURE_MISMATCH'),
      `verdicts\n${out}`,
    );
    assert(
      /signs {5}\d+RECORD_FILE_COMPLETEpush\.example\.comlivemystreamhttps:\/\/obs/.test(out),
      `string to sign\n${out}`,
    );
    assert(out.includes('first difference at character'), `diff marker\n${out}`);
    assert(/forwarded to http:\/\/127\.0\.0\.1:\d+\/app: 200/.test(out), `forward status\n${out}`);
    assert(!out.includes(ESC), 'ANSI escapes in piped listen output');
    assert(
      !out.includes(KEY) && !out.includes(KEY2) && !listen.stderr.includes(KEY),
      'a key in the listen output',
    );
    // A GET is not a callback.
    const get = await new Promise((r, j) =>
      http
        .get(`http://127.0.0.1:${listen.port}/`, (res) => {
          res.resume();
          r(res.statusCode);
        })
        .on('error', j),
    );
    eq(get, 405, 'GET');
    eq(await listen.stop(), 0, 'listen exit status after SIGTERM');
  } finally {
    if (listen) listen.child.kill('SIGKILL');
    await downstream.close();
  }
});

test('listen --json: one JSON object a line (ready, callback, forward), keys redacted', async () => {
  const downstream = await receiver(() => [204, '']);
  let listen;
  try {
    listen = await startListen([
      '--json',
      '--key',
      KEY,
      '--tolerance',
      '60',
      '--forward-to',
      downstream.url,
    ]);
    const t = await run([
      'trigger',
      'PUBLISH',
      '--key',
      KEY,
      '--forward-to',
      `http://127.0.0.1:${listen.port}/`,
    ]);
    exit(t, 0);
    await waitFor(() => listen.stdout.includes('"type":"forward"'), 15000, 'the forward line');
    const lines = listen.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    eq(lines[0].type, 'ready', 'first line');
    eq(lines[0].port, listen.port, 'ready port');
    eq(JSON.stringify(lines[0].options.keys), '["<key 0>"]', 'redacted keys');
    eq(lines[0].options.toleranceSeconds, 60, 'echoed option');
    const cbLine = lines.find((l) => l.type === 'callback');
    eq(cbLine.status, 200, 'callback status');
    eq(cbLine.ok, true, 'callback ok');
    eq(cbLine.explanation.verdict, 'VALID', 'explanation verdict');
    eq(cbLine.explanation.timing.toleranceSeconds, 60, 'listen applies --tolerance');
    eq(lines.find((l) => l.type === 'forward').status, 204, 'forward status');
    eq(downstream.got.length, 1, 'forwarded');
    eq(await listen.stop(), 0, 'exit after SIGTERM');
  } finally {
    if (listen) listen.child.kill('SIGKILL');
    await downstream.close();
  }
});

test('listen: a port in use is a usage error', async () => {
  const busy = await receiver(() => [200, '']);
  try {
    const port = new URL(busy.url).port;
    const r = await run(['listen', '--port', port, '--key', KEY]);
    exit(r, 2);
    assert(r.stderr.includes(`port ${port} is in use`), show(r));
  } finally {
    await busy.close();
  }
});

// url sign|verify|explain (signed ingest/playback URLs, spec §5), against tests/vectors/urls.json.

const urlVectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/urls.json'), 'utf8'));

test("url sign: Huawei's worked examples (methods A, B, D) and every sign vector with a string URL", async () => {
  let n = 0;
  for (const v of urlVectors.sign) {
    // Times above 10^11 are milliseconds to the JS API (a TypeError there, by design): not CLI input.
    if (
      typeof v.url !== 'string' ||
      typeof v.key !== 'string' ||
      v.expect.url === undefined ||
      Number(v.time) > 1e11
    )
      continue;
    const args = ['url', 'sign', v.url, '--method', v.method, '--time', String(v.time), '--json'];
    if (v.rand !== undefined) args.push('--rand', v.rand);
    if (v.uid !== undefined) args.push('--uid', v.uid);
    const r = await run(args, { extraEnv: { HUAWEI_URL_KEY: v.key } });
    exit(r, 0);
    eq(json(r).url, v.expect.url, v.name);
    assert(!r.stdout.includes(v.key), `${v.name}: key in the output`);
    n++;
  }
  assert(n >= 4, `only ${n} url sign vectors`);
  console.log(`     (${n} url sign vectors)`);
  const d = urlVectors.sign.find((v) => v.name === 'sign/D/huawei');
  const t = await run([
    'url',
    'sign',
    d.url,
    '--method',
    'D',
    '--time',
    String(d.time),
    '--key',
    d.key,
  ]);
  exit(t, 0);
  eq(t.stdout, `${d.expect.url}\n`, 'text output is the URL');
  const defaultD = await run(['url', 'sign', d.url, '--time', String(d.time), '--key', d.key]);
  exit(defaultD, 0);
  eq(defaultD.stdout, `${d.expect.url}\n`, 'method D by default');
  const c = await run(['url', 'sign', d.url, '--method', 'C', '--key', d.key, '--json']);
  exit(c, 1);
  eq(json(c).code, 'UNSUPPORTED_METHOD', 'method C');
  const millis = await run(['url', 'sign', d.url, '--time', String(Date.now()), '--key', d.key]);
  exit(millis, 2);
  assert(millis.stderr.startsWith('hwlc: --time must be Unix seconds'), show(millis));
  const bogus = await run(['url', 'frob', d.url]);
  exit(bogus, 2);
  const flag = await run(['url', 'sign', d.url, '--key', d.key, '--tolerance', '5']);
  exit(flag, 2);
  oneLine(flag.stderr, 'url sign --tolerance');
  assert(flag.stderr.includes('unknown flag --tolerance for `hwlc url sign`'), show(flag));
  const noKey = await run(['url', 'sign', d.url, '--method', 'D']);
  exit(noKey, 2);
  assert(noKey.stderr.includes('HUAWEI_URL_KEY'), show(noKey));
});

test('url verify / explain: exit 0 / 1 / 2, --json, the window and the hashed string', async () => {
  const d = urlVectors.sign.find((v) => v.name === 'sign/D/huawei');
  const url = d.expect.url;
  const base = ['--timeout', '3600', '--now', String(d.time + 60), '--key', d.key];
  const ok = await run(['url', 'verify', url, ...base, '--json']);
  exit(ok, 0);
  const o = json(ok);
  eq(o.ok, true, 'ok');
  eq(o.verified.method, 'D', 'method');
  eq(o.verified.stream, 'huawei1', 'stream');
  const text = await run(['url', 'verify', url, ...base]);
  exit(text, 0);
  assert(text.stdout.startsWith('VALID method D'), show(text));
  const late = await run([
    'url',
    'verify',
    url,
    '--timeout',
    '3600',
    '--now',
    String(d.time + 3600),
    '--key',
    d.key,
    '--json',
  ]);
  exit(late, 1);
  eq(json(late).code, 'EXPIRED', 'expired URL');
  const tampered = url.replace('huawei1', 'huawei2');
  const bad = await run(['url', 'verify', tampered, ...base]);
  exit(bad, 1);
  assert(bad.stdout.startsWith('SIGNATURE_MISMATCH '), show(bad));
  const noTimeout = await run(['url', 'verify', url, '--key', d.key]);
  exit(noTimeout, 2);
  assert(noTimeout.stderr.includes('--timeout'), show(noTimeout));
  const x = await run(['url', 'explain', tampered, ...base]);
  exit(x, 1);
  assert(x.stdout.includes('hashes    huawei25eed5888'), show(x));
  assert(x.stdout.includes('first difference at character'), show(x));
  assert(x.stdout.includes('window    valid from 1592613000 until 1592616600'), show(x));
  assert(!x.stdout.includes(d.key) && !x.stdout.includes(ESC), 'key or colour in url explain');
  const xj = await run(['url', 'explain', url, ...base, '--json']);
  exit(xj, 0);
  eq(json(xj).verdict, 'VALID', 'explain verdict');
  const help = await run(['url', '--help']);
  exit(help, 0);
  assert(/\nExamples:\n[^\n]*\bhwlc url sign/.test(help.stdout), show(help));
});

// ---------------------------------------------------------------------------------------------

if (!existsSync(BIN) || !existsSync(LONG_BIN)) {
  console.error(
    `tests/cli: ${BIN} or ${LONG_BIN} is missing: run scripts/pack-install.sh ${scratch}`,
  );
  process.exit(1);
}
let passed = 0;
let failed = 0;
for (const t of tests) {
  try {
    await Promise.race([
      t.fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('test took more than 180 s')), 180000).unref(),
      ),
    ]);
    passed++;
    console.log(`ok   ${t.name}`);
  } catch (e) {
    failed++;
    console.log(
      `FAIL ${t.name}\n     ${String(e?.stack ? e.stack : e)
        .split('\n')
        .join('\n     ')}`,
    );
    cleanup();
  }
}
cleanup();
console.log(`tests/cli: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
