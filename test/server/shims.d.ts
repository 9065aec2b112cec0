// moduleResolution "node10" ignores package.json "exports" (see src/client/shims.d.ts).
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
