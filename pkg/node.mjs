// Node.js and Bun, ES modules: the CommonJS build (node.cjs), so that `import` and `require` in
// one process share one module instance (one CallbackError class, one wasm instance).
export * from './node.cjs';
