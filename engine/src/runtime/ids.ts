// Unique ids for runs, transactions and composer nodes. Runtime side; composer/context.ts
// re-exports it for the composer.
let counter = 0;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character unique id in the style of a ulid (time prefix + counter + randomness). */
export function uniqueId(): string {
  let t = Date.now();
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  let c = ++counter;
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[c % 32]!;
    c = Math.floor(c / 32);
  }
  for (let i = 0; i < 10; i++) out += ALPHABET[Math.floor(Math.random() * 32)]!;
  return out;
}
