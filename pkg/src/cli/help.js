// @ts-check
// --help texts of the command line: the tool's and each command's, each with an example.

const KEYS = `  --key KEY             a callback key (repeat for rotation); default: HUAWEI_CALLBACK_KEY,
                        comma-separated, each trimmed. Prefer the variable: flags show up in \`ps\`.`;
const POLICY = `  --now T               the time to check against (Unix seconds or ISO 8601); default: now
  --tolerance S         accepted while now <= auth_timestamp + S (default 300)
  --max-future S        auth_timestamp at most S seconds ahead of now (default 86400)
  --max-body-bytes N    larger bodies are refused (default 1048576)
  --domain D            accept only this domain / publish_domain (repeatable)
  --app A               accept only this app (repeatable)
  --allow-md5           accept MD5-signed recording callbacks (they authenticate no field)
  --allow-unknown-events  accept event names Huawei does not document`;
const JSON_FLAG = `  --json                machine-readable output (one JSON document)`;

export const TOOL_HELP = `hwlc — Huawei Cloud Live callbacks from a terminal: trigger test callbacks at your receiver,
listen for real ones, verify, explain and sign bodies. Same WebAssembly core as the npm package.

Usage: hwlc <command> [flags]     (also: npx huaweicloud-live-callback <command>)

Commands:
  trigger EVENT         sign a realistic sample of EVENT with the current time and POST it
  listen                a local receiver on 127.0.0.1 that explains every callback it gets
  verify [FILE]         exit 0 when the body verifies, 1 when not (prints code and message)
  explain [FILE]        why a body verifies or not: string to sign, signatures, time, hints
  sign [FILE]           sign a callback (JSON file/stdin, or --event with --set fields)
  keygen [LENGTH]       a random key (32 to 128 letters and digits, default 64)
  url sign|verify|explain URL   signed ingest/playback URLs (methods A, B, D); hwlc url --help

Events: PUBLISH, PUBLISH_DONE, RECORD_START, RECORD_NEW_FILE_START, RECORD_FILE_COMPLETE,
        RECORD_OVER, RECORD_FAILED
Keys:   --key KEY (repeatable) or HUAWEI_CALLBACK_KEY=key1,key2. Keys are never printed.
Output: colour only on a terminal and never with NO_COLOR; --json on every command.
Exit:   0 success, 1 refused / failed, 2 usage error.

Example:
  export HUAWEI_CALLBACK_KEY=$(hwlc keygen)
  hwlc trigger PUBLISH --forward-to http://127.0.0.1:3000/huawei/callback

Run \`hwlc <command> --help\` for a command's flags; \`hwlc --version\` for the version.`;

export const HELP = {
  trigger: `Usage: hwlc trigger EVENT --forward-to URL [--key KEY] [flags]

Signs a realistic sample of EVENT (PUBLISH, PUBLISH_DONE, RECORD_START, RECORD_NEW_FILE_START,
RECORD_FILE_COMPLETE, RECORD_OVER, RECORD_FAILED) with the current time and POSTs it as
application/json to URL. Prints the answer's status and body; exits 0 on a 2xx answer, else 1.

  --forward-to URL      where to POST (http or https)
${KEYS}
                        (the first key signs)
  --set FIELD=VALUE     set a field (repeatable); FIELD:=JSON sets a JSON value (number, string)
  --unset FIELD         remove a field of the sample (repeatable)
  --algorithm A         HMAC-SHA256 (default) or MD5 (recording callbacks only)
  --timestamp T         auth_timestamp (Unix seconds or ISO 8601); default: now
  --print               print the signed body only, send nothing (for curl)
  --timeout S           give up waiting for the answer after S seconds (default 10)
${JSON_FLAG}

Examples:
  hwlc trigger PUBLISH --key "$KEY" --forward-to http://127.0.0.1:3000/callback
  hwlc trigger RECORD_FILE_COMPLETE --set stream=room42 --set file_size:=1024 --print |
    curl -H 'content-type: application/json' --data-binary @- http://127.0.0.1:3000/callback`,

  listen: `Usage: hwlc listen [--key KEY] [--port N] [--forward-to URL] [flags]

A local receiver on 127.0.0.1: prints every callback it gets, explained (verdict, reason,
string to sign, expected against received signature, time window, hints); answers 200 when
it verifies and 401 otherwise; forwards verified bodies, unchanged, to --forward-to and prints
that answer's status. Point a tunnel at it to debug what Huawei's console sends. Stop: Ctrl-C.

${KEYS}
  --port N              port on 127.0.0.1 (default 8787; 0 picks a free one)
  --forward-to URL      POST verified bodies there (http or https)
  --tolerance S, --max-future S, --max-body-bytes N, --domain D, --app A, --allow-md5,
  --allow-unknown-events      as for \`hwlc verify\`
  --timeout S           give up waiting for the forward's answer after S seconds (default 10)
  --json                one JSON object a line: {"type":"ready"|"callback"|"forward", …}

Example:
  HUAWEI_CALLBACK_KEY=… hwlc listen --port 8787 --forward-to http://127.0.0.1:3000/callback`,

  verify: `Usage: hwlc verify [FILE] [--key KEY] [flags]

Verifies a callback body read from FILE, or from stdin when FILE is absent or -. Exits 0 when it
verifies, 1 when it does not (printing the error code and message), 2 on a usage error.

${KEYS}
${POLICY}
  --json                { ok, code?, message?, verified? }

Example:
  hwlc verify body.json --key "$KEY" --now 1587954200 && echo accepted`,

  explain: `Usage: hwlc explain [FILE] [--key KEY] [flags]

Explains why a callback body (FILE, or stdin) verifies or not: the verdict and reason, the whole
string to sign on one line, then field by field; the received signature against the expected
one with the first difference marked; each key's check; the time window; problems and hints.
It shows valid signatures: keep its output to places where they may be seen. Exits 0 when the
body verifies, 1 when not.

${KEYS}
${POLICY}
  --json                the explain() result as JSON

Example:
  pbpaste | hwlc explain --key "$KEY"`,

  sign: `Usage: hwlc sign [FILE] [--key KEY] [flags]
       hwlc sign --event EVENT [--set FIELD=VALUE]… [--key KEY] [flags]

Signs a callback and prints the signed body (compact JSON, Huawei's field order): the callback
JSON read from FILE or stdin, or the sample of --event. Existing auth_timestamp/auth_sign are
replaced.

  --event EVENT         start from the realistic sample of EVENT instead of FILE/stdin
${KEYS}
                        (the first key signs)
  --set FIELD=VALUE     set a field (repeatable); FIELD:=JSON sets a JSON value
  --unset FIELD         remove a field (repeatable)
  --algorithm A         HMAC-SHA256 (default) or MD5 (recording callbacks only)
  --timestamp T         auth_timestamp (Unix seconds or ISO 8601); default: now
  --json                { body, callback }

Example:
  hwlc sign --event PUBLISH_DONE --set stream=room42 --key "$KEY" > done.json`,

  keygen: `Usage: hwlc keygen [LENGTH] [--json]

Prints a new random key of LENGTH (32 to 128, default 64) letters and digits, with at least one
of each, from crypto.getRandomValues. Paste it into the callback template in Huawei's console.

  --json                { key, length }

Example:
  export HUAWEI_CALLBACK_KEY=$(hwlc keygen 32)`,
};
