// @ts-check
// `hwlc url sign|verify|explain`: Huawei's signed ingest/playback URLs (spec §5, methods A, B
// and D) through the package's signUrl / verifyUrl / explainUrl. Only arguments and
// presentation here; the core decides.

import { UsageError, integer, parseArgs, seconds } from './args.js';

export { URL_HELP };
import { visible } from './format.js';

const URL_HELP = `Usage: hwlc url sign URL [--method A|B|D] [--time T] [--rand R] [--uid U] [--key KEY] [--json]
       hwlc url verify URL --timeout S [--now T] [--method M] [--max-skew S] [--key KEY]… [--json]
       hwlc url explain URL --timeout S [same flags as verify]

Signed ingest and playback URLs ("URL validation" of a domain, spec §5): method A (auth_key),
B (txSecret/txTime), D (hwSecret/hwTime, recommended). Times are the start of validity; a URL
is valid while time <= now + max-skew and now < time + timeout. Method C (AES) cannot be
checked offline: UNSUPPORTED_METHOD. verify exits 0 when the URL verifies, 1 when not, 2 on a
usage error; explain prints the hashed string, the signatures, the window and hints.

  --key KEY             the domain's URL-validation key (32 letters and digits; repeat for
                        rotation); default: HUAWEI_URL_KEY, comma-separated, trimmed. Never printed.
  --method M            A, B, D (or a_md5, b_md5, d_sha256); sign: default D;
                        verify/explain: default the method whose parameters the URL carries
  --time T              sign: the start of validity (Unix seconds or ISO 8601); default: now
  --rand R, --uid U     sign, method A only: the random part (default: 32 random hex digits)
                        and the user id (default 0)
  --timeout S           verify/explain: the domain's validity timeout, 60 to 2592000 s (no default)
  --max-skew S          verify/explain: how far the time may lie ahead of now (default 300)
  --now T               verify/explain: the time to check against; default: now
  --json                sign: { url }; verify: { ok, code?, message?, verified? }; explain: the explainUrl() result

Examples:
  hwlc url sign rtmp://push.example.com/live/room42 --method D --key "$URL_KEY"
  hwlc url verify 'https://play.example.com/live/room42.m3u8?hwSecret=…&hwTime=5eed5888' --timeout 3600`;

const FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  key: { type: 'string', multiple: true, secret: true, hint: 'KEY' },
  method: { type: 'string', hint: 'D' },
};
const SPECS = {
  sign: {
    flags: {
      ...FLAGS,
      time: { type: 'string', hint: '1592613000' },
      rand: { type: 'string', hint: '477b3bbc253f467b8def6711128c7bec' },
      uid: { type: 'string', hint: '0' },
    },
    min: 1,
    max: 1,
    positionalHint: 'a URL, like rtmp://push.example.com/live/room42',
  },
  verify: {
    flags: {
      ...FLAGS,
      timeout: { type: 'string', hint: '3600' },
      'max-skew': { type: 'string', hint: '300' },
      now: { type: 'string', hint: '1592613000' },
    },
    min: 1,
    max: 1,
    positionalHint: 'a signed URL',
  },
};
SPECS.explain = SPECS.verify;

function urlKeys(ctx, flags) {
  if (flags.key) return flags.key;
  const env = ctx.env.HUAWEI_URL_KEY;
  if (env !== undefined && env !== '') return env.split(',').map((k) => k.trim());
  throw new UsageError(
    "no key: give --key KEY (the domain's URL-validation key) or set HUAWEI_URL_KEY=key1,key2",
  );
}

function verifyOptions(ctx, flags) {
  if (flags.timeout === undefined) {
    throw new UsageError(
      "give --timeout S: the domain's URL-validation timeout in seconds (60 to 2592000; it has no default)",
    );
  }
  const options = {
    keys: urlKeys(ctx, flags),
    timeoutSeconds: integer(flags.timeout, '--timeout'),
  };
  if (flags.maxSkew !== undefined) options.maxSkewSeconds = integer(flags.maxSkew, '--max-skew');
  if (flags.now !== undefined) options.now = seconds(flags.now, '--now');
  if (flags.method !== undefined) options.method = flags.method;
  return options;
}

function windowLine(w) {
  const left =
    Number(w.secondsLeft) >= 0
      ? `${w.secondsLeft} s left`
      : `expired ${-Number(w.secondsLeft)} s ago`;
  return `valid from ${w.startsAt} until ${w.expiresAt} (timeout ${w.timeoutSeconds} s, skew ${w.maxSkewSeconds} s), now ${w.now}: ${left}`;
}

