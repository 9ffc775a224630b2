import { Presets, SingleBar } from 'cli-progress';

/** Where progress goes: stderr, so stdout stays the command's answer (JSON with --json). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** One long task's progress: a bar on a terminal, a plain line now and then otherwise. */
export interface Progress {
  update(done: number, total: number, note?: string): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 2000;

/**
 * A cli-progress bar when `stream` is a terminal. In a log or a pipe, plain
 * lines instead ("label: 40/100 (40.0%) note"), at most one every 2 s plus
 * the last one, so a CI log gets a readable trace and no carriage returns.
 */
export function progressBar(label: string, stream: ProgressStream, options: { plainEveryMs?: number } = {}): Progress {
  if (stream.isTTY) return terminalBar(label, stream);
  const every = options.plainEveryMs ?? PLAIN_EVERY_MS;
  let lastAt = 0;
  type Point = { done: number; total: number; note: string };
  let last: Point | null = null;
  let printed: Point | null = null;
  const print = () => {
    if (!last || last === printed) return;
    const { done, total, note } = last;
    const percent = total > 0 ? ` (${((100 * done) / total).toFixed(1)}%)` : '';
    stream.write(`${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${percent}${note ? ` ${note}` : ''}\n`);
    printed = last;
  };
  return {
    update(done, total, note = '') {
      last = { done, total, note };
      const now = Date.now();
      if (now - lastAt >= every || (total > 0 && done >= total)) {
        lastAt = now;
        print();
      }
    },
    stop: print,
  };
}

function terminalBar(label: string, stream: ProgressStream): Progress {
  const bar = new SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% {value}/{total} {note} eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, note = '') {
      if (!started) {
        bar.start(total, done, { note });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { note });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
