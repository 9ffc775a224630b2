import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { SERVICE_NODE_FLAGS } from './node-flags';
import { checkEnvironment, ensurePostgres, ensureRedis, ensureRoleUrls, isRedisUp, log } from './services';

const ROOT = path.resolve(__dirname, '..');
/** `npm start -- --built`: compile to dist/ first and run the build, as the Docker image does. */
const BUILT = process.argv.includes('--built');
const RUNTIME = BUILT ? ['-r', path.join(ROOT, 'tools', 'register-dist.cjs')] : ['-r', path.join(ROOT, 'tools', 'register.cjs')];
const entry = (file: string) => path.join(ROOT, BUILT ? path.join('dist', file.replace(/\.ts$/, '.js')) : file);

const run = (file: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess =>
  spawn(process.execPath, [...nodeFlags, ...RUNTIME, entry(file), ...args], { cwd: ROOT, env, stdio: 'inherit' });

const runToEnd = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve) => run(file, args, env).once('exit', (code) => resolve(code ?? 1)));

function build(): void {
  log('building dist/ (npm run build)');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'build.cjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed: see above');
}

/** `npm start [-- --built]`: database (embedded if needed), migrations, seeds, then API and worker until Ctrl-C. */
async function main(): Promise<void> {
  checkEnvironment();
  if (BUILT) build();
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  // Migrations as the owner; API, worker and seeds as the application role; the worker's sealer as the sealer role.
  // The administrator's URL reaches db-init only, never the API or worker.
  const env: NodeJS.ProcessEnv = { ...process.env, ...(await ensureRoleUrls(postgres)) };
  delete env.DATABASE_ADMIN_URL;
  const redisUrl = redis.url;
  if (!(await isRedisUp(redisUrl))) {
    log(`Redis is not reachable at ${redisUrl}: ingestion is paused until it is; reads and writes work without it.`);
  }
  // An operator's setup with an administrator URL: their roles and passwords, created or updated by db-init.
  const dbInit = postgres.adminUrl !== null && !postgres.local;
  const prepared = await runToEnd(
    'apps/cli/src/main.ts',
    dbInit ? ['db-init', '--migrate'] : ['migrate'],
    dbInit ? { ...env, DATABASE_ADMIN_URL: postgres.adminUrl! } : env,
  );
  if (prepared !== 0) throw new Error('migrations failed');
  // The first time only (no key at all, not production): a local key with every role, printed once, kept in .data/admin-key.
  if ((await runToEnd('apps/cli/src/main.ts', ['keys', 'bootstrap-local', path.join(ROOT, '.data', 'admin-key')], env)) !== 0)
    throw new Error('creating the local API key failed');

  const children = [run('apps/worker/src/main.ts', [], env, SERVICE_NODE_FLAGS), run('apps/api/src/main.ts', [], env, SERVICE_NODE_FLAGS)];
  if ((await runToEnd('apps/cli/src/main.ts', ['seed', '--if-present'], env)) !== 0) log('seeding failed: see above; the system keeps running');

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping API and worker');
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null
          ? undefined
          : new Promise((resolve) => {
              c.once('exit', resolve);
              c.kill('SIGTERM');
            }),
      ),
    );
    await postgres.stop();
    redis.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const child of children) child.once('exit', (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
