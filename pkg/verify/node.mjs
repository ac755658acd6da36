// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun, ES modules: the inline verify-only build
// (inline.mjs), a genuine ES module; verify/node.cjs `require`s this same file (see ../node.mjs).
export * from './inline.mjs';