/** The url command; `api` is `{ signUrl, verifyUrl, explainUrl, CallbackError }` of the package, `toJson` the CLI's JSON writer. */
export async function urlCommand(ctx, argv, api, toJson) {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || rest.includes('--help')) {
    ctx.out(URL_HELP);
    return sub === undefined ? 2 : 0;
  }
  const spec = SPECS[sub];
  if (!spec)
    throw new UsageError(
      `unknown url command ${JSON.stringify(sub)}: use sign, verify or explain (hwlc url --help)`,
    );
  const { flags, positionals } = parseArgs(rest, spec, `url ${sub}`);
  const [url] = positionals;
  const c = ctx.c;
  if (sub === 'sign') {
    const options = {
      key: urlKeys(ctx, flags)[0],
      time:
        flags.time === undefined ? Math.floor(Date.now() / 1000) : seconds(flags.time, '--time'),
    };
    if (flags.method !== undefined) options.method = flags.method;
    if (flags.rand !== undefined) options.rand = flags.rand;
    if (flags.uid !== undefined) options.uid = flags.uid;
    const signed = api.signUrl(url, options);
    ctx.out(flags.json ? toJson({ url: signed }) : signed);
    return 0;
  }
  const options = verifyOptions(ctx, flags);
  if (sub === 'verify') {
    let v;
    try {
      v = api.verifyUrl(url, options);
    } catch (e) {
      if (!(e instanceof api.CallbackError) || e.code === 'INVALID_KEY') throw e;
      if (flags.json) ctx.out(toJson({ ok: false, code: e.code, message: e.message }));
      else ctx.out(`${c.bold(c.red(e.code))} ${e.message}`);
      return 1;
    }
    if (flags.json) ctx.out(toJson({ ok: true, verified: v }));
    else {
      ctx.out(
        `${c.bold(c.green('VALID'))} method ${v.method}, ${v.kind} stream ${visible(v.stream)}, key ${v.keyIndex}${v.keyId ? ` (${v.keyId})` : ''}; from ${v.time} (${v.timeFormat}) until ${v.expiresAt}`,
      );
      if (v.note) ctx.out(c.dim(v.note));
    }
    return 0;
  }
  const x = api.explainUrl(url, options);
  if (flags.json) {
    ctx.out(toJson(x));
  } else {
    const label = (s) => c.dim(s.padEnd(10));
    const good = x.error === null;
    ctx.out(
      `${label('verdict')}${c.bold((good ? c.green : c.red)(x.verdict))}  ${x.error ? `${x.error.code}: ${x.error.message}` : 'valid'}`,
    );
    if (x.method)
      ctx.out(
        `${label('method')}${x.method}${x.kind ? `, ${x.kind}` : ''}${x.stream !== null ? `, stream ${visible(x.stream)}` : ''}${x.uri !== null ? `, URI ${visible(x.uri)}` : ''}`,
      );
    if (x.formula) ctx.out(`${label('formula')}${x.formula}`);
    if (x.hashed !== null) ctx.out(`${label('hashes')}${c.cyan(visible(x.hashed))}`);
    if (x.time !== null)
      ctx.out(`${label('time')}${x.time} (${x.timeFormat}, ${x.timeReading} of validity)`);
    if (x.receivedSignature !== null || x.expectedSignature !== null) {
      ctx.out(`${label('received')}${x.receivedSignature ?? c.dim('(none)')}`);
      if (x.expectedSignature !== null) ctx.out(`${label('expected')}${x.expectedSignature}`);
      const r = x.receivedSignature;
      const e = x.expectedSignature;
      if (r !== null && e !== null && r.toLowerCase() !== e) {
        let d = 0;
        while (d < r.length && d < e.length && r[d].toLowerCase() === e[d]) d++;
        ctx.out(`${' '.repeat(10 + d)}^ first difference at character ${d}`);
      }
    }
    if (x.keys.length > 1 || x.keys.some((k) => k.problem !== null)) {
      ctx.out(c.dim('keys:'));
      for (const k of x.keys)
        ctx.out(
          `  ${k.index}${k.id ? ` (${k.id})` : ''}  ${k.expectedSignature}  ${k.matches ? c.green('matches') : c.red('no match')}${k.problem ? `  ${c.yellow(k.problem)}` : ''}`,
        );
    }
    if (x.window) ctx.out(`${label('window')}${windowLine(x.window)}`);
    if (x.note) ctx.out(`${label('note')}${x.note}`);
    if (x.hints.length > 0) {
      ctx.out(c.dim('hints:'));
      for (const h of x.hints) ctx.out(`  - ${h}`);
    }
  }
  return x.error === null ? 0 : 1;
}
