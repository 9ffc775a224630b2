import type { Kysely } from 'kysely';
import { newDataKey } from './personal-token';
import { KeyRing } from './key-ring';

/**
 * One row per subject whose personal data the ledger holds encrypted
 * (migration 20261207101500_subject_keys). Not part of the sealed log: an
 * erasure sets `data_key` to null, so every backup taken afterwards lacks it.
 * The row stays as a tombstone (no personal data: the subject is a stream id),
 * so a later write cannot quietly give the subject a new key.
 */
export interface SubjectKeysTable {
  subject: string;
  data_key: Buffer | null;
  created_at: Date;
  erased_at: Date | null;
  erased_by: string | null;
}

export interface SubjectTables {
  subject_keys: SubjectKeysTable;
}

export interface SubjectKeyState {
  subject: string;
  erasedAt: string | null;
  erasedBy: string | null;
}

/** The subject_keys table: the only code that touches it. */
export class SubjectKeys {
  constructor(private readonly db: Kysely<SubjectTables>) {}

  /** The keys (or tombstones) of these subjects, for a synchronous seal/reveal. */
  async ring(subjects: Iterable<string>): Promise<KeyRing> {
    const wanted = [...new Set(subjects)];
    if (wanted.length === 0) return new KeyRing(new Map());
    const rows = await this.db.selectFrom('subject_keys').select(['subject', 'data_key']).where('subject', 'in', wanted).execute();
    return new KeyRing(new Map(rows.map((r) => [r.subject, r.data_key ?? 'erased'])));
  }

  /** Gives the subject a data key unless it has one (or was erased: the tombstone stays). */
  async ensure(subject: string): Promise<void> {
    await this.db
      .insertInto('subject_keys')
      .values({ subject, data_key: newDataKey(), created_at: new Date(), erased_at: null, erased_by: null })
      .onConflict((oc) => oc.column('subject').doNothing())
      .execute();
  }

  async find(subject: string): Promise<SubjectKeyState | undefined> {
    const row = await this.db
      .selectFrom('subject_keys')
      .select(['subject', 'erased_at', 'erased_by'])
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row && { subject: row.subject, erasedAt: row.erased_at?.toISOString() ?? null, erasedBy: row.erased_by };
  }
}

/**
 * In the erasure's transaction: locks the subject's row and shreds its key.
 * Answers the key it held (to find the copies of its data first); 'already':
 * an earlier erasure shredded it; 'unknown': no key was ever made.
 */
export async function lockSubjectKey(trx: Kysely<SubjectTables>, subject: string): Promise<Buffer | 'already' | 'unknown'> {
  const row = await trx.selectFrom('subject_keys').select(['data_key']).where('subject', '=', subject).forUpdate().executeTakeFirst();
  return !row ? 'unknown' : (row.data_key ?? 'already');
}

export async function shredSubjectKey(trx: Kysely<SubjectTables>, subject: string, erasedBy: string): Promise<void> {
  await trx.updateTable('subject_keys').set({ data_key: null, erased_at: new Date(), erased_by: erasedBy }).where('subject', '=', subject).execute();
}
