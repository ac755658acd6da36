// @ts-check
// Presentation of the command line's results: colour (only on a TTY, never with NO_COLOR), the
// explain report and one-line summaries. It only presents what the core decided (explain's
// verdict, problems, hints, parts, signatures, timing); it never decides anything itself.

/**
 * Colour functions for a stream: ANSI SGR when `stream.isTTY` and NO_COLOR is unset or empty
 * (https://no-color.org), or when FORCE_COLOR is set to something other than '0' and NO_COLOR
 * is not. Otherwise every function returns its text unchanged.
 */
export function colours(stream, env) {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  const on = !noColor && (force || stream.isTTY === true);
  const sgr = (open, close) => (on ? (s) => `\x1b[${open}m${s}\x1b[${close}m` : (s) => String(s));
  return {
    on,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    inverse: sgr(7, 27),
  };
}

/** Control, format and other invisible characters spelled out (\n, \t, \u200b…), so a value fits on one line. */
export function visible(s) {
  return String(s).replace(
    // C0/C1 controls, DEL, soft hyphen, zero-widths and bidi marks, line/paragraph separators, BOM.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
    /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\\]/g,
    (c) => {
      if (c === '\\') return '\\\\';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  );
}

const VERDICT_WORDS = {
  VALID: 'valid: the signature matches and the time is within the window',
  WEAK: 'accepted, but MD5 authenticates no field of the body',
  EXPIRED: 'authentic but outside the time window',
  MALFORMED: 'not a callback the core can read',
  INVALID: 'refused',
};

function verdictColour(c, verdict) {
  if (verdict === 'VALID') return c.green;
  if (verdict === 'WEAK' || verdict === 'EXPIRED') return c.yellow;
  return c.red;
}

/** The verdict word, coloured. */
export function verdictLabel(c, verdict) {
  return c.bold(verdictColour(c, verdict)(verdict));
}

// A signature with its first `diff` characters plain and the character at `diff` marked.
function marked(c, sig, diff) {
  if (diff === null || diff === undefined || diff >= sig.length) return sig;
  return sig.slice(0, diff) + c.inverse(c.red(sig[diff])) + c.red(sig.slice(diff + 1));
}

function relative(seconds) {
  const s = Math.abs(Number(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

function utc(t) {
  const d = new Date(Number(t) * 1000);
  return Number.isNaN(d.getTime()) ? '' : ` (${d.toISOString().replace(/\.000Z$/, 'Z')})`;
}

/**
 * The explain report as lines of text: verdict and reason, the whole string to sign on one
 * line, each signed field's part, received against expected signature with the first
 * difference marked, every key's check, the time window, problems, hints, unsigned fields.
 */
export function explainLines(c, x) {
  const out = [];
  const label = (s) => c.dim(s.padEnd(10));
  const reason = x.error ? `${x.error.code}: ${x.error.message}` : VERDICT_WORDS[x.verdict] || '';
  out.push(`${label('verdict')}${verdictLabel(c, x.verdict)}  ${reason}`);
  if (x.kind) {
    out.push(
      `${label('callback')}${x.kind} ${c.bold(visible(x.event))}, ${x.algorithm ?? 'unsigned'}`,
    );
  }
  if (x.stringToSign !== null) {
    out.push(`${label('signs')}${c.cyan(visible(x.stringToSign))}`);
  }
  if (x.parts.length > 0) {
    out.push(c.dim('string to sign, field by field:'));
    const width = Math.max(...x.parts.map((p) => p.field.length));
    for (const p of x.parts) {
      const value = p.present
        ? JSON.stringify(visible(p.value)).replace(/\\\\/g, '\\')
        : c.dim('(absent: contributes nothing)');
      out.push(`  ${p.field.padEnd(width)}  ${value}`);
    }
  }
  if (x.receivedSignature !== null || x.expectedSignature !== null) {
    const received = x.receivedSignature ?? c.dim('(none)');
    out.push(`${label('received')}${x.matches ? c.green(received) : received}`);
    if (x.expectedSignature !== null) {
      const which = x.keyIndex !== null ? x.keyIndex : 0;
      const key = x.keys[which];
      const name = key ? ` ${c.dim(`key ${key.index}${key.id ? ` (${key.id})` : ''}`)}` : '';
      out.push(
        `${label('expected')}${x.matches ? c.green(x.expectedSignature) : marked(c, x.expectedSignature, x.firstDifference)}${name}`,
      );
      if (!x.matches && x.firstDifference !== null && x.receivedSignature !== null) {
        out.push(
          `${' '.repeat(10 + x.firstDifference)}^ first difference at character ${x.firstDifference}`,
        );
      }
    }
  }
  if (x.keys.length > 1 || x.keys.some((k) => k.problem !== null)) {
    out.push(c.dim('keys:'));
    for (const k of x.keys) {
      const status = k.matches ? c.green('matches') : c.red('no match');
      out.push(
        `  ${k.index}${k.id ? ` (${k.id})` : ''}  ${k.expectedSignature}  ${status}${k.problem ? `  ${c.yellow(k.problem)}` : ''}`,
      );
    }
  }
  if (x.timing) {
    const t = x.timing;
    const left =
      Number(t.secondsLeft) >= 0
        ? `${relative(t.secondsLeft)} left`
        : c.red(`expired ${relative(t.secondsLeft)} ago`);
    out.push(
      `${label('time')}auth_timestamp ${t.authTimestamp}${utc(t.authTimestamp)}, now ${t.now}; ` +
        `accepted until ${t.expiresAt} (tolerance ${t.toleranceSeconds} s): ${left}; ` +
        `at most ${t.maxFutureSeconds} s in the future`,
    );
  }
  if (Array.isArray(x.openBoundaries) && x.openBoundaries.length > 0) {
    const list = x.openBoundaries.map((b) => `${b.before}|${b.after}`).join(', ');
    out.push(
      `${label('open')}${c.yellow(list)} ${c.dim('(characters can move across these boundaries: set --domain and --app)')}`,
    );
  }
  if (x.problems.length > 0) {
    out.push(c.dim('problems:'));
    for (const p of x.problems) out.push(`  ${c.red(p.code)} ${p.message}`);
  }
  if (x.hints.length > 0) {
    out.push(c.dim('hints:'));
    for (const h of x.hints) out.push(`  - ${h}`);
  }
  if (x.kind) {
    out.push(`${label('signed')}${x.signedFields.join(', ') || c.dim('(none)')}`);
    if (x.unsignedFields.length > 0)
      out.push(
        `${label('unsigned')}${x.unsignedFields.join(', ')} ${c.dim('(not authenticated)')}`,
      );
  }
  return out;
}
