import type { ColumnType, Generated } from 'kysely';

/** A column written once by the database and never updated. */
type Immutable<T> = ColumnType<T, never, never>;
/** A column written on insert and never updated. */
type Insertable<T> = ColumnType<T, T, never>;
type InsertableWithDefault<T> = ColumnType<T, T | undefined, never>;

export interface StreamsTable {
  stream_id: string;
  stream_type: string;
  version: ColumnType<string, string | number, string | number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Event rows are typed non-updatable; a trigger refuses UPDATE/DELETE/TRUNCATE too. */
export interface EventsTable {
  position: Immutable<string>;
  transaction_id: Immutable<string>;
  stream_id: Insertable<string>;
  stream_version: Insertable<string>;
  event_id: Insertable<string>;
  event_type: Insertable<string>;
  schema_version: InsertableWithDefault<number>;
  data: Insertable<unknown>;
  metadata: InsertableWithDefault<unknown>;
  recorded_at: Immutable<Date>;
}

export interface EventStoreTables {
  streams: StreamsTable;
  events: EventsTable;
}
