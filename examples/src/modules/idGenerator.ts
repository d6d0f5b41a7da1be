// Deterministic ids (`brand_01`, `brand_02`, ...) so that traces of the examples are stable.
export function idGenerator(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}_${String(++next).padStart(2, '0')}`;
}
