import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../tools/node-flags';
import { builtEntry, ensureBuilt } from './built';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  proc: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  /** SIGTERM (graceful shutdown hooks), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildOptions {
  env?: Record<string, string>;
  ready?: RegExp;
  timeoutMs?: number;
  nodeArgs?: string[];
  args?: string[];
  /**
   * Run as production runs (Dockerfile, `npm start -- --built`): the compiled entry from dist/ (built first
   * if stale) with the services' V8 flags (tools/node-flags.ts), instead of transpiling on load.
   */
  built?: boolean;
}

/**
 * A TypeScript entry point run as the apps run (`node -r ./tools/register.cjs`,
 * or its compiled build with `built`, from the repo root) in its own process,
 * so it never shares the bench's event loop. Resolves once its output matches
 * `ready` (at once without one).
 */
export async function startChild(entry: string, options: ChildOptions): Promise<Child> {
  if (options.built) ensureBuilt();
  const runtime = options.built
    ? [...SERVICE_NODE_FLAGS, '-r', './tools/register-dist.cjs', builtEntry(entry)]
    : ['-r', './tools/register.cjs', entry];
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), ...runtime, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (!options.ready || options.ready.test(output)) resolve();
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`${path.basename(entry)} exited (${code}) before ready: ${output.slice(-2000)}`)));
    if (!options.ready) resolve();
  });
  const child: Child = {
    proc,
    pid: proc.pid!,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`${path.basename(entry)} not ready after ${options.timeoutMs ?? 60_000} ms: ${output.slice(-2000)}`)),
            options.timeoutMs ?? 60_000,
          )),
      ),
    ]);
  } catch (e) {
    await child.stop(2000);
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return child;
}

/** A loopback port free right now (the child binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident set size of a live process so far (VmHWM), in MB; null once it is gone. */
export function peakRssMb(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}
