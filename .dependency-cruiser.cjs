// Import rules checked by `npm run deps` (part of `npm run pretest`): no import cycles at run
// time anywhere; the engine's folders depend downward only (core <- runtime <- composer, mock;
// host on top); packages reach the engine only through its public entry points and each other
// only through the neutral contracts in shared/ (and the analyzer's entry, analysis/index.ts).
const ENGINE_ENTRIES =
  '^engine/src/(index|instrumentation|host/index|mock/index|executions/reader|executions/record|executions/live|executions/replaySource|host/compilerLoader)[.]ts$';

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
      name: 'engine-no-cycle',
      comment:
        'Inside the engine not even a type-only cycle: each file sits above what it imports.',
      severity: 'error',
      from: { path: '^engine/src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'No two folders import each other, directly or around a longer loop.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-host-below-executions',
      comment: 'Stored executions (reader, live follower, replay sources) sit on the host.',
      severity: 'error',
      from: { path: '^engine/src/host/' },
      to: { path: '^engine/src/executions/' },
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
      from: { path: '^(cli|debug-adapter|client|server|shared)/' },
      to: { path: '^engine/src/', pathNot: ENGINE_ENTRIES },
    },
    {
      name: 'engine-stands-alone',
      comment: 'The engine imports no other package of this repository.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(cli|server|debug-adapter|client)/' },
    },
    {
      name: 'client-through-contracts',
      comment: 'The extension talks to the server and the adapter through shared/ contracts only.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|debug-adapter|cli)/' },
    },
    {
      name: 'server-stands-alone',
      comment: 'The language server never loads the engine (it never executes workspace code).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(client|debug-adapter|cli|engine)/' },
    },
    {
      name: 'analyzer-through-its-entry',
      comment: 'The debug adapter and the CLI use the analyzer only through analysis/index.ts.',
      severity: 'error',
      from: { path: '^(debug-adapter|cli)/' },
      to: {
        path: '^(client/|cli/|debug-adapter/|server/)',
        pathNot: '^(server/src/analysis/index[.]ts|$1/)',
      },
    },
    {
      name: 'shared-leaves',
      comment:
        'shared/model and shared/medusa are plain data and pure algorithms: they import nothing here.',
      severity: 'error',
      from: { path: '^shared/(model|medusa)/' },
      to: { path: '^(client|server|debug-adapter|cli|engine|shared/protocol)/' },
    },
    {
      name: 'shared-is-neutral',
      comment:
        'shared/ holds the contracts between processes; it imports no package but the engine API.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(client|server|debug-adapter|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
