// Type-only shim: tsconfig.base uses moduleResolution "node", which ignores package "exports";
// this maps vscode-languageclient/node to its typings (esbuild resolves exports itself).
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
