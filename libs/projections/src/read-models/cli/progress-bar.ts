import type { RebuildProgress } from '../../engine';

export interface ProgressOutput {
  write(text: string): void;
  /** A terminal: redraw one line. Otherwise: a plain line now and then. */
  isTTY: boolean;
}

const WIDTH = 30;
const PLAIN_EVERY_MS = 2000;

const count = (n: number) => n.toLocaleString('en-US');

/** Renders rebuild progress on stderr: a bar on a terminal, plain lines in logs. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastPlainAt = 0;
  private lastLine = '';

  constructor(private readonly out: ProgressOutput) {}

  update(p: RebuildProgress): void {
    const total = Math.max(p.total, p.processed, 1);
    const ratio = Math.min(1, p.processed / total);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? p.processed / seconds : 0;
    const eta = rate > 0 && p.phase === 'catching_up' ? ` eta ${Math.ceil((total - p.processed) / rate)}s` : '';
    const label = `${p.name} v${p.version}`;
    const numbers = `${count(p.processed)}/${count(total)} events (${(ratio * 100).toFixed(1)}%) ${count(Math.round(rate))} ev/s${eta}`;
    const phase = p.phase === 'waiting' ? ' [another instance is building it]' : p.phase === 'switched' ? ' switched' : '';
    if (this.out.isTTY) {
      const filled = Math.round(ratio * WIDTH);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${numbers}${phase}`;
      this.out.write(`\r${line}${' '.repeat(Math.max(0, this.lastLine.length - line.length))}`);
      this.lastLine = line;
      if (p.phase === 'switched') this.out.write('\n');
      return;
    }
    const now = Date.now();
    if (p.phase === 'switched' || now - this.lastPlainAt >= PLAIN_EVERY_MS) {
      this.lastPlainAt = now;
      this.out.write(`${label}: ${numbers}${phase}\n`);
    }
  }
}
