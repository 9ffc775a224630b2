import type { ServedEvent } from './api-responses';

// The replay's only contact with server code: apps/cli passes the
// projections' replay (the worker's own setup/apply) in through this shape,
// so nothing under verify/ imports it.

export interface TableDigest {
  name: string;
  rows: number;
  digest: string;
}

export interface ModelDigest {
  algorithm: string;
  digest: string;
  tables: TableDigest[];
}

/** A table row as the digest hashes it; `key` is its primary key (null without one). */
export interface HashedRow {
  hash: string;
  key: Record<string, unknown> | null;
  row: Record<string, unknown>;
}

/** Fresh copies of some read models in a scratch database, fed events in log order. */
export interface ReplaySession {
  /** Where the replay runs, for messages. */
  readonly location: string;
  apply(name: string, events: readonly ServedEvent[]): Promise<void>;
  digest(name: string): Promise<ModelDigest>;
  /** A replayed table's rows in digest order (by hash), after `afterHash`. */
  rows(name: string, table: string, afterHash: string | null, limit: number): Promise<HashedRow[]>;
  /** Drops the scratch schemas. */
  close(): Promise<void>;
}

export interface OpenReplayOptions {
  /** null: the replay's default (DATABASE_URL). */
  scratchDb: string | null;
  models: readonly { name: string; version: number }[];
  /** The last event any model will be given. */
  lastEvent: { transactionId: string; position: string } | null;
}

export type OpenReplay = (options: OpenReplayOptions) => Promise<ReplaySession>;

/** The replay could not run (scratch database, code version, …): not a verdict on the ledger. */
export class ReplayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}
