import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** What `npm run build` (tools/build.cjs) compiles, plus the configuration it compiles with. */
const SOURCES = ['apps', 'libs', 'migrations', 'seeds', 'bench/processes'];
const CONFIGS = ['tsconfig.base.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time (ms) of any TypeScript or JSON source the build reads. */
function newestSource(): number {
  let newest = Math.max(...CONFIGS.map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs));
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(path.join(ROOT, dir));
  return newest;
}

function builtAt(): number | null {
  try {
    return Number(fs.readFileSync(path.join(ROOT, 'dist', '.build-started'), 'utf8'));
  } catch {
    return null;
  }
}

let checked = false;

/**
 * Makes sure dist/ holds a build of the current sources (runs `npm run build`
 * when it is missing or older than a source), once per process: the cases
 * that measure a process's memory or a server's throughput run the compiled
 * apps, as production does, not the on-the-fly TypeScript transpiler, which
 * alone holds about 110 MB.
 */
export function ensureBuilt(log: (line: string) => void = () => undefined): void {
  if (checked) return;
  const at = builtAt();
  if (at === null || newestSource() > at) {
    log('[bench] building dist/ (npm run build)');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'build.cjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  }
  checked = true;
}

/** The compiled file of a TypeScript entry point, relative to the repo root. */
export const builtEntry = (entry: string): string => path.join('dist', entry.replace(/\.ts$/, '.js'));
