import { canonicalJson, sha256Hex } from './canonical-json';
import type { IngestionKind, IngestionPayload } from './ingestion.types';

/** BullMQ job names, one per payload kind. */
export type IngestionJobName = `ingest-${IngestionKind}`;
export const jobNameOf = (kind: IngestionKind): IngestionJobName => `ingest-${kind}`;

/**
 * sha256 of the canonical payload (report metadata and figures, or metadata
 * and text): the same submission always hashes the same, whatever the key
 * order or (for structured reports) whether it came as JSON or CSV.
 */
export const payloadHash = (payload: IngestionPayload): string => sha256Hex(canonicalJson(payload));

/**
 * The job id: BullMQ ignores an add whose id exists, so a repeated submission
 * lands on the first job. (`kind:hash` would read better, but BullMQ refuses
 * custom ids with one colon.)
 */
export const ingestionJobId = (kind: IngestionKind, hash: string): string => `${kind}-${hash}`;

export const JOB_ID = /^(structured|article)-[0-9a-f]{64}$/;

/**
 * Seed of every write a figure leads to: a retried job derives the same event ids and figure ids. An article's
 * figure is seeded by its claim (where its number stands in the text), so re-ingesting the same article after the
 * extractor changed (figures found before it, or dropped) lands on the same writes; a structured line by its index.
 */
export const figureSeed = (hash: string, at: { index: number; claim?: string }, sourceId: string): string =>
  at.claim === undefined ? `ingestion:${hash}:figure:${at.index}:${sourceId}` : `ingestion:${hash}:claim:${at.claim}:${sourceId}`;
/** A candidate for review is keyed by its claim (like its writes), so a retried job stores it once. */
export const candidateIdFor = (hash: string, claim: string): string => sha256Hex(`ingestion:${hash}:candidate:${claim}`).slice(0, 32);
export const CANDIDATE_ID = /^[0-9a-f]{32}$/;
export const reportSeed = (hash: string): string => `ingestion:${hash}:report`;
export const sourceSeed = (hash: string, sourceId: string): string => `ingestion:${hash}:source:${sourceId}`;

/** Lower-case slug of at most `max` characters: letters and digits joined by '-'. */
export const slugify = (text: string, max = 60): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');

/**
 * The report id when the payload names none: publisher, date and a short hash
 * of what identifies the report. An article is its text; a structured report
 * is its URL (or title), so a corrected batch for the same report cites the
 * same report instead of a new one.
 */
export function reportIdFor(payload: IngestionPayload): string {
  if (payload.report.reportId) return payload.report.reportId;
  const { publisher, publishedAt, url, title } = payload.report;
  const identity = payload.kind === 'article' ? sha256Hex(payload.text) : sha256Hex(url ?? title);
  return `${slugify(publisher, 40) || 'report'}-${publishedAt}-${identity.slice(0, 10)}`;
}
