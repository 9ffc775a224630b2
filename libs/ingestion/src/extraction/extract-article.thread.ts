// Runs in a worker thread of the extraction pool (extraction-pool.ts), never
// on the worker's event loop: an article's extraction is CPU-bound for as long
// as its text is long, and the projector and sealer share that loop.
import { candidatesOf } from '../domain/candidates';
import type { Candidate, IngestionPayload, Rejection } from '../domain/ingestion.types';

export interface ExtractionTask {
  payload: IngestionPayload;
  options: Parameters<typeof candidatesOf>[1];
}

export default function extractArticle(task: ExtractionTask): (Candidate | Rejection)[] {
  return candidatesOf(task.payload, task.options);
}
