import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { logSpan, readLogByStream, START, type Checkpoint } from '@factledger/event-store';
import { upcastLedgerEvent } from '@factledger/ledger-domain';
import type { FillContext } from '../../engine';
import { copyRows } from '../shared/copy-rows';
import { batchSettings } from '../shared/batch-preparation';
import { ensureQueryIndexes } from '../shared/deferred-indexes';
import { moveCursor, seqEvents } from '../shared/ledger-cursor';
import { foldFigureBatch, type StoredFigureState } from './figure-batch.fold';
import {
  CITATION_COLUMNS,
  FIGURE_METRIC_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  METRIC_SOURCE_COLUMNS,
  SOURCE_PARTY_COLUMNS,
  type FigureMetricRow,
  type MetricSourceRow,
} from './figure-rows';
import { byVersionKey } from './figure-version-rows';
import { FIGURES_QUERY_INDEXES } from './figures.tables';
import type { HeadEstimateKeeper } from './head-estimates';

/** Nothing is stored before a fill: every row it folds is new. */
const NOTHING_STORED: StoredFigureState = { figures: new Map(), sourceParties: new Map() };

/**
 * The figures model's first fill (ProjectionDefinition.fill): the log up to
 * `last`, read stream by stream (readLogByStream), each chunk of whole
 * streams folded at once by the batch fold, so every version row is written
 * once, final, by COPY: none is closed, copied or looked up again, as bulk
 * batches do when a figure's history spans them. A figure's rows depend only
 * on its own stream's events and their seqs, a source's flags on its own;
 * the metric–source pairs keep the smallest seq over all chunks. The log
 * index is derived in SQL, the query indexes are built once at the end, and
 * the head estimates' day fill is queued (this transaction cannot use the
 * indexes it builds). Returns the events applied.
 */
export async function fillFigures(trx: SqlConnection, ctx: FillContext, headEstimates: HeadEstimateKeeper, today: string): Promise<number> {
  const { schema, copy, last, pool } = ctx;
  await batchSettings(trx);
  const [count, order] = await Promise.all([fillLog(trx, schema, last), ctx.order]);
  await moveCursor(trx, schema, { seq: count, position: last.position, recordedAt: order.lastRecordedAt, recordedMax: order.recordedMax });
  if (count !== order.count)
    throw new Error(`figures fill: the log index holds ${count} events up to ${last.position}, the store's order ${order.count}`);
  const metrics = new Map<string, FigureMetricRow>();
  const pairs = new Map<string, MetricSourceRow>();
  let folded = 0;
  for await (const chunk of readLogByStream(pool, order, upcastLedgerEvent)) {
    const changes = foldFigureBatch(seqEvents(chunk), NOTHING_STORED);
    await copyRows(copy, [schema, 'figure_versions'], FIGURE_VERSION_COLUMNS, byVersionKey(changes.versionInserts));
    await copyRows(copy, [schema, 'citations'], CITATION_COLUMNS, changes.citations);
    await copyRows(copy, [schema, 'source_parties'], SOURCE_PARTY_COLUMNS, changes.partyInserts);
    for (const row of changes.metrics) keepFirst(metrics, row.metric_key, row, (r) => r.registered_seq);
    for (const row of changes.metricSources) keepFirst(pairs, `${row.metric_key}\u0000${row.source_id}`, row, (r) => r.first_seq);
    folded += chunk.length;
    ctx.progress(folded);
  }
  await copyRows(copy, [schema, 'metrics'], FIGURE_METRIC_COLUMNS, [...metrics.values()]);
  await copyRows(copy, [schema, 'metric_sources'], METRIC_SOURCE_COLUMNS, [...pairs.values()]);
  const indexes = await ensureQueryIndexes(trx, schema, FIGURES_QUERY_INDEXES(schema), { last, length: count });
  await headEstimates.keep(trx, schema, {
    last: { seq: String(count), position: last.position },
    touched: [...metrics.keys()],
    pairs: { metricKeys: [], sourceIds: [] },
    caughtUp: indexes.caughtUp,
    queueOnly: true,
    today,
  });
  return count;
}

/** The log index (position → seq) of the whole span in one statement: how many events it holds. */
async function fillLog(trx: SqlConnection, schema: string, last: Checkpoint): Promise<number> {
  const inserted = await sql`
    INSERT INTO ${sql.id(schema, 'log')} (position, seq, recorded_at, recorded_max)
    SELECT e.position, e.n, e.recorded_at, e.recorded_max FROM (${logSpan(START, last)}) e`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0);
}

/** Keeps the row of the smallest seq per key: the first in log order, as the batches' ON CONFLICT DO NOTHING keeps. */
function keepFirst<Row>(rows: Map<string, Row>, key: string, row: Row, seqOf: (row: Row) => string): void {
  const kept = rows.get(key);
  if (!kept || BigInt(seqOf(row)) < BigInt(seqOf(kept))) rows.set(key, row);
}
