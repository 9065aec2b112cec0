// tsconfig.json uses moduleResolution "node10", which ignores package.json "exports", and
// vscode-languageclient 11 and its protocol packages publish their entries only there
// (no "main"/"types"). Without these, the client's imports are unresolved and, because of
// skipLibCheck, the protocol types silently become `any`. Point the types at the files;
// esbuild resolves the runtime imports through "exports" as usual.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
