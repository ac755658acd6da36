// For the type check of pkg/src (tests/js/types/tsconfig.impl.json) only, not published: what
// pkg/src/cli.js imports from ./node.mjs is the public API of index.d.ts (node.mjs re-exports
// inline.mjs, whose module graph is the generated one-file bundle dist/inline.mjs).
export * from './index.js';
