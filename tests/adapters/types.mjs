// The type test: tests/adapters/types/adapters.mts against the installed package's index.d.ts
// and the frameworks' own types (Fastify, Hono, @types/node of this directory), with the pinned
// tsc. The tsconfig is written into the scratch dir: it maps the package name to the installed
// copy (the exports-map resolution itself is test-pkg's type test).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export function typeTest(t, app) {
  const dir = resolve(app, 'types');
  mkdirSync(dir, { recursive: true });
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      lib: ['es2022', 'dom'],
      types: ['node'],
      typeRoots: [join(HERE, 'node_modules', '@types')],
      skipLibCheck: true,
      noUnusedLocals: true,
      exactOptionalPropertyTypes: true,
      paths: {
        'huaweicloud-live-callback': [
          resolve(app, 'node_modules', 'huaweicloud-live-callback', 'index.d.ts'),
        ],
      },
    },
    files: [join(HERE, 'types', 'adapters.mts')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const r = spawnSync(
    process.execPath,
    [join(HERE, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')],
    { encoding: 'utf8', timeout: 180000 },
  );
  t.ok(
    r.status === 0,
    "tsc accepts types/adapters.mts (narrowed routes, the frameworks' own types, the expected errors)",
    `${r.stdout}${r.stderr}`,
  );
}
