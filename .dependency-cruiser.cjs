/**
 * The layering rule of docs/architecture.md, checked in CI: the core (src/)
 * never reaches an adapter or a chat platform's SDK; only the composition
 * root src/main.ts knows them all. Adding a platform must touch no core file.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-does-not-import-adapters',
      comment: 'src/ must not import adapters/: adapters depend on the core, not the reverse.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^adapters/' },
    },
    {
      name: 'core-does-not-import-platform-sdks',
      comment: 'Platform SDKs (@slack/*, botbuilder*) belong in adapters/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '(^|/)node_modules/(@slack/|botbuilder|botframework-)' },
    },
    {
      name: 'pure-core-has-no-io',
      comment: 'src/core is pure: no database, no network, no file system.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: '(^src/(db|store|bot|scheduler|chart|learning|digest)/)|(node_modules/(pg|kysely|@electric-sql)/)',
      },
    },
    {
      name: 'pure-core-has-no-node-io',
      comment: 'src/core is pure: no file system, network or processes.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|net|http|https|child_process|dgram|tls)$',
      },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'Each adapter is a plug of its own.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/([^/]+)/', pathNot: '^adapters/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
