import type { Candidate, IngestionResult, Rejection } from '../domain';

const maxPosition = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : BigInt(a) >= BigInt(b) ? a : b);

/** What one attempt has done so far: the job's result as it grows, and whether any line was taken. */
export class RunResult {
  readonly value: IngestionResult = {
    report: { reportId: '', created: false, textStored: false },
    figuresReported: 0,
    updates: 0,
    corroborations: 0,
    revisions: 0,
    unchanged: 0,
    rejected: [],
    sourcesCreated: [],
    figureIds: [],
    lastPosition: null,
    review: { threshold: null, confident: 0, forReview: 0 },
  };
  /** Candidates that led to at least one write or no-op match (not only rejections). */
  private accepted = 0;

  get anyAccepted(): boolean {
    return this.accepted > 0;
  }

  acceptLine(): void {
    this.accepted++;
  }

  add(rejection: Rejection): void {
    this.value.rejected.push(rejection);
  }

  reject(candidate: Pick<Candidate, 'at' | 'quote'>, code: string, reason: string): void {
    this.add({ ...candidate.at, code, reason, quote: candidate.quote });
  }

  reported(isUpdate: boolean): void {
    this.value.figuresReported++;
    if (isUpdate) this.value.updates++;
  }

  /** A corroboration that changed nothing (the report was already cited) counts as unchanged. */
  corroborated(counts: boolean): void {
    if (counts) this.value.corroborations++;
    else this.value.unchanged++;
  }

  revised(): void {
    this.value.revisions++;
  }

  /** A figure this job wrote to (or found written): listed once, its position tracked. */
  wrote(figureId: string, position: string | null): void {
    if (!this.value.figureIds.includes(figureId)) this.value.figureIds.push(figureId);
    this.track(position);
  }

  track(position: string | null): void {
    this.value.lastPosition = maxPosition(this.value.lastPosition, position);
  }
}
