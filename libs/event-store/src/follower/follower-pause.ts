/** poll: cut short by appends; failed: only by a resume; fixed: only by stop. */
export type PauseKind = 'poll' | 'failed' | 'fixed';

/**
 * The follower's one sleep at a time. An append that arrives while a turn is
 * running is remembered (`woken`), so the next poll-kind sleep does not wait.
 */
export class FollowerPause {
  private woken = false;
  private stopped = false;
  private sleeper: { kind: PauseKind; resolve: () => void } | null = null;

  wake(reason: 'append' | 'resume'): void {
    if (reason === 'append') this.woken = true;
    const kind = this.sleeper?.kind;
    if (kind === 'poll' || (kind === 'failed' && reason === 'resume')) this.sleeper!.resolve();
  }

  /** An append arrived since the last clearWoken(): events may be waiting. */
  get isWoken(): boolean {
    return this.woken;
  }

  clearWoken(): void {
    this.woken = false;
  }

  stop(): void {
    this.stopped = true;
    this.sleeper?.resolve();
  }

  sleep(ms: number, kind: PauseKind): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (kind === 'poll' && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeper = { kind, resolve: done };
    });
  }
}
