import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, type AppConfig } from '@factledger/platform';
import type { ProgressStream } from './progress';

/** What a command reads and writes: the process by default, captured in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where progress bars go (a terminal gets a bar, anything else plain lines). */
  progress: ProgressStream;
  config(): AppConfig;
  env: Record<string, string | undefined>;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  progress: process.stderr,
  config: () => loadConfig(),
  env: process.env,
  cwd: process.cwd(),
});

/** A command's context: its io, and where its action leaves the exit code. */
export interface CliContext {
  io: CliIo;
  exit(code: number): void;
}

/** Exit codes: 0 ok, 1 failure (refused, verification failed, a job failed), 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An option parser for a whole number in [min, max]; commander reports the error (exit 2). */
export const wholeNumber =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new InvalidArgumentError(`needs a whole number from ${min} to ${max}`);
    return Number(raw);
  };

/** An option parser for an http(s) URL. */
export const httpUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError('needs an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('needs an http(s) URL');
  return raw;
};

/** `--api <url>`, the same on every command that talks to the API. */
export const withApiOption = (command: Command): Command =>
  command
    .option('--api <url>', 'the factledger API', httpUrl, 'http://127.0.0.1:3000')
    .addHelpText('after', '\nenvironment:\n  FACTLEDGER_API_KEY    the API key, sent as Authorization: Bearer');

/** Runs an action and records its exit code. */
export const act =
  <A extends unknown[]>(ctx: CliContext, run: (...args: A) => Promise<number>) =>
  async (...args: A): Promise<void> =>
    ctx.exit(await run(...args));
