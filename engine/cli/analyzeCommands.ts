// CLI subcommands backed by the static analyzer: `graph` and `check` (owned by the analyzer work).
export function graphCommand(_argv: string[]): Promise<number> {
  return Promise.reject(new Error('graph is not implemented yet'));
}

export function checkCommand(_argv: string[]): Promise<number> {
  return Promise.reject(new Error('check is not implemented yet'));
}
