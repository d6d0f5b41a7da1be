// Fixture app: `medusa exec ./src/scripts/empty.ts` boots the app and does nothing (the
// baseline of bench/app.mjs: Medusa's own boot time).
export default async function empty(): Promise<void> {}
