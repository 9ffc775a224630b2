import { sql } from 'kysely';
import type { SqlConnection } from '@factledger/platform';
import { upcastLedgerEvent, type LedgerEvent } from '@factledger/ledger-domain';
import { logSpan } from '@factledger/event-store';
import { batchTiming, type CopyIn, type ProjectionDefinition } from '../../engine';
import { copyRows } from '../shared/copy-rows';
import type { ColumnSpec } from '../shared/batch-rows';
import { keyedLookups, prepareBatch } from '../shared/batch-preparation';
import { ensureQueryIndexes } from '../shared/deferred-indexes';
import { numberBatch, type NumberedEvent } from '../shared/ledger-cursor';
import { insertRows, rowsAsRelation, selectColumns, updateRows } from '../shared/batch-rows';
import { figuresToLoad, foldFigureBatch, type FigureBatchChanges, type StoredFigure, type StoredFigureState } from './figure-batch.fold';
import { sourcesToLoad } from './source-flags.fold';
import { todayOf } from '../query/basis';
import { touchedMetrics, touchedPairs } from './touched-metrics';
import { HeadEstimateKeeper } from './head-estimates';
import { fillFigures } from './figures-fill';
import { byFigureAndVersion, byVersionKey } from './figure-version-rows';
import {
  CITATION_COLUMNS,
  CLOSURE_COLUMNS,
  FIGURE_METRIC_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  LOG_COLUMNS,
  METRIC_SOURCE_COLUMNS,
  RETRACTION_CLOSE_COLUMNS,
  SOURCE_PARTY_CLOSURE_COLUMNS,
  SOURCE_PARTY_COLUMNS,
  VERSION_CLOSE_COLUMNS,
  VERSION_COPY_COLUMNS,
  type SourcePartyRow,
} from './figure-rows';
import { createFiguresTables, FIGURES_QUERY_INDEXES } from './figures.tables';

export const FIGURES_PROJECTION = 'figures';

/** What a bulk batch's lookups of stored rows filter on (loadStoredState, StoredVersionOps, touchedMetrics): analysed at each doubling. */
const BULK_STATISTICS = {
  figure_versions: ['figure_id', 'version', 'recorded_to', 'valid_to'],
  source_parties: [],
  metric_sources: [],
  metrics: [],
};

/**
 * The figures read model: bitemporal figure versions (a figure's current
 * state is the open row of its latest version: no second copy of it),
 * citations, the source flags estimates need (party, verification), and the log index that turns a
 * position or a time into a seq. Every event goes through `apply` (none is
 * filtered out) because each one takes a seq. Once caught up it also keeps
 * each metric's head estimates (head-estimates.ts), by `now`'s day, within
 * `headEstimateBudgetMs` per batch.
 */
export function figuresProjection(options: {
  version: number;
  name?: string;
  now?: () => Date;
  headEstimateBudgetMs?: number;
  headEstimateHotWindowMs?: number;
}): ProjectionDefinition<LedgerEvent> {
  const now = options.now ?? (() => new Date());
  const headEstimates = new HeadEstimateKeeper(options.headEstimateBudgetMs, undefined, options.headEstimateHotWindowMs);
  return {
    name: options.name ?? FIGURES_PROJECTION,
    version: options.version,
    upcast: upcastLedgerEvent,
    setup: (db, schema) => createFiguresTables(db, schema),
    async apply(trx, events, { schema, copy }) {
      const numbered = await numberBatch(trx, schema, events);
      batchTiming.mark('number');
      await prepareBatch(trx, schema, numbered, copy ? BULK_STATISTICS : undefined);
      batchTiming.mark('prepare');
      await (copy
        ? insertLogFromSpan(trx, schema, numbered)
        : insertRows(
            trx,
            [schema, 'log'],
            LOG_COLUMNS,
            numbered.map((n) => ({ position: n.logged.position, seq: n.seq, recorded_at: n.recordedAt, recorded_max: n.recordedMax })),
          ));
      batchTiming.mark('log');
      if (copy) await keyedLookups(trx, true);
      const stored = await loadStoredState(trx, schema, numbered);
      batchTiming.mark('load');
      const changes = foldFigureBatch(numbered, stored);
      batchTiming.mark('fold');
      await writeChanges(trx, schema, changes, copy);
      if (copy) await keyedLookups(trx, false);
      batchTiming.mark('writes');
      const indexes = await ensureQueryIndexes(trx, schema, FIGURES_QUERY_INDEXES(schema), {
        last: numbered.at(-1)?.logged,
        length: numbered.length,
      });
      batchTiming.mark('indexes');
      // After writeChanges: metric_sources then holds the batch's own pairs too.
      const keys = await touchedMetrics(trx, schema, stored, changes);
      batchTiming.mark('touched');
      const last = numbered.at(-1);
      if (last)
        await headEstimates.keep(trx, schema, {
          last: { seq: last.seq, position: last.logged.position },
          touched: keys,
          pairs: touchedPairs(stored, changes),
          caughtUp: indexes.caughtUp,
          // This transaction cannot use the indexes it just built (ensureQueryIndexes): queue only.
          queueOnly: indexes.builtNow,
          today: todayOf(now()),
        });
      return { keys };
    },
    fill: (trx, ctx) => fillFigures(trx, ctx, headEstimates, todayOf(now())),
    // The head-estimate backlog and the day's fill, when no batch is waiting.
    idle: { due: () => headEstimates.idleDue(todayOf(now())), run: (trx, { schema }) => headEstimates.idle(trx, schema, todayOf(now())) },
  };
}

