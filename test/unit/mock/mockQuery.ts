// Unit tests of the auto-mocked container (test/unit/mock/*.test.ts): the shapes its services
// answer with, and `query.graph` read back as rows.
import type { AutoMockContainer } from '../../../engine/src/mock';

export type Row = Record<string, unknown>;
export type Service = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** The rows `query.graph(query)` answers. */
export async function graph(c: AutoMockContainer, query: object): Promise<Row[]> {
  return ((await c.resolve<Service>('query').graph!(query)) as { data: Row[] }).data;
}
