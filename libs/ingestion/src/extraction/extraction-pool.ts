import * as fs from 'node:fs';
import * as path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { Piscina } from 'piscina';
import { candidatesOf } from '../domain/candidates';
import { IngestionErrorCodes } from '../domain/payload-errors';
import type { Candidate, IngestionPayload, Rejection } from '../domain/ingestion.types';
import type { ExtractionTask } from './extract-article.thread';

export interface ExtractionLimits {
  /** Longest one article's extraction may run; past it the thread is stopped and the job fails for good. */
  timeoutMs: number;
  /** Old-generation heap of an extraction thread; an article needing more fails for good. */
  maxHeapMb: number;
  /** Threads extracting at once (jobs run one at a time per worker, so 1 unless several worker processes share none). */
  threads: number;
}

/**
 * Extraction off the event loop: a piscina pool of worker threads, each job
 * with a time limit (an AbortSignal: piscina stops the thread running it) and
 * V8 `resourceLimits`. piscina rather than raw worker_threads: it keeps the
 * threads warm between jobs, replaces one that died, and turns an abort into
 * a rejected task.
 *
 * The thread module is this file's sibling with the same extension: `.ts`
 * when running from sources (the thread then loads tools/register.cjs, also
 * under jest, which transpiles only its own process), `.js` in dist/ (it loads
 * tools/register-dist.cjs, for the @factledger/* aliases).
 */
export class ExtractionPool {
  private readonly pool: Piscina<ExtractionTask, (Candidate | Rejection)[]>;

  /** `thread`: another thread module (tests: one that never ends, or hoards memory); by default extract-article.thread. */
  constructor(
    private readonly limits: ExtractionLimits,
    thread = path.join(__dirname, `extract-article.thread${path.extname(__filename)}`),
  ) {
    const ext = path.extname(thread);
    const register = path.join(projectRoot(), 'tools', ext === '.ts' ? 'register.cjs' : 'register-dist.cjs');
    // The process's own heap cap (--max-old-space-size) is not the thread's: resourceLimits sets that.
    const inherited = process.execArgv.filter((a) => !a.startsWith('--max-old-space-size'));
    this.pool = new Piscina({
      filename: thread,
      minThreads: 0,
      maxThreads: limits.threads,
      idleTimeout: 60_000,
      execArgv: inherited.includes(register) ? inherited : [...inherited, '-r', register],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, limits.maxHeapMb / 8)) },
    });
    // A thread that dies with no task in hand (at start-up, say) is reported here; piscina replaces it. Logged, never thrown.
    this.pool.on('error', (error: Error) => this.onIdleError?.(error));
  }

  /** Told of a thread that failed while holding no job (the worker logs it). */
  onIdleError?: (error: Error) => void;

  /**
   * The payload's candidates (domain `candidatesOf`): an article's extracted in a thread, a structured report's lines
   * (already parsed, linear) here. An article over the time or memory limit is an UnrecoverableError naming the limit.
   */
  async candidatesOf(payload: IngestionPayload, options: ExtractionTask['options']): Promise<(Candidate | Rejection)[]> {
    if (payload.kind !== 'article') return candidatesOf(payload, options);
    const { text } = payload;
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    try {
      return await this.pool.run({ payload, options }, { signal });
    } catch (error) {
      if (signal.aborted) {
        throw new UnrecoverableError(
          `${IngestionErrorCodes.extractionTimeout}: extracting the article (${text.length} characters) took longer than EXTRACTION_TIMEOUT_MS (${this.limits.timeoutMs} ms); it was stopped`,
        );
      }
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new UnrecoverableError(
          `${IngestionErrorCodes.extractionMemory}: extracting the article (${text.length} characters) needed more than EXTRACTION_MAX_HEAP_MB (${this.limits.maxHeapMb} MB); it was stopped`,
        );
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  /** Nest: after the processor has finished its job (beforeApplicationShutdown), the threads go. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** The directory holding tools/ (the repository, or the image's /app): above libs/ in sources, above dist/ when built. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'tools', 'register-dist.cjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no tools/register-dist.cjs above ${__dirname}`);
  }
}
