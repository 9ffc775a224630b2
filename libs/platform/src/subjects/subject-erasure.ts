import { handleCommand, PostgresEventStore, type EventStoreTables } from '@factledger/event-store';
import { notFound, type EventMetadata } from '@factledger/shared';
import { sql, type Kysely } from 'kysely';
import { ApiKeysRepository, type AuthTables } from '../auth/api-keys.repository';
import { sliceOf, type PlatformTables } from '../database/platform.tables';
import { subjectDecider, SubjectErrorCodes, subjectStreamId } from '../domain/subject';
import { KeyRing, subjectsIn } from './key-ring';
import { ERASED_MARKER, isPersonalToken } from './personal-token';
import { lockSubjectKey, shredSubjectKey, type SubjectTables } from './subject-keys.repository';

export type ErasureTables = SubjectTables & PlatformTables & AuthTables & EventStoreTables;

/** A principal as a subject: the name of an API key's holder, kept in `api_keys` only (never in events). */
const PRINCIPAL_SUBJECT = /^principal-([0-9a-f]{16})$/;

export interface ErasureResult {
  subject: string;
  /** When the subject was erased (by this call, or by the earlier one it repeats). */
  erasedAt: string;
  /** Position of the `subject.erased.v1` event (of the earlier one when it repeats). */
  position: string | null;
  /** False: it was erased already; nothing new was recorded. */
  changed: boolean;
}

/**
 * Erases a subject in one transaction: shreds its data key (for
 * `principal-<keyId>`: replaces the key holder's name in `api_keys`), records
 * `subject.erased.v1` (stream `subject-<subject>`, through the command path on
 * the same transaction) and drops the stored answers of Idempotency-Key
 * writes that show one of its values — the one place that kept a decrypted
 * copy (a write answers the state it made). Read models keep only tokens,
 * so nothing else changes: every reader now shows ERASED_MARKER. All of it
 * happens, or none.
 */
export async function eraseSubject(db: Kysely<ErasureTables>, subject: string, metadata: EventMetadata, now: string): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    const keys = sliceOf<ErasureTables>(trx).as<SubjectTables>();
    const key = await lockSubjectKey(keys, subject);
    if (key === 'unknown' && !(await erasePrincipalName(trx, subject))) {
      throw notFound(
        SubjectErrorCodes.notFound,
        `No personal data is held for subject ${subject} (no data key was ever made for it, and it is no API key's holder)`,
        { subject },
      );
    }
    const store = new PostgresEventStore(sliceOf<ErasureTables>(trx).as<EventStoreTables>(), undefined, { groupCommit: false });
    if (key instanceof Buffer) {
      const values = await personalValues(store, subject, key);
      await shredSubjectKey(keys, subject, metadata.actor);
      for (const value of values) {
        await trx
          .deleteFrom('idempotency_keys')
          .where(sql<boolean>`jsonb_path_exists(response_body, 'strict $.** ? (@ == $v)', jsonb_build_object('v', ${value}::text))`)
          .execute();
      }
    }
    const result = await handleCommand(store, subjectStreamId(subject), subjectDecider, { type: 'EraseSubject', subject, now }, { metadata });
    if (result.state.status !== 'erased') throw new Error(`subject ${subject} is not erased after its erasure`);
    return { subject, erasedAt: result.state.erasedAt, position: result.streamPosition, changed: result.events.length > 0 };
  });
}

/** The subject's personal values as its stream holds them (its subject id is its stream id). */
async function personalValues(store: PostgresEventStore, subject: string, key: Buffer): Promise<Set<string>> {
  const ring = new KeyRing(new Map([[subject, key]]));
  const values = new Set<string>();
  const collect = (value: unknown): void => {
    if (isPersonalToken(value)) {
      const text = ring.reveal(value);
      if (subjectsIn(value).has(subject) && text !== ERASED_MARKER) values.add(text);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const event of await store.readStream(subject)) collect(event.data);
  return values;
}

async function erasePrincipalName(trx: Kysely<ErasureTables>, subject: string): Promise<boolean> {
  const keyId = PRINCIPAL_SUBJECT.exec(subject)?.[1];
  return keyId !== undefined && new ApiKeysRepository(sliceOf<ErasureTables>(trx).as<AuthTables>()).eraseName(keyId, ERASED_MARKER);
}
