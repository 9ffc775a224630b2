import { createHash } from 'node:crypto';
import { requestHashOf } from '../../apps/api/src/idempotency/request-hash';
import { eventLeafHash, leafContent } from '../../libs/audit/domain/src/leaf/event-leaf';
import { deterministicEventIds } from '../../libs/event-store/src/command-path';
import { parseCsv } from '../../libs/ingestion/src/domain/csv';
import { figureSeed, ingestionJobId, payloadHash, reportIdFor, reportSeed, sourceSeed } from '../../libs/ingestion/src/domain/ingestion-ids';
import type { IngestionPayload } from '../../libs/ingestion/src/domain/ingestion.types';
import { genCsv, genEvent, genIngestionPayload, genJson, rng } from './golden-inputs';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
// Same derivations as seededEventIds/seededFigureId (libs/ledger/application/src/ledger-writer.ts), without loading Nest.
const seededEventId = (seed: string, streamId: string, i: number) => deterministicEventIds(`${seed}\u0000${streamId}`)(i);
const seededFigureId = (seed: string) => deterministicEventIds(`${seed}:figure`)(0);

export interface GoldenOutputs {
  /** Leaf hash of each generated event (the audit leaf bytes, hashed as RFC 6962 leaves). */
  leaves: string[];
  /** Per ingestion payload: job id, report id, and the ids its first figure's writes derive. */
  ingestions: string[][];
  /** Idempotency request hash of each generated body. */
  requests: string[];
  /** Deterministic event ids of generated seeds. */
  eventIds: string[];
  /** sha256 of each generated CSV text's parse (records, or the problem it is refused with). */
  csv: string[];
}

export function computeGolden(count = 400): GoldenOutputs {
  const r = rng(13);
  const leaves = Array.from({ length: count }, (_, i) => {
    const event = genEvent(r, i);
    // The leaf bytes themselves are what a verifier re-derives; their hash pins them.
    return `${eventLeafHash(event).toString('hex')} ${sha(leafContent(event).toString('latin1')).slice(0, 16)}`;
  });
  const ingestions = Array.from({ length: count }, () => {
    const payload = genIngestionPayload(r) as unknown as IngestionPayload;
    const hash = payloadHash(payload);
    const seed = figureSeed(hash, { index: 0 }, 'source-x');
    const claimSeed = figureSeed(hash, { index: 0, claim: '12-17' }, 'source-x');
    return [
      ingestionJobId(payload.kind, hash),
      reportIdFor(payload),
      seededFigureId(seed),
      seededEventId(seed, 'figure-x', 0),
      seededEventId(claimSeed, 'figure-x', 1),
      seededEventId(reportSeed(hash), 'report-x', 0),
      seededEventId(sourceSeed(hash, 'source-x'), 'source-x', 0),
    ];
  });
  const requests = Array.from({ length: count }, (_, i) =>
    requestHashOf(i % 2 ? 'POST' : 'PATCH', `/v1/figures/${i}?a=${i}`, i % 17 === 0 ? undefined : genJson(r, 5, true)),
  );
  const eventIds = Array.from({ length: count }, (_, i) => deterministicEventIds(String(genJson(r, 0, false)) + i)(i % 7));
  const csv = Array.from({ length: count * 2 }, () => {
    const text = genCsv(r);
    try {
      return sha(JSON.stringify(parseCsv(text)));
    } catch (e) {
      const { code, details } = e as { code?: string; details?: unknown };
      return sha(JSON.stringify({ code, details }));
    }
  });
  return { leaves, ingestions, requests, eventIds, csv };
}
