// The analyzer's data model as the analyzer imports it; the model itself lives in
// shared/model/analysisModel.ts (the graph view and the CLI read it too).
export type * from '../../../shared/model/analysisModel';
