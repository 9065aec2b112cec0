// tsconfig.json uses moduleResolution "node10", which ignores package.json "exports", and
// vscode-languageserver 10 publishes its entries only there (see src/client/shims.d.ts for
// the client's side). Point the types at the files; esbuild and Node resolve the runtime
// imports through "exports" as usual.
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
