import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../..');

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves when the worker printed "ready" (read models set up and running). */
  ready: Promise<void>;
  /** Resolves when the process ended. */
  exited: Promise<number | null>;
  output(): string;
}

/** A real worker process running ProjectorWorkerModule against `databaseUrl`. */
export function startWorkerProcess(databaseUrl: string, options: { batchSize?: number } = {}): WorkerProcess {
  const child = spawn(process.execPath, ['-r', './tools/register.cjs', path.join(__dirname, 'projector-worker.main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PROJECTOR_BATCH_SIZE: String(options.batchSize ?? 1000),
      PROJECTOR_POLL_MS: '50',
      PROJECTOR_LOCK_RETRY_MS: '100',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  ready.catch(() => undefined);
  return { child, pid: child.pid!, ready, exited, output: () => output };
}
