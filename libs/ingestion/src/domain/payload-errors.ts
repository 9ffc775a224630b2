import { DomainError } from '@factledger/shared';

export const IngestionErrorCodes = {
  invalidPayload: 'ingestion.invalid_payload',
  invalidCsv: 'ingestion.invalid_csv',
  invalidFigure: 'ingestion.invalid_figure',
  metricNotFound: 'ingestion.metric_not_found',
  unitMismatch: 'ingestion.unit_mismatch',
  unclassified: 'ingestion.unclassified',
  conflictingFigures: 'ingestion.conflicting_figures',
  nothingIngested: 'ingestion.nothing_ingested',
  notFound: 'ingestion.not_found',
  queueUnavailable: 'ingestion.queue_unavailable',
  extractionTimeout: 'ingestion.extraction_timeout',
  extractionMemory: 'ingestion.extraction_memory',
} as const;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Problems only a ledger rule finds (a date after today, no valid figure): 422 when they are all there is. */
export type ProblemKind = 'malformed' | 'rule';

/** Collects every problem of a payload, then fails once: clients fix all fields in one round. */
export class ProblemList {
  readonly problems: FieldProblem[] = [];
  private malformed = false;

  /** `rule` for a well-formed value a ledger rule refuses; by default the input is malformed (400). */
  add(field: string, message: string, kind: ProblemKind = 'malformed'): void {
    this.problems.push({ field, message });
    if (kind === 'malformed') this.malformed = true;
  }

  throwIfAny(code: string = IngestionErrorCodes.invalidPayload, message = 'The ingestion payload is invalid'): void {
    if (this.problems.length === 0) return;
    const detail = `${message}: ${this.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`;
    throw new DomainError(code, this.malformed ? 'malformed' : 'invalid', detail.length > 1000 ? `${detail.slice(0, 997)}...` : detail, {
      errors: this.problems,
    });
  }
}
