// The workerd entries import the .wasm as a module (workerd and wrangler's bundler give a
// WebAssembly.Module): how tsconfig.impl.json types those imports.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
