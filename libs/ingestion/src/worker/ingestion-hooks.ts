/** Test seams of the processor (a crash after k figures, a job that blocks shutdown). */
export interface IngestionHooks {
  /** Awaited after each figure is written, before progress is saved. */
  afterFigure?(jobId: string, index: number, attempt: number): Promise<void> | void;
}

export const INGESTION_HOOKS = Symbol('factledger.ingestion.hooks');

export interface IngestionWorkerOptions {
  /** Longest a job waits for the read models to reach the log's head before retrying later. Default 15 s. */
  readModelWaitMs: number;
  /** An article's figures below this confidence are stored for review; by default EXTRACTION_CONFIDENCE_THRESHOLD. */
  confidenceThreshold: number;
}

export const INGESTION_WORKER_OPTIONS = Symbol('factledger.ingestion.worker-options');
export const DEFAULT_INGESTION_WORKER_OPTIONS: Omit<IngestionWorkerOptions, 'confidenceThreshold'> = { readModelWaitMs: 15_000 };
