/**
 * The layering rules of docs/architecture.md, checked in CI: the core (src/)
 * never reaches an adapter or a chat platform's SDK; only the composition
 * root src/main.ts knows them all. Adding a platform must touch no core file.
 * Dependencies point one way: adapters -> bot -> services (scheduler, digest,
 * demo) -> store/db/platform/core; the contract between them (src/platform)
 * and the settings (src/core/settings.ts) sit below both sides.
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
      name: 'services-do-not-import-the-bot',
      comment:
        'The scheduler, the digest and the demo serve the bot; what they share with it (PlatformPort, DeliveryError, Log, settings, Trx) lives in src/platform, src/core and src/db.',
      severity: 'error',
      from: { path: '^src/(scheduler|digest|demo)/' },
      to: { path: '^src/bot/' },
    },
    {
      name: 'bot-gets-its-services-injected',
      comment:
        "The bot's commands use the digest and the demo through src/bot/services.ts, which start-up (src/start-bot.ts) fills in: src/bot does not import src/digest or src/demo.",
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/(digest|demo)/' },
    },
    {
      name: 'shared-contract-stays-below',
      comment:
        'src/platform is what the bot, its services and the adapters share: it depends on the core only.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(?!platform/|core/)' },
    },
    {
      name: 'only-start-up-composes',
      comment:
        'src/start-bot.ts (the one start-up path) and src/main.ts (which picks the adapters) are imported by no other file of src/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/(main|start-bot)\\.ts$' },
    },
    {
      name: 'no-cycles-between-folders',
      comment: 'Folders of src/ import each other one way only.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^src/$1/' } },
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
