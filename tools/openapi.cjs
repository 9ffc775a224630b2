// `npm run openapi -- [--out file]`: the OpenAPI document (apps/api/src/openapi.main.ts). Written to the
// committed docs/openapi.json, it regenerates the typed client's types (libs/client) too, which are committed with it.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DOCUMENT, GENERATED, generate } = require('./generate-client.cjs');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, ['-r', path.join(__dirname, 'register.cjs'), path.join(root, 'apps/api/src/openapi.main.ts'), ...args], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
if (args[0] === '--out' && args[1] && path.resolve(args[1]) === DOCUMENT) fs.writeFileSync(GENERATED, generate(DOCUMENT));
