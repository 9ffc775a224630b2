// `npm run build`: compiles apps, libs, migrations, seeds and the bench's
// child processes to dist/ (run an app with `node -r ./tools/register-dist.cjs
// dist/apps/<app>/src/main.js`) and copies the JSON seed files beside their
// compiled loader. It builds into a fresh directory and swaps it in, so a
// deleted source leaves no stale module behind and a process running from
// dist/ never sees a half-written tree.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const next = path.join(root, `dist.next-${process.pid}`);
const old = path.join(root, `dist.old-${process.pid}`);

fs.rmSync(next, { recursive: true, force: true });
const started = Date.now();
// The typed client is generated from docs/openapi.json (npm run client:generate); a stale one fails the build.
const client = spawnSync(process.execPath, [path.join(__dirname, 'generate-client.cjs'), '--check'], { cwd: root, stdio: 'inherit' });
if (client.status !== 0) process.exit(client.status ?? 1);
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  fs.rmSync(next, { recursive: true, force: true });
  process.exit(tsc.status ?? 1);
}
fs.cpSync(path.join(root, 'seeds'), path.join(next, 'seeds'), {
  recursive: true,
  filter: (src) => fs.statSync(src).isDirectory() || (src.endsWith('.json') && path.basename(src) !== 'project.json'),
});
// The timeline page's browser files are served as they are (no bundler).
fs.cpSync(path.join(root, 'apps/api/src/timeline/assets'), path.join(next, 'apps/api/src/timeline/assets'), { recursive: true });
// Sources changed after this moment may be missing from the build (bench/harness/built.ts reads it).
fs.writeFileSync(path.join(next, '.build-started'), `${started}\n`);
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(next, dist);
fs.rmSync(old, { recursive: true, force: true });
