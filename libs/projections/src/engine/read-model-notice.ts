import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { EngineDb } from './projection.tables';

/**
 * The channel on which a read model announces that what readers see of it
 * changed: its active version applied a batch, was switched or was reset.
 * Sent inside the transaction that makes the change, so it is delivered at
 * commit and never for a change that rolled back.
 */
export const READ_MODELS_CHANNEL = 'factledger_read_models';

export interface ReadModelNotice {
  projection: string;
  version: number;
  /** The version's checkpoint position after the change ("0" after a reset). */
  position: string;
  change: 'advance' | 'switch' | 'reset';
  /**
   * On an advance: the keys (for the figures model, metric keys) whose answers
   * the batch may have changed; everything else answers as before. Absent:
   * anything may have changed.
   */
  keys?: string[];
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; past this a notice names no keys (everything changed). */
export const NOTICE_MAX_BYTES = 7900;

/** The payload of an advance notice: with its keys while they fit, else without (invalidate everything). */
export function advanceNoticePayload(notice: Omit<ReadModelNotice, 'change'>): string {
  const { keys, ...rest } = notice;
  const whole = { ...rest, change: 'advance' as const };
  if (keys) {
    const scoped = JSON.stringify({ ...whole, keys });
    if (Buffer.byteLength(scoped) <= NOTICE_MAX_BYTES) return scoped;
  }
  return JSON.stringify(whole);
}

/** Announces an applied batch, in its transaction (delivered at commit). */
export async function announceAdvance(db: Kysely<EngineDb>, notice: Omit<ReadModelNotice, 'change'>): Promise<void> {
  await sql`SELECT pg_notify(${READ_MODELS_CHANNEL}, ${advanceNoticePayload(notice)})`.execute(db);
}

/** A pg_notify call for a statement's select list (small payload: name, version, position, change). */
export const readModelNoticeSql = (
  projection: RawBuilder<unknown> | string,
  version: RawBuilder<unknown> | number,
  position: RawBuilder<unknown> | string,
  change: ReadModelNotice['change'],
): RawBuilder<unknown> =>
  sql`pg_notify(${READ_MODELS_CHANNEL}, json_build_object('projection', ${projection}::text, 'version', ${version}::int, 'position', ${position}::text, 'change', ${change}::text)::text)`;

export function parseReadModelNotice(payload: string | undefined): ReadModelNotice | null {
  try {
    const notice = JSON.parse(payload ?? '') as Partial<ReadModelNotice>;
    if (typeof notice.projection !== 'string' || typeof notice.position !== 'string') return null;
    // Keys that are not a list of strings say nothing reliable: treat the notice as touching everything.
    if (notice.keys !== undefined && !(Array.isArray(notice.keys) && notice.keys.every((k) => typeof k === 'string'))) delete notice.keys;
    return notice as ReadModelNotice;
  } catch {
    return null;
  }
}
