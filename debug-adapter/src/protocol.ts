// The custom DAP requests and events as the adapter imports them; the contract itself lives in
// shared/protocol/debugProtocol.ts (imported by the client too).
export * from '../../shared/protocol/debugProtocol';
