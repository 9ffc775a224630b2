import { createDatabase, eraseSubject, SUBJECT_ID, SYSTEM_PRINCIPALS, type AppConfig, type ErasureTables } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';
import { EXIT, type CliIo } from '../cli-io';

/**
 * `factledger erase-subject <id>`: the erasure `POST /v1/subjects/{id}/erasure`
 * does, by database access as the application role (actor `system:cli`):
 * shreds the subject's data key and records subject.erased.v1 in one transaction.
 */
export async function eraseSubjectCommand(
  subject: string,
  o: { reason?: string },
  config: AppConfig,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
): Promise<number> {
  if (!SUBJECT_ID.test(subject)) {
    io.stderr(`erase-subject: ${JSON.stringify(subject)} is not a subject id (a stream id such as source-<sourceId>)\n`);
    return EXIT.usage;
  }
  const database = createDatabase<ErasureTables>(config.databaseUrl, { max: 1, applicationName: 'factledger-erase-subject' });
  try {
    const metadata = { actor: SYSTEM_PRINCIPALS.cli, reason: o.reason ?? 'erase-subject (CLI)' };
    const result = await eraseSubject(database.db, subject, metadata, new Date().toISOString());
    io.stdout(
      result.changed
        ? `erased ${subject} at ${result.erasedAt}: data key shredded, subject.erased.v1 at position ${result.position}\n`
        : `${subject} was erased already (at ${result.erasedAt}); nothing new recorded\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    io.stderr(`erase-subject: ${error.message}\n`);
    return EXIT.failure;
  } finally {
    await database.close();
  }
}
