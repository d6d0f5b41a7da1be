// Import rules checked by `npm run deps` (part of `npm run pretest`): no import cycles at run
// time anywhere; the engine's folders depend downward only (core <- runtime <- composer, mock;
// host on top); packages reach the engine only through its public entry points.
const ENGINE_ENTRIES =
  '^engine/src/(index|instrumentation|host/index|mock/index|executions/reader|executions/record)[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment: 'A cycle of imports that exist at run time (type-only imports are erased).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'engine-core-downward',
      comment: "engine/src's own files (clock, errors, instrumentation...) are the bottom layer.",
      severity: 'error',
      from: { path: '^engine/src/[^/]+[.]ts$', pathNot: '^engine/src/index[.]ts$' },
      to: { path: '^engine/src/(runtime|composer|mock|host)/' },
    },
    {
      name: 'engine-runtime-downward',
      comment: 'The runtime runs plans; it knows nothing of the composer, mocks or the host.',
      severity: 'error',
      from: { path: '^engine/src/runtime/' },
      to: { path: '^engine/src/(composer|mock|host|index[.]ts)' },
    },
    {
      name: 'engine-composer-downward',
      severity: 'error',
      from: { path: '^engine/src/composer/' },
      to: { path: '^engine/src/(mock|host|index[.]ts)' },
    },
    {
      name: 'engine-mock-downward',
      severity: 'error',
      from: { path: '^engine/src/mock/' },
      to: { path: '^engine/src/(composer|host|index[.]ts)' },
    },
    {
      name: 'engine-public-entries',
      comment: 'Outside the engine, only its public entry points are imported.',
      severity: 'error',
      from: { path: '^(cli|debug-adapter|client|server)/' },
      to: { path: '^engine/src/', pathNot: ENGINE_ENTRIES },
    },
    {
      name: 'engine-stands-alone',
      comment: 'The engine imports no other package of this repository.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(cli|server|debug-adapter|client)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
