import type { ColumnType, Generated } from 'kysely';
import type { EventStoreTables, LeasedSession } from '@factledger/event-store';
import type { ProjectionState } from './projection-definition';

/** One row per read-model version: where it is in the log and who runs it. */
export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  /** xid8: read as text (`::text`), written as text cast to xid8. */
  transaction_id: ColumnType<string, string | undefined, string>;
  position: ColumnType<string, string | undefined, string>;
  state: ColumnType<ProjectionState, ProjectionState | undefined, ProjectionState>;
  error: string | null;
  owner: string | null;
  updated_at: Generated<Date>;
  events_applied: ColumnType<string, string | undefined, string>;
}

/** The active version of each read model: what readers resolve `rm_<name>_v<N>` from. */
export interface ProjectionRegistryTable {
  name: string;
  active_version: number;
  switched_at: Generated<Date>;
}

export interface ProjectionTables {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_registry: ProjectionRegistryTable;
}

/** What the engine queries: its own tables, and the log through the store's functions. */
export type EngineDb = ProjectionTables & EventStoreTables;

/** The session's connection, typed with the engine's tables too. */
export const engineDb = (session: LeasedSession) => session.db.withTables<{ [K in keyof ProjectionTables]: ProjectionTables[K] }>();
