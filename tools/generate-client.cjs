// `npm run client:generate`: the typed client's types (libs/client/src/generated/openapi.ts)
// from the committed contract (docs/openapi.json), by openapi-typescript. The generated file is
// committed; `--check` (run by the build) and libs/client's drift spec fail when it differs from
// what the current document generates. `npm run openapi -- --out docs/openapi.json` runs this too.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const DOCUMENT = path.join(root, 'docs/openapi.json');
const GENERATED = path.join(root, 'libs/client/src/generated/openapi.ts');

/** The generated module's text for the document at `document`. */
function generate(document = DOCUMENT) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factledger-client-')), 'openapi.ts');
  try {
    // The package's exports map hides bin/; its own package.json names the CLI.
    const pkg = require.resolve('openapi-typescript/package.json');
    const cli = path.join(path.dirname(pkg), require(pkg).bin['openapi-typescript']);
    const run = spawnSync(process.execPath, [cli, document, '--output', out], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openapi-typescript failed (exit ${run.status}):\n${run.stderr}`);
    return fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

module.exports = { DOCUMENT, GENERATED, generate };

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    if (fs.readFileSync(GENERATED, 'utf8') !== text) {
      console.error(`${path.relative(root, GENERATED)} is not what docs/openapi.json generates: run npm run client:generate and commit it`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(GENERATED, text);
  }
}
