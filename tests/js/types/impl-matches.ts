// The implementation (pkg/src, checked with // @ts-check by tsconfig.impl.json) against the
// published declarations: every declared export exists in the implementation with a type
// assignable to its declaration, and the implementation exports nothing that is not declared.
// Both the full API (index.d.ts) and the verify-only entry (verify.d.ts).
import type * as Declared from '../../../pkg/index.js';
import * as impl from '../../../pkg/src/api.js';
import type * as DeclaredVerify from '../../../pkg/verify.js';
import * as implVerify from '../../../pkg/src/verify-api.js';

export const full: typeof Declared = impl;
export const lean: typeof DeclaredVerify = implVerify;

type Undeclared<I, D> = Exclude<keyof I, keyof D>;
export const noUndeclared: [Undeclared<typeof impl, typeof Declared>] extends [never]
  ? true
  : false = true;
export const noUndeclaredLean: [Undeclared<typeof implVerify, typeof DeclaredVerify>] extends [
  never,
]
  ? true
  : false = true;
