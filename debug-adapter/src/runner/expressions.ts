// Runner child: evaluates Debug Console expressions, breakpoint conditions and setVariable values
// against a paused step's scope (input, output, context, ...). Only ever runs in the child.

export type Bindings = Record<string, unknown>;

const IDENT = /^[A-Za-z_$][\w$]*$/;

export function evaluate(expression: string, bindings: Bindings): unknown {
  const names = Object.keys(bindings).filter((n) => IDENT.test(n));
  const values = names.map((n) => bindings[n]);
  let fn: (...args: unknown[]) => unknown;
  // Evaluating the user's expressions is the point here (Debug Console, conditions); this runs
  // in the workflow process only, never in the adapter.
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    fn = new Function(...names, `return (${expression}\n);`) as typeof fn;
  } catch {
    // Statements (`x = 1; x + 1`) are allowed too; the last expression is not returned then.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    fn = new Function(...names, expression) as typeof fn;
  }
  return fn(...values);
}

/** Parses a setVariable value: JSON first, else an expression in the scope. */
export function parseValue(text: string, bindings: Bindings): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return evaluate(text, bindings);
  }
}