async function loadStoredState(db: SqlConnection, schema: string, events: readonly NumberedEvent[]): Promise<StoredFigureState> {
  const figureIds = figuresToLoad(events);
  const sourceIds = sourcesToLoad(events);
  const figures = new Map<string, StoredFigure>();
  const sourceParties = new Map<string, SourcePartyRow>();
  if (figureIds.length > 0) {
    // Each figure's latest version's row with an open valid range (one per version): open while the figure is active.
    const { rows } = await sql<StoredFigure>`
      SELECT DISTINCT ON (v.figure_id) v.figure_id::text AS figure_id, v.metric_key, v.source_id, v.unit, v.version, v.recorded_to IS NULL AS active
        FROM ${sql.id(schema, 'figure_versions')} v
       WHERE v.figure_id = ANY (${figureIds}::uuid[]) AND v.valid_to IS NULL
       ORDER BY v.figure_id, v.version DESC`.execute(db);
    for (const row of rows) figures.set(row.figure_id, row);
  }
  if (sourceIds.length > 0) {
    const { rows } = await sql<SourcePartyRow>`
      SELECT ${selectColumns(SOURCE_PARTY_COLUMNS, 'p')} FROM ${sql.id(schema, 'source_parties')} p
       WHERE p.source_id = ANY (${sourceIds}::text[]) AND p.recorded_to IS NULL`.execute(db);
    for (const row of rows) sourceParties.set(row.source_id, row);
  }
  return { figures, sourceParties };
}

/**
 * Stored rows first, in the order their ops assume (closes with the copies
 * of the closed rows, then retractions, which also end the copies); then the
 * batch's own rows, which are never matched by those ops.
 */
async function writeChanges(db: SqlConnection, schema: string, changes: FigureBatchChanges, copy: CopyIn | undefined): Promise<void> {
  const versions: [string, string] = [schema, 'figure_versions'];
  // In key order in a bulk batch, like its new rows (byVersionKey): the index lookups then walk the key's index in order.
  if (copy) changes.stored.closes.sort(byFigureAndVersion);
  await closeStoredVersions(db, schema, changes.stored);
  batchTiming.mark('w:closes');
  await updateRows(db, versions, RETRACTION_CLOSE_COLUMNS, ['figure_id'], changes.stored.retractions, sql`t.recorded_to IS NULL`);
  batchTiming.mark('w:retractions');
  await addRows(db, copy, versions, FIGURE_VERSION_COLUMNS, copy ? byVersionKey(changes.versionInserts) : changes.versionInserts);
  batchTiming.mark('w:versions');
  await addRows(db, copy, [schema, 'citations'], CITATION_COLUMNS, changes.citations);
  batchTiming.mark('w:citations');
  await updateRows(db, [schema, 'source_parties'], SOURCE_PARTY_CLOSURE_COLUMNS, ['source_id', 'recorded_from'], changes.partyClosures);
  await addRows(db, copy, [schema, 'source_parties'], SOURCE_PARTY_COLUMNS, changes.partyInserts);
  await insertRows(db, [schema, 'metrics'], FIGURE_METRIC_COLUMNS, changes.metrics, sql`ON CONFLICT (metric_key) DO NOTHING`);
  await insertRows(db, [schema, 'metric_sources'], METRIC_SOURCE_COLUMNS, changes.metricSources, sql`ON CONFLICT (metric_key, source_id) DO NOTHING`);
}

