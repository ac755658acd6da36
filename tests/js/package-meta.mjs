// make test-pkg: the npm package's metadata and its README's links.
//  - pkg/package.json's repository, homepage and bugs derive from Cargo.toml's `repository` and
//    `homepage` (the one place the project's address is written); version and licence agree.
//  - The tarball (npm pack --dry-run) carries README.md, SECURITY.md and both licence texts.
//  - Every link in pkg/README.md works on npm: absolute, and each one into the repository is
//    <repository>/blob/main/<a tracked file>[#<a heading of that file, GitHub's anchor>].
//  - One environment variable name per purpose in every tracked file: HUAWEI_CALLBACK_KEY for
//    callback keys, HUAWEI_URL_KEY for URL keys.
// Run from the repository root: node tests/js/package-meta.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

/** The `[package]` table's string values of Cargo.toml (the keys this test needs). */
function cargoPackage() {
  const text = readFileSync('Cargo.toml', 'utf8');
  const table = text.split(/^\[/m).find((t) => t.startsWith('package]'));
  const out = {};
  for (const m of table.matchAll(/^([a-z-]+) = "([^"]*)"$/gm)) out[m[1]] = m[2];
  return out;
}

const cargo = cargoPackage();
const pkg = JSON.parse(readFileSync('pkg/package.json', 'utf8'));
const repo = cargo.repository;
check(
  /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(repo ?? ''),
  `Cargo.toml repository is a GitHub address: ${repo}`,
);
check(
  pkg.repository?.type === 'git',
  `package.json repository.type is git: ${pkg.repository?.type}`,
);
check(
  pkg.repository?.url === `git+${repo}.git`,
  `package.json repository.url is git+${repo}.git: ${pkg.repository?.url}`,
);
check(
  pkg.repository?.directory === 'pkg',
  `package.json repository.directory is pkg: ${pkg.repository?.directory}`,
);
check(
  pkg.homepage === cargo.homepage,
  `package.json homepage is Cargo.toml's ${cargo.homepage}: ${pkg.homepage}`,
);
check(
  cargo.homepage?.startsWith(repo),
  `Cargo.toml homepage is in the repository: ${cargo.homepage}`,
);
check(
  pkg.bugs?.url === `${repo}/issues`,
  `package.json bugs.url is ${repo}/issues: ${pkg.bugs?.url}`,
);
check(
  pkg.version === cargo.version,
  `package.json version is Cargo.toml's ${cargo.version}: ${pkg.version}`,
);
check(
  pkg.license === cargo.license,
  `package.json license is Cargo.toml's ${cargo.license}: ${pkg.license}`,
);

// The tarball's files.
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', './pkg'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }),
);
const inTarball = new Set(packed.files.map((f) => f.path));
for (const f of ['package.json', 'README.md', 'SECURITY.md', 'LICENSE-MIT', 'LICENSE-APACHE'])
  check(inTarball.has(f), `the tarball carries ${f}`);

// GitHub's heading anchors: lower case, punctuation but - and _ dropped, spaces to -, repeats -1, -2…
function anchors(markdown) {
  const seen = new Map();
  const out = new Set();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const m = !fence && /^#{1,6} (.+)$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

const tracked = new Set(execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n'));
const readme = readFileSync('pkg/README.md', 'utf8');
const links = [
  ...[...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]),
  ...[...readme.matchAll(/^\[[^\]]+\]: (\S+)$/gm)].map((m) => m[1]),
];
const blob = `${repo}/blob/main/`;
let intoRepo = 0;
for (const link of links) {
  if (!/^https:\/\//.test(link)) {
    check(
      false,
      `pkg/README.md links to ${link}: npm shows the README without the repository, so links are absolute`,
    );
    continue;
  }
  if (!link.startsWith(repo)) continue;
  intoRepo++;
  if (!link.startsWith(blob)) {
    check(false, `pkg/README.md links into the repository as ${blob}<file>: ${link}`);
    continue;
  }
  const [path, anchor] = link.slice(blob.length).split('#');
  if (!tracked.has(path)) {
    check(false, `pkg/README.md links to ${path}, which git does not track`);
    continue;
  }
  if (anchor !== undefined)
    check(
      anchors(readFileSync(path, 'utf8')).has(anchor),
      `pkg/README.md links to ${path}#${anchor}: no such heading`,
    );
}
check(
  links.includes(`${blob}README.md`),
  `pkg/README.md links to the full documentation, ${blob}README.md`,
);
check(intoRepo >= 5, `pkg/README.md links into the repository (${intoRepo} links)`);

// One environment variable name per purpose, in the files a user reads or runs (the Python
// oracle's constants are not environment variables).
const DOC_AND_CODE = [
  '*.md',
  '*.js',
  '*.mjs',
  '*.cjs',
  '*.ts',
  '*.mts',
  '*.cts',
  '*.sh',
  '*.toml',
  '*.html',
  'Makefile',
  'mk/*',
  ':!tests/js/package-meta.mjs',
];
const names = new Set(
  execFileSync(
    'git',
    ['grep', '-h', '-o', '-I', '-E', 'HUAWEI_[A-Z_]*KEY[A-Z_]*', '--', ...DOC_AND_CODE],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean),
);
for (const n of names)
  check(
    n === 'HUAWEI_CALLBACK_KEY' || n === 'HUAWEI_URL_KEY',
    `a tracked file names the environment variable ${n} (the names are HUAWEI_CALLBACK_KEY and HUAWEI_URL_KEY)`,
  );
check(names.has('HUAWEI_CALLBACK_KEY'), 'the documentation names HUAWEI_CALLBACK_KEY');

if (failures.length) {
  for (const f of failures) console.error(`not ok - ${f}`);
  process.exit(1);
}
console.log(
  `package-meta: ok (${links.length} README links, ${inTarball.size} files in the tarball, environment variables ${[...names].join(', ')})`,
);
