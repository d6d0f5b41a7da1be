// The stored-execution contract as the engine's executions reader imports it; the contract
// itself lives in shared/model/executionRecord.ts (the CLI, the debug adapter and the view read it).
export * from '../../../shared/model/executionRecord';
