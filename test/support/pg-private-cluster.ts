import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface PgPrivateCluster {
  port: number;
  /** The cluster's superuser on `database` (default postgres). */
  adminUrl(database?: string): string;
  /** pg_dump/pg_restore of the cluster's major version. */
  bin: string;
  stop(): Promise<void>;
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program as the postgres user: initdb refuses to run as root, and tests run as root. */
const asPostgres = (program: string, args: string[]) =>
  process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, program), ...args]) : run(path.join(BIN, program), args);

/**
 * A throw-away PostgreSQL 15 cluster (initdb in a temp directory, trust on
 * loopback, a spare port) for tests that drop databases or stop the server:
 * never the shared one. stop() ends it (immediate) and removes its files.
 */
export async function startPgPrivateCluster(): Promise<PgPrivateCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'factledger-pgc-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, 'data');
  const port = await sparePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  await asPostgres('pg_ctl', [
    'start', '-w', '-t', '60', '-D', data, '-l', path.join(dir, 'server.log'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ]);
  let stopped = false;
  return {
    port,
    bin: BIN,
    adminUrl: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await asPostgres('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
