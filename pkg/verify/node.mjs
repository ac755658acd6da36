// huaweicloud-live-callback/verify in Node.js and Bun, ES modules: the CommonJS build, so that
// `import` and `require` share one module instance (see ../node.mjs).
export * from './node.cjs';
