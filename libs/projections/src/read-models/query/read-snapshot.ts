import { sql, type Kysely, type Transaction } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { visibleHead } from '@factledger/event-store';
import { DomainError } from '@factledger/shared';
import { activeSchema, waitForPosition } from '../../engine';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { logEntryAt } from '../figures/log-index.lookup';
import { cursorHeadSelect } from '../shared/ledger-cursor';
import { parseAsOf, resolveAlgorithmVersion, resolveValidAt, todayOf, type AsOf, type Basis, type ReadRequest } from './basis';

export interface ReadContext {
  /** Where reads run: the primary, or a streaming replica of it. */
  db: Kysely<EngineDb>;
  /** With a replica as `db`: the primary, which knows every committed position (see waitForPosition). */
  primary?: Kysely<EngineDb>;
  /** Longest wait for minPosition (or for an asOf the read models have not reached). */
  waitTimeoutMs: number;
  now?: () => Date;
}

/** What the read-model queries need of a snapshot besides its transaction (the projector builds one for its own batch). */
export type SnapshotView = Pick<Snapshot, 'seq' | 'validAt' | 'validAtIsToday' | 'schema' | 'atHead'>;

/** One consistent view of the read models at the basis. */
export interface Snapshot {
  /** A REPEATABLE READ, read-only transaction: every statement sees the same commit of every read model. */
  trx: Transaction<EngineDb>;
  /** The basis as a seq (see ledger-cursor): rows with `recorded @> seq` were held then. */
  seq: string;
  validAt: string;
  /** validAt is today (UTC): with atHead, the current tables answer without history. */
  validAtIsToday: boolean;
  basis: Basis;
  schema(name: string): string;
  /** The basis is this read model's head: its current tables (and partial indexes) answer. */
  atHead(name: string): boolean;
}

interface Point {
  seq: string;
  position: string;
  recordedAt: string | null;
}

const START_POINT: Point = { seq: '0', position: '0', recordedAt: null };

/**
 * Resolves the basis and runs `read` in one snapshot of the read models.
 * asOf = position P: the log up to P in log order; asOf = time T: the longest
 * prefix of the log whose events were all recorded at or before T; neither:
 * the head every involved read model has reached. A basis the read models
 * have not reached yet is waited for (bounded), like minPosition.
 */
export async function readAt<T>(
  ctx: ReadContext,
  projections: readonly string[],
  request: ReadRequest,
  read: (snapshot: Snapshot) => Promise<T>,
): Promise<{ result: T; basis: Basis }> {
  const now = ctx.now?.() ?? new Date();
  const asOf = parseAsOf(request.asOf, now);
  const validAt = resolveValidAt(request.validAt, now);
  const algorithmVersion = resolveAlgorithmVersion(request.algorithmVersion);
  // Positions and times are looked up in the figures model's log index.
  const involved = asOf.kind === 'head' ? [...new Set(projections)] : [...new Set([...projections, FIGURES_PROJECTION])];
  if (request.minPosition !== undefined) await waitForPosition(ctx.db, involved, request.minPosition, ctx.waitTimeoutMs, ctx.primary);
  for (let attempt = 0; ; attempt++) {
    const schemas = new Map(await Promise.all(involved.map(async (name) => [name, await activeSchema(ctx.db, name)] as const)));
    const outcome = await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const { heads, logged } = await readHeads(trx, schemas, asOf);
        const head = [...heads.values()].reduce((a, b) => (BigInt(b.seq) < BigInt(a.seq) ? b : a));
        const point = await resolvePoint(trx, asOf, head, logged, attempt > 0);
        if ('waitFor' in point) return point;
        const basis: Basis = { position: point.position, recordedAt: point.recordedAt, validAt, algorithmVersion };
        const snapshot: Snapshot = {
          trx,
          seq: point.seq,
          validAt,
          validAtIsToday: validAt === todayOf(now),
          basis,
          schema: (name) => schemas.get(name) ?? failMissing(name),
          atHead: (name) => heads.get(name)?.seq === point.seq,
        };
        return { result: await read(snapshot), basis };
      });
    if (!('waitFor' in outcome)) return outcome;
    if (attempt > 0) {
      throw new DomainError('projection.wait_timeout', 'unavailable', `Read models did not reach position ${outcome.waitFor}`, {
        position: outcome.waitFor,
        projections: involved,
      });
    }
    await waitForPosition(ctx.db, involved, outcome.waitFor, ctx.waitTimeoutMs, ctx.primary);
  }
}

/**
 * Every involved read model's head and, for an asOf, the figures log's entry
 * for it (the event at that position; the end of the longest prefix recorded
 * by that time), in one statement: a round trip less per historical read.
 */
async function readHeads(
  trx: Kysely<EngineDb>,
  schemas: ReadonlyMap<string, string>,
  asOf: AsOf,
): Promise<{ heads: Map<string, Point>; logged: Point | null }> {
  const selects = [...schemas].map(([name, schema]) => cursorHeadSelect(name, schema));
  const lookup = schemas.has(FIGURES_PROJECTION) ? logEntryAt(schemas.get(FIGURES_PROJECTION)!, asOf) : null;
  if (lookup) selects.push(sql`(${lookup})`);
  const { rows } = await sql<Point & { name: string | null }>`${sql.join(selects, sql` UNION ALL `)}`.execute(trx);
  const heads = new Map(rows.flatMap(({ name, ...point }) => (name === null ? [] : [[name, point] as const])));
  const logged = rows.find((r) => r.name === null);
  return { heads, logged: logged ? { seq: logged.seq, position: logged.position, recordedAt: logged.recordedAt } : null };
}

async function resolvePoint(
  trx: Kysely<EngineDb>,
  asOf: AsOf,
  head: Point,
  logged: Point | null,
  waited: boolean,
): Promise<Point | { waitFor: string }> {
  if (asOf.kind === 'head') return head;
  if (asOf.kind === 'position') {
    if (asOf.position === '0') return START_POINT;
    return logged && BigInt(logged.seq) <= BigInt(head.seq) ? logged : { waitFor: asOf.position };
  }
  const found = logged ?? START_POINT;
  // An applied event recorded after T proves the prefix complete; otherwise events recorded
  // before T may still be on their way: wait for the log's head once, then take what is applied.
  if (BigInt(found.seq) < BigInt(head.seq)) return found;
  if (!waited) {
    const visible = (await visibleHead(trx)).checkpoint;
    if (visible) return { waitFor: visible.position };
  }
  return BigInt(found.seq) <= BigInt(head.seq) ? found : head;
}

const failMissing = (name: string): never => {
  throw new Error(`read model ${name} is not part of this read`);
};
