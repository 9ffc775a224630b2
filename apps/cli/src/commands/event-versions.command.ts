import { sql } from 'kysely';
import { eventWriteVersions, SWITCHABLE_EVENT_TYPES, type EventWriteVersionsTables } from '@factledger/ledger';
import { createDatabase, type AppConfig } from '@factledger/platform';
import { EXIT } from '../cli-io';
import type { CommandIo } from './backup.command';

/** As the schema's owner: the application role may only read the switch. */
const ownerDatabase = (config: AppConfig) =>
  createDatabase<EventWriteVersionsTables>(config.migrationDatabaseUrl ?? config.databaseUrl, {
    max: 1,
    applicationName: 'factledger-event-versions',
  });

/** The factledger processes connected to the database now (the owner may see them: pg_read_all_stats). */
async function connectedProcesses(db: ReturnType<typeof ownerDatabase>['db']): Promise<string[]> {
  const { rows } = await sql<{ name: string; n: string }>`
    SELECT application_name AS name, count(*)::text AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name LIKE 'factledger%' AND pid <> pg_backend_pid()
     GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.map((r) => `${r.name} (${r.n} connections)`);
}

/** `factledger event-versions`: which version of each evolving event type the ledger writes. */
export async function eventVersionsCommand(config: AppConfig, io: CommandIo): Promise<number> {
  const database = ownerDatabase(config);
  try {
    for (const row of await eventWriteVersions(database.db))
      io.stdout(
        `${row.eventType}: writes version ${row.version} (since ${row.changedAt.toISOString()}); this code can write ${SWITCHABLE_EVENT_TYPES[row.eventType]?.join(', ') ?? 'none'}\n`,
      );
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/**
 * `factledger event-versions set <type> <version>`: the contract step of an
 * event's change (README "Operations → Upgrading"). Run it only when every
 * process runs a release that reads the new version: one that does not would
 * stop its read models on the first such event (or, before this release, skip it).
 */
export async function setEventVersionCommand(eventType: string, version: number, config: AppConfig, io: CommandIo): Promise<number> {
  const writable = SWITCHABLE_EVENT_TYPES[eventType];
  if (!writable) {
    io.stderr(
      `event-versions: ${eventType} is not an event type whose version can be switched (known: ${Object.keys(SWITCHABLE_EVENT_TYPES).join(', ')})\n`,
    );
    return EXIT.usage;
  }
  if (!writable.includes(version)) {
    io.stderr(`event-versions: this factledger writes ${eventType} as version ${writable.join(' or ')}, not ${version}\n`);
    return EXIT.usage;
  }
  const database = ownerDatabase(config);
  try {
    const before = (await eventWriteVersions(database.db)).find((r) => r.eventType === eventType);
    if (!before) {
      io.stderr(`event-versions: the database has no switch for ${eventType}: run factledger migrate first\n`);
      return EXIT.failure;
    }
    await database.db.updateTable('event_write_versions').set({ version, changed_at: new Date() }).where('event_type', '=', eventType).execute();
    io.stdout(`${eventType}: writes version ${version} (was ${before.version}); every process applies it from its next write\n`);
    io.stdout(
      `connected now: ${(await connectedProcesses(database.db)).join(', ') || 'no factledger process'} — each must run a release that reads ${eventType}.v${version}\n`,
    );
    if (version < before.version)
      io.stdout(`note: events already written as ${eventType}.v${before.version} stay; a release that cannot read them still cannot run\n`);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
