/**
 * Import-graph rules for the workspace (DESIGN.md, house style #1). Run through
 * `pnpm lint:boundaries` (scripts/check-boundaries.mjs), which adds the checks a
 * per-dependency rule cannot express: server domain cycles and the client folder
 * layout.
 *
 * Paths are relative to the cruised root. A name import that resolves through
 * pnpm's symlinks shows up as the real path (`shared/src/index.ts`); one that does
 * not resolve keeps its bare name (`@futian/server`, `vue`), so rules about other
 * packages match both spellings.
 */

const PACKAGES = '(shared|server|client|mock-feeds)';
// tests/ is a workspace package too: product packages must not reach into it.
const WORKSPACE_DIRS = '(shared|server|client|mock-feeds|tests)';
const FRAMEWORKS = ['vue', 'pinia', 'express', 'socket\\.io', 'socket\\.io-client', 'echarts', 'better-sqlite3', 'mqtt', 'pino'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'packages-only-shared',
      comment: 'A package talks to the others only through @futian/shared: by name or by a relative path into another package.',
      severity: 'error',
      from: { path: `^${PACKAGES}/` },
      to: {
        path: [`^@futian/(?!shared(/|$))`, `^${WORKSPACE_DIRS}/`],
        pathNot: ['^$1/', '^@futian/$1(/|$)', '^shared/'],
      },
    },
    {
      name: 'shared-no-framework',
      comment: 'shared/ runs in the browser, the server and the feeds alike, so it carries no framework.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: `(^|node_modules/)(${FRAMEWORKS.join('|')})(/|$)` },
    },
    {
      name: 'no-escape',
      comment: 'A relative import stays inside its own package; another package is reached by its name.',
      severity: 'error',
      from: { path: `^${PACKAGES}/` },
      // Relative imports resolve as `local`; pnpm-symlinked name imports resolve as `npm*`.
      to: { dependencyTypes: ['local'], pathNot: '^$1/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle, type-only imports and .vue files included.',
      severity: 'error',
      from: { path: `^${PACKAGES}/src/` },
      to: { circular: true },
    },
    {
      name: 'server-root-is-composition-root',
      comment: 'Files directly in server/src wire the domains together; a domain never reaches back up to them.',
      severity: 'error',
      from: { path: '^server/src/[^/]+/' },
      to: { path: '^server/src/[^/]+$' },
    },
    {
      name: 'client-kit-is-app-agnostic',
      comment: 'kit/ is shared by both apps, so it knows neither.',
      severity: 'error',
      from: { path: '^client/src/kit/' },
      to: { path: '^client/src/(wall|console)/' },
    },
    {
      name: 'client-apps-apart',
      comment: 'The wall and the console are separate apps; what they share lives in kit/.',
      severity: 'error',
      from: { path: '^client/src/(wall|console)/' },
      to: { path: '^client/src/(wall|console)/', pathNot: '^client/src/$1/' },
    },
    {
      name: 'wall-modules-apart',
      comment: 'A wall module is one lazy chunk; what modules share lives in wall/modules/common/, never in another module.',
      severity: 'error',
      from: { path: '^client/src/wall/modules/([^/]+)/' },
      to: { path: '^client/src/wall/modules/([^/]+)/', pathNot: ['^client/src/wall/modules/$1/', '^client/src/wall/modules/common/'] },
    },
  ],
  options: {
    // Not `exclude`: imports *into* node_modules must stay visible to shared-no-framework.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)dist/' },
    // Type-only imports couple modules as much as value imports do (and can cycle).
    tsPreCompilationDeps: true,
    // The workspace is ESM only. Without this a local function that happens to be
    // called `require` (server/src/console/routes.ts) reads as a CommonJS import.
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      // The workspace packages publish `exports` only (no `main`); without these the
      // name imports of @futian/shared would not resolve.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
