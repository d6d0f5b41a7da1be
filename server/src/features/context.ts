// Language-server process: what every feature gets from server.ts. Features import only this,
// the index and convert.ts; they register their handlers on the connection and nothing else.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: WorkspaceIndex;
  settings(resource?: string): Promise<Settings>;
  /** Analyzes the document now if an edit is still waiting for its debounce; returns its path. */
  fresh(uri: string): string | undefined;
  /** The uri to report for a path: the open document's own uri when open. */
  readonly uriOf: (path: string) => string;
  /** Resolves when the workspace folders have been indexed. */
  workspaceIndexed(): Promise<void>;
  /** Indexes node_modules/@medusajs/core-flows on first call; resolves when done. */
  externalIndexed(): Promise<void>;
  /** Whether workspace-wide answers include node_modules workflows (setting, or already asked). */
  includeExternal(): Promise<boolean>;
  /** Base URL of the README documenting diagnostic codes. */
  readonly docsUrl: string | undefined;
}
