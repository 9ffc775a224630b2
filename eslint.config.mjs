import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkImports = ['@nestjs/*', 'kysely', 'pg', 'pg-cursor', 'bullmq', 'ioredis', 'fastify', '@fastify/*', 'reflect-metadata', 'rxjs'];

// Queries are checked against the typed schema (see DEVELOPERS.md "Typed database schema"):
// `Kysely<any>` / `Transaction<any>` only in migrations, which describe the schema itself.
const untypedDatabase = [
  {
    selector: 'TSTypeReference[typeName.name=/^(Kysely|Transaction|DatabaseHandle)$/] > TSTypeParameterInstantiation > TSAnyKeyword',
    message:
      'Kysely<any>/Transaction<any>/DatabaseHandle<any> only in migrations: type the database (a slice of the schema, e.g. Kysely<EventStoreTables & AuditTables>)',
  },
  {
    selector: "NewExpression[callee.name='Kysely'] > TSTypeParameterInstantiation > TSAnyKeyword",
    message: 'new Kysely<any> only in migrations: give it the tables it queries',
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'dist.*/**', '.nx/**', 'bench/node_modules/**', 'coverage/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Pure domain libs stay free of frameworks and I/O; apps compose them.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: frameworkImports },
            // The published client (@factledger/client) stands alone: nothing of the workspace, no server frameworks.
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkImports },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:infra'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:feature'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:feature', 'type:migrations', 'type:seeds', 'type:client'],
            },
            { sourceTag: 'type:seeds', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:feature'] },
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:feature', 'type:migrations', 'type:testing', 'type:client'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Specs may use the test helpers of any lib.
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Every domain folder stays pure, its specs included, and also where it sits inside a
    // feature lib (libs/ingestion/src/domain) that the tag rule above cannot single out.
    files: [
      'libs/*/domain/**/*.ts',
      'libs/*/src/domain/**/*.ts',
      'libs/shared/**/*.ts',
      'libs/extraction/src/lib/**/*.ts',
      'libs/extraction/src/__fixtures__/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: frameworkImports, message: 'domain code is plain TypeScript: no frameworks, databases or queues' }] },
      ],
    },
  },
  {
    // The long-running apps log through pino (structured, with request ids); never straight to the console.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'libs/*/src/**/*.ts', 'libs/*/application/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/cli/**', '**/testing/**', '**/tools/**', 'libs/audit/application/src/verify/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.ts'],
    ignores: ['migrations/**'],
    rules: { 'no-restricted-syntax': ['error', ...untypedDatabase] },
  },
];
