import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { upcastEvents, type RecordedEvent } from '@factledger/event-store';
import { loadConfig, type NoTables, type SqlConnection } from '@factledger/platform';
import { DomainError } from '@factledger/shared';
import type { ProjectionDefinition } from '../../engine';
import { isOwnGeneration, readModelSpec } from '../read-model-lineage';
import { digestSchema, hashedRows, type HashedRow, type SchemaDigest } from './schema-digest';

/** An event as `GET /v1/events` serves it: a recorded event whose time may still be an ISO string. */
export type ReplayEvent = Omit<RecordedEvent<unknown, unknown>, 'recordedAt'> & { recordedAt: Date | string };

export interface ReadModelReplayOptions {
  /** Where to replay; default DATABASE_URL. Only new `fl_replay_*` schemas are written, and dropped on close. */
  scratchDb?: string | null;
  /** The read models to replay, at the live versions they are compared with. */
  models: readonly { name: string; version: number }[];
  /** The last event any model will get: the end of the log as the replay sees it. */
  lastEvent: { transactionId: string; position: string } | null;
}

/**
 * Replays events through the read models' own `setup` and `apply` (the code
 * the worker runs, batch by batch in a transaction each, filtered by
 * `eventTypes` like the runner) into fresh schemas of a scratch database,
 * and digests the result. Independent of the live models: nothing is read
 * from their schemas, the registry or the event store.
 *
 * The one thing `apply` reads outside its schema is whether the log goes on
 * after a batch (`events`, unqualified; it only decides when query indexes
 * are built): a private `events` table holding just the replay's last event
 * answers that, first on the search_path.
 */
export class ReadModelReplay {
  private readonly definitions = new Map<string, { definition: ProjectionDefinition; schema: string }>();
  private closed = false;

  private constructor(
    private readonly db: Kysely<NoTables>,
    private readonly home: string,
    /** Where the replay runs, for messages (no password). */
    readonly location: string,
  ) {}

  static async open(options: ReadModelReplayOptions): Promise<ReadModelReplay> {
    const url = options.scratchDb ?? loadConfig().databaseUrl;
    for (const { name, version } of options.models) {
      const spec = readModelSpec(name);
      if (!isOwnGeneration(spec, version)) {
        throw new DomainError(
          'replay.code_version',
          'conflict',
          `Read model ${name} v${version} was built by code version ${Math.floor(version / 1000)}; this verifier has code version ${spec.codeVersion}: run the verifier of the release the server runs`,
          { projection: name, version },
        );
      }
    }
    const db = new Kysely<NoTables>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, application_name: 'factledger-verify-replay' }) }),
    });
    const home = `fl_replay_${randomBytes(4).toString('hex')}`;
    const replay = new ReadModelReplay(db, home, `${home}_* in ${redact(url)}`);
    try {
      await sql`CREATE SCHEMA ${sql.id(home)}`.execute(db);
      await sql`CREATE TABLE ${sql.id(home, 'events')} (transaction_id xid8 NOT NULL, position bigint NOT NULL)`.execute(db);
      if (options.lastEvent) {
        await sql`INSERT INTO ${sql.id(home, 'events')} VALUES (${options.lastEvent.transactionId}::xid8, ${options.lastEvent.position}::bigint)`.execute(
          db,
        );
      }
      for (const { name, version } of options.models) {
        const definition = readModelSpec(name).define(version);
        const schema = `${home}_${name}`;
        replay.definitions.set(name, { definition, schema });
        await replay.inScratch(async (trx) => {
          await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx);
          await definition.setup(trx, schema);
        });
      }
    } catch (e) {
      await replay.close();
      throw e;
    }
    return replay;
  }

  /** Applies the next events (log order) to one model, as one batch. */
  async apply(name: string, events: readonly ReplayEvent[]): Promise<void> {
    const { definition, schema } = this.modelOf(name);
    const types = definition.eventTypes;
    const relevant = events.map(toRecordedEvent).filter((e) => !types || types.includes(e.type));
    if (relevant.length === 0) return;
    // Upcast as the live projector's read path does (the verifier's hashing reads the raw events).
    await this.inScratch((trx) => definition.apply(trx, upcastEvents(relevant, definition.upcast), { schema }));
  }

  async digest(name: string): Promise<SchemaDigest> {
    const { schema } = this.modelOf(name);
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => digestSchema(trx, schema));
  }

  /** One page of a replayed table in digest order (see hashedRows). */
  async rows(name: string, table: string, afterHash: string | null, limit: number): Promise<HashedRow[]> {
    const { schema } = this.modelOf(name);
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => (await hashedRows(trx, schema, table, afterHash, limit)) ?? []);
  }

  /** Drops every schema of this replay; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const { schema } of this.definitions.values()) await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(this.db);
      await sql`DROP SCHEMA IF EXISTS ${sql.id(this.home)} CASCADE`.execute(this.db);
    } finally {
      await this.db.destroy();
    }
  }

  private modelOf(name: string): { definition: ProjectionDefinition; schema: string } {
    const model = this.definitions.get(name);
    if (!model) throw new Error(`read model ${name} is not part of this replay`);
    return model;
  }

  private inScratch<T>(work: (trx: SqlConnection) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      // The home schema's name is [a-z0-9_] only: quoting it is enough.
      await sql`SELECT set_config('search_path', ${`"${this.home}"`}, true)`.execute(trx);
      return work(trx);
    });
  }
}

export const openReadModelReplay = (options: ReadModelReplayOptions): Promise<ReadModelReplay> => ReadModelReplay.open(options);

const toRecordedEvent = (e: ReplayEvent): RecordedEvent => ({
  ...e,
  metadata: (e.metadata ?? {}) as Record<string, unknown>,
  recordedAt: e.recordedAt instanceof Date ? e.recordedAt : new Date(e.recordedAt),
});

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(scratch database)';
  }
}
