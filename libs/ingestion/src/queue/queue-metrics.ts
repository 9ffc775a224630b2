import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { METRICS, scrapeSafely, type MetricsRegistry } from '@factledger/platform';
import { INGESTION_QUEUE } from './ingestion-queue';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
/** A scrape must answer even with Redis away: the depth gauge then keeps its last value. */
const REDIS_TIMEOUT_MS = 2000;

/** Depth of the ingestion queue by state, read from Redis at scrape time (the same from every process). */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly metrics: MetricsRegistry,
    @InjectQueue(INGESTION_QUEUE) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    const queue = this.queue;
    this.metrics.gauge({
      name: 'factledger_queue_jobs',
      help: 'Jobs in the queue by state (waiting, active, delayed, prioritized, completed and failed as kept)',
      labelNames: ['queue', 'state'] as const,
      collect() {
        return scrapeSafely(async () => {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('redis timeout')), REDIS_TIMEOUT_MS)));
          const counts = await Promise.race([queue.getJobCounts(...STATES), timeout]).finally(() => clearTimeout(timer));
          for (const state of STATES) this.set({ queue: INGESTION_QUEUE, state }, counts[state] ?? 0);
        });
      },
    });
  }
}

/** Job outcomes and durations, counted by the worker that ran them. */
export function jobOutcomeMetrics(metrics: MetricsRegistry) {
  const finished = metrics.counter({
    name: 'factledger_queue_jobs_finished_total',
    help: 'Job attempts that ended, by queue, job name and outcome (completed; failed: for good; retried: will run again)',
    labelNames: ['queue', 'name', 'outcome'] as const,
  });
  const duration = metrics.histogram({
    name: 'factledger_queue_job_duration_seconds',
    help: 'Job attempt duration, by job name and outcome',
    labelNames: ['queue', 'name', 'outcome'] as const,
  });
  const extraction = metrics.histogram({
    name: 'factledger_extraction_duration_seconds',
    help: 'Figure extraction from one payload (articles: the text extractor; structured: line parsing)',
    labelNames: ['kind'] as const,
  });
  return {
    ended(job: Pick<Job, 'name' | 'processedOn' | 'finishedOn'>, outcome: 'completed' | 'failed' | 'retried'): void {
      const labels = { queue: INGESTION_QUEUE, name: job.name, outcome };
      finished.inc(labels);
      if (job.processedOn) duration.observe(labels, Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000));
    },
    extraction: (kind: string) => extraction.startTimer({ kind }),
  };
}
export type JobOutcomeMetrics = ReturnType<typeof jobOutcomeMetrics>;
