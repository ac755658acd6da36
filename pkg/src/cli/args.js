// @ts-check
// The command line's own small argument parser (Node 18.0 has no util.parseArgs): long flags
// only, `--flag value` or `--flag=value`, booleans without a value, repeatable flags collected
// in arrays, `--` ends the flags, a lone `-` is a positional (stdin). Every mistake is a
// UsageError whose message is one line that says how to fix it. Values of secret flags
// (`--key`) never appear in a message.

/** A mistake on the command line: exit status 2, one line on stderr. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` against `spec`: `{ flags: { name: { type: 'string' | 'boolean', multiple?,
 * secret? } }, min?, max? }` (positional counts). Returns `{ flags, positionals }` with flag
 * names camelCased (`--max-future` -> `maxFuture`); `command` names the command in messages.
 */
export function parseArgs(argv, spec, command) {
  const flags = {};
  const positionals = [];
  const help = `see \`hwlc ${command} --help\``;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') {
        throw new UsageError(
          `unknown flag ${arg} for \`hwlc ${command}\` (flags are long, like --json): ${help}`,
        );
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const def = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (def === undefined) {
      const near = closest(name, Object.keys(spec.flags));
      throw new UsageError(
        `unknown flag --${name} for \`hwlc ${command}\`${near ? ` (did you mean --${near}?)` : ''}: ${help}`,
      );
    }
    const key = camel(name);
    let value;
    if (def.type === 'boolean') {
      if (eq !== -1)
        throw new UsageError(`--${name} takes no value (write just --${name}): ${help}`);
      value = true;
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length)
        throw new UsageError(`--${name} needs a value, like --${name} ${def.hint || 'VALUE'}`);
      value = argv[++i];
    }
    if (def.multiple) {
      flags[key] ||= [];
      flags[key].push(value);
    } else if (flags[key] !== undefined) {
      throw new UsageError(`--${name} is given twice; give it once`);
    } else {
      flags[key] = value;
    }
  }
  for (; i < argv.length; i++) positionals.push(argv[i]);
  const min = spec.min ?? 0;
  const max = spec.max ?? 0;
  if (positionals.length > max) {
    // Never echo the argument itself: it may be a key given without its flag.
    throw new UsageError(
      max === 0
        ? `\`hwlc ${command}\` takes no positional argument, got ${positionals.length}: ${help}`
        : `\`hwlc ${command}\` takes at most ${max} positional argument${max === 1 ? '' : 's'}, got ${positionals.length}: ${help}`,
    );
  }
  if (positionals.length < min) {
    throw new UsageError(
      `\`hwlc ${command}\` needs ${spec.positionalHint || 'an argument'}: ${help}`,
    );
  }
  return { flags, positionals };
}

// The flag within two edits of `name` (the first of the nearest), for "did you mean".
function closest(name, names) {
  let best;
  let bestD = 3;
  for (const n of names) {
    const d = distance(name, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

function distance(a, b) {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(
        Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    prev = row;
  }
  return prev[b.length];
}

function camel(name) {
  return name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** A non-negative integer flag value (number, or bigint above 2^53 - 1). */
export function integer(value, flag) {
  if (!/^[0-9]+$/.test(value))
    throw new UsageError(`${flag} must be a non-negative integer, got ${JSON.stringify(value)}`);
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
}

/** `--now`/`--timestamp`: Unix seconds, or an ISO 8601 date with a time zone. */
export function seconds(value, flag) {
  if (/^[0-9]+$/.test(value)) return integer(value, flag);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && ms >= 0) return Math.floor(ms / 1000);
  }
  throw new UsageError(
    `${flag} must be Unix seconds or an ISO 8601 time like 2026-12-01T20:00:00Z, got ${JSON.stringify(value)}`,
  );
}
