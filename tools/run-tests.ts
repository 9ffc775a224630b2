import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { checkEnvironment, ensureDatabase, ensurePostgres, isRedisUp, log } from './services';

const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

const step = (label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> =>
  new Promise((resolve, reject) => {
    log(label);
    spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' }).once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`)),
    );
  });

/** `npm test`: type check, lint (with Nx module boundaries), format check, build, then every jest suite against real services. */
async function main(): Promise<void> {
  checkEnvironment();
  const postgres = await ensurePostgres();
  try {
    const admin = postgres.adminUrl ?? postgres.url;
    await ensureDatabase(admin);
    // libs/testing administers the server with this URL: it creates the roles, a template migrated as the owner,
    // and a clone per test file that the code under test reaches as the application role. A deployment's own
    // role URLs (from .env) must not leak into tests that read loadConfig().
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: admin, DATABASE_ADMIN_URL: admin, NX_DAEMON: 'false', NODE_ENV: 'test' };
    delete env.MIGRATION_DATABASE_URL;
    delete env.SEALER_DATABASE_URL;
    const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    if (!(await isRedisUp(redisUrl)))
      throw new Error(`Redis is not reachable at ${redisUrl}; the tests need a real Redis (start redis-server or set REDIS_URL)`);
    const only = process.argv.slice(2);
    if (only.length === 0) {
      await step('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], env);
      await step('project graph', bin('nx'), ['show', 'projects'], { ...env, NX_VERBOSE_LOGGING: 'false' });
      await step('lint', bin('eslint'), ['.', '--max-warnings=0'], env);
      // Prettier (.prettierrc.json): a file it would rewrite fails the run; `npx prettier --write .` fixes it.
      await step('format check', bin('prettier'), ['--check', '.', '--log-level', 'warn'], env);
      // The compiled build is what Docker runs; the bench smoke suite runs its child processes from it.
      await step('build', process.execPath, [path.join(ROOT, 'tools', 'build.cjs')], env);
    }
    // --selectProjects takes every argument after it: it comes last.
    await step('tests', bin('jest'), ['--ci', ...only, ...(only.length > 0 ? ['--passWithNoTests'] : []), '--selectProjects', 'default'], env);
    // Fault tests kill and restart processes and servers of their own: one file at a time, after the rest.
    // --forceExit: a socket to a server the test killed can keep jest waiting after the last file (seen once, not traced yet).
    await step(
      'fault tests',
      bin('jest'),
      ['--ci', ...only, '--maxWorkers=1', '--passWithNoTests', '--forceExit', '--selectProjects', 'faults'],
      env,
    );
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
