// Type-only shims: tsconfig.base uses moduleResolution "node", which ignores package "exports";
// these map the vscode-languageserver family to their typings. Remove when tsconfig moves to
// "bundler"/"node16". Declarations only, no runtime effect (esbuild resolves exports itself).
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
