// The layering of the code, checked on every `pnpm lint` (dependency-cruiser). A module may
// import its own layer and the layers below it, never one above. Tests and test-support may
// reach anywhere: they assemble whole servers.
//
// Server (apps/server/src), lowest first:
//   1 foundation      lib/ faults/ protocol/ http/ config.ts: no imports from the server
//   2 infrastructure  db/ logging/logger fanout/ meta/ persistence/ audit/
//   3 rooms           rooms/: one live document, its queue, storage and fan-out
//   4 domain          repositories and services (cases/, consensus/, versions/, events/, auth/, …)
//   5 edge            api/ ws/ lifecycle/ logging/request-log, app.ts server.ts services.ts main.ts
// Web (apps/web): never imports server code, only types (the typed API contract) and the shared
// packages (@samraad/schema).

const SERVER = '^apps/server/src/';
const TESTS = '(\\.test\\.ts$|^apps/server/src/test-support/)';

const FOUNDATION = `${SERVER}(lib|faults|protocol|http)/|${SERVER}config\\.ts$`;
const INFRASTRUCTURE = `${SERVER}(db|fanout|meta|persistence|audit)/|${SERVER}logging/logger\\.ts$`;
const ROOMS = `${SERVER}rooms/`;
const EDGE = `${SERVER}(api|ws|lifecycle)/|${SERVER}logging/request-log\\.ts$|${SERVER}(app|server|services|main)\\.ts$`;
// Everything else in the server is the domain layer.
const ABOVE_INFRASTRUCTURE = `${ROOMS}|${EDGE}|${SERVER}(?!(db|fanout|meta|persistence|audit|lib|faults|protocol|http|logging)/|config\\.ts$)`;
const ABOVE_ROOMS = `${EDGE}|${SERVER}(?!(db|fanout|meta|persistence|audit|lib|faults|protocol|http|logging|rooms)/|config\\.ts$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'foundation-imports-nothing-above',
      comment: 'lib/, faults/, protocol/, http/ and config.ts sit at the bottom: they import no other server module.',
      severity: 'error',
      from: { path: FOUNDATION, pathNot: TESTS },
      to: { path: SERVER, pathNot: FOUNDATION },
    },
    {
      name: 'infrastructure-below-rooms',
      comment: 'Storage, logging and fan-out know nothing of rooms, services or the HTTP/WebSocket edge.',
      severity: 'error',
      from: { path: INFRASTRUCTURE, pathNot: TESTS },
      to: { path: ABOVE_INFRASTRUCTURE, pathNot: TESTS },
    },
    {
      name: 'rooms-below-domain',
      comment: 'A room stores and relays; permissions and services reach it through hooks, not imports.',
      severity: 'error',
      from: { path: ROOMS, pathNot: TESTS },
      to: { path: ABOVE_ROOMS, pathNot: TESTS },
    },
    {
      name: 'domain-below-edge',
      comment: 'Services and repositories do not import routers, sockets or the composition root.',
      severity: 'error',
      from: { path: SERVER, pathNot: `${EDGE}|${TESTS}` },
      to: { path: EDGE },
    },
    {
      name: 'production-code-not-test-support',
      comment: 'Test helpers are for tests only.',
      severity: 'error',
      from: { path: SERVER, pathNot: TESTS },
      to: { path: `${SERVER}test-support/` },
    },
    {
      name: 'web-not-into-server',
      comment:
        'The web app talks to the server over HTTP/WebSocket; it may import server types (the API contract) but no server code.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-not-into-web',
      severity: 'error',
      from: { path: '^apps/server/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'schema-is-shared-and-standalone',
      comment: 'packages/schema is used by both apps and imports neither.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(apps|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    // Type-only imports count too: a layer that needs a higher layer's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
