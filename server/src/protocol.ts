// The custom LSP methods as the server imports them; the contract itself lives in
// shared/protocol/lspProtocol.ts (imported by the client too).
export * from '../../shared/protocol/lspProtocol';
