import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type pg from 'pg';

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the run started: this machine is shared. */
  loadAverage: number;
  os: string;
  node: string;
  postgres: string;
  settings: Record<string, string>;
  commit: string;
}

/** PostgreSQL settings that move write and read figures. */
const SETTINGS = [
  'synchronous_commit',
  'fsync',
  'wal_sync_method',
  'full_page_writes',
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'max_wal_size',
  'checkpoint_timeout',
  'commit_delay',
  'jit',
];

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

export async function collectEnvironment(pool: pg.Pool): Promise<Environment> {
  const { rows } = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY ($1)`,
    [SETTINGS],
  );
  const version = (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg()[0]!,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: version,
    settings: Object.fromEntries(SETTINGS.filter((s) => rows.some((r) => r.name === s)).map((s) => [s, rows.find((r) => r.name === s)!.setting])),
    commit: gitCommit(),
  };
}

/** Checkpoints so far (PostgreSQL ≤ 16: pg_stat_bgwriter; 17+: pg_stat_checkpointer); null if neither answers. */
export async function checkpointCount(pool: pg.Pool): Promise<number | null> {
  for (const sql of [
    'SELECT num_timed + num_requested AS n FROM pg_stat_checkpointer',
    'SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter',
  ]) {
    const n = await pool.query<{ n: string }>(sql).then(
      (r) => Number(r.rows[0]!.n),
      () => null,
    );
    if (n !== null) return n;
  }
  return null;
}
