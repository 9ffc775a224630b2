import * as path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { candidatesOf } from '../domain/candidates';
import type { IngestionPayload } from '../domain/ingestion.types';
import { ExtractionPool } from './extraction-pool';

const TESTING = path.join(__dirname, '..', 'testing');
/** About `chars` characters of made-up news sentences, each with a sourced count. */
const prose = (chars: number): string => {
  const out: string[] = ['Storms across the valley\nPublished 12 March 2026\n'];
  for (let i = 0; out.join(' ').length < chars; i++) {
    out.push(`About ${(i + 3) * 110} people were evacuated from Eastmere on Tuesday, the regional fire service said.`);
  }
  return out.join(' ');
};
const article = (text: string): IngestionPayload =>
  ({
    kind: 'article',
    text,
    report: { publisher: 'Valley Courier', title: 'Storms', publishedAt: '2026-03-12', language: 'en' },
  }) as IngestionPayload;
const options = { today: '2026-03-12', metrics: [] };

describe('ExtractionPool: extraction in worker threads, bounded in time and memory', () => {
  let pool: ExtractionPool | undefined;
  afterEach(async () => pool?.close());

  it('answers what extraction on the event loop answers (the thread runs from the TypeScript sources under jest)', async () => {
    pool = new ExtractionPool({ timeoutMs: 60_000, maxHeapMb: 256, threads: 1 });
    const payload = article(prose(20_000));
    const expected = candidatesOf(payload, options);
    expect(expected.length).toBeGreaterThan(10);
    expect(await pool.candidatesOf(payload, options)).toEqual(expected);
  });

  it('stops an extraction over its time limit, fails it for good with the reason, and leaves the event loop free meanwhile', async () => {
    pool = new ExtractionPool({ timeoutMs: 1_500, maxHeapMb: 128, threads: 1 }, path.join(TESTING, 'endless-extraction.thread.ts'));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const failure = await pool.candidatesOf(article(prose(5_000)), options).catch((e: unknown) => e);
    clearInterval(timer);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/^ingestion\.extraction_timeout: .*EXTRACTION_TIMEOUT_MS \(1500 ms\)/);
    // The loop ran its timers while the thread extracted: progress, whatever the machine's speed.
    expect(ticks).toBeGreaterThan(5);
    // The stopped thread is replaced: the pool goes on (the next task meets the same endless thread, and its limit).
    const next = await pool.candidatesOf(article(prose(2_000)), options).catch((e: unknown) => e);
    expect((next as Error).message).toMatch(/^ingestion\.extraction_timeout/);
  });

  it('stops an extraction over its heap limit and fails it for good with the reason', async () => {
    pool = new ExtractionPool({ timeoutMs: 120_000, maxHeapMb: 64, threads: 1 }, path.join(TESTING, 'hoarding-extraction.thread.ts'));
    const failure = await pool.candidatesOf(article(prose(5_000)), options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/^ingestion\.extraction_memory: .*EXTRACTION_MAX_HEAP_MB \(64 MB\)/);
  });

  it('extracts a structured report on the calling thread (its lines are parsed already)', async () => {
    pool = new ExtractionPool({ timeoutMs: 1_000, maxHeapMb: 64, threads: 1 }, path.join(TESTING, 'endless-extraction.thread.ts'));
    const payload = {
      kind: 'structured',
      figures: [],
      report: { publisher: 'x', title: 't', publishedAt: '2026-03-12' },
    } as unknown as IngestionPayload;
    expect(await pool.candidatesOf(payload, options)).toEqual([]);
  });
});