/**
 * A bulk batch's log rows, derived in SQL from the store's span of the batch
 * (logSpan: the same events in the order numberBatch numbered them, so the
 * same seq and running maximum), instead of building, sending and parsing
 * two timestamps per event: a sixth of a bulk batch's COPY work. Not for
 * other batches: a replay (digest/read-model-replay.ts) applies events that
 * are not in its database's log.
 */
async function insertLogFromSpan(db: SqlConnection, schema: string, numbered: readonly NumberedEvent[]): Promise<void> {
  const first = numbered[0];
  const last = numbered.at(-1);
  if (!first || !last) return;
  const span = logSpan(
    { transactionId: first.logged.transactionId, position: first.logged.position },
    { transactionId: last.logged.transactionId, position: last.logged.position },
  );
  // The first row's running maximum already includes the cursor's: the rest only grow from it.
  const result = await sql`
    INSERT INTO ${sql.id(schema, 'log')} (position, seq, recorded_at, recorded_max)
    SELECT e.position, ${BigInt(first.seq) - 1n}::bigint + e.n, e.recorded_at, greatest(${first.recordedMax}::timestamptz, e.recorded_max)
      FROM (${span}) e`.execute(db);
  if (Number(result.numAffectedRows ?? -1) !== numbered.length)
    throw new Error(
      `figures log: the store's span from ${first.logged.position} to ${last.logged.position} is not the batch's ${numbered.length} events`,
    );
}

/** New rows (never matched by a stored one): by COPY in a bulk batch, else one INSERT. */
const addRows = <Row extends object>(
  db: SqlConnection,
  copy: CopyIn | undefined,
  table: [string, string],
  spec: ColumnSpec<Row>,
  rows: readonly Row[],
): Promise<void> => (copy ? copyRows(copy, table, spec, rows) : insertRows(db, table, spec, rows));

/**
 * Closes the stored open rows (`closes`) and re-inserts those an update keeps
 * true up to its date (`copies`, each the copy of one closed row) in one
 * statement: the copy is taken from the row the UPDATE returns, so the stored
 * row is looked up once. The copy is the row as it was before the close (an
 * open row's closure columns are all null), believed anew from the copy's seq,
 * with its valid range ended.
 */
async function closeStoredVersions(db: SqlConnection, schema: string, stored: FigureBatchChanges['stored']): Promise<void> {
  const { closes, copies } = stored;
  if (closes.length === 0) return;
  const table = sql.id(schema, 'figure_versions');
  const x = rowsAsRelation(VERSION_CLOSE_COLUMNS, closes);
  const sets = Object.keys(CLOSURE_COLUMNS).map((c) => sql`${sql.id(c)} = ${x.value(c)}`);
  const update = sql`UPDATE ${table} AS t SET ${sql.join(sets)} FROM ${x.from}
     WHERE t.figure_id = x.figure_id AND t.version = x.version AND t.recorded_to IS NULL AND t.valid_to IS NULL`;
  if (copies.length === 0) return void (await update.execute(db));
  const c = rowsAsRelation(VERSION_COPY_COLUMNS, copies);
  const columns = Object.keys(FIGURE_VERSION_COLUMNS);
  const values = columns.map((col) => (col in VERSION_COPY_COLUMNS ? c.value(col) : col in CLOSURE_COLUMNS ? sql`NULL` : sql.ref(`v.${col}`)));
  await sql`
    WITH v AS (${update} RETURNING t.*) -- x below is the copies: the UPDATE's x is out of scope here
    INSERT INTO ${table} (${sql.join(columns.map((col) => sql.id(col)))})
    SELECT ${sql.join(values)} FROM v JOIN ${c.from} ON v.figure_id = x.figure_id AND v.version = x.version`.execute(db);
}
