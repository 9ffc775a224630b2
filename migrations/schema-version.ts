import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { knownMigrations } from './migration-files';

/** The database was migrated by a newer version of factledger than this process's code. */
export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

export interface SchemaVersion {
  /** The newest migration this code knows. */
  codeVersion: string;
  /** The newest migration applied to the database (null: none). */
  schemaVersion: string | null;
  /** Applied migrations this code does not know (a newer version applied them). */
  unknown: string[];
  /** Migrations this code knows that are not applied yet. */
  pending: string[];
}

/** Compares the migrations applied to the database with those this code knows. */
export async function readSchemaVersion(db: Kysely<any>, known: string[] = knownMigrations()): Promise<SchemaVersion> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(db)).rows.map((r) => r.name);
  } catch (e) {
    // No table yet (never migrated), or a schema from before the roles could read it (20261206071900): both older than this code.
    const code = (e as { code?: string }).code;
    if (code !== '42P01' && code !== '42501') throw e;
    applied = [];
  }
  const knownSet = new Set(known);
  const appliedSet = new Set(applied);
  return {
    codeVersion: known.at(-1)!,
    schemaVersion: applied.at(-1) ?? null,
    unknown: applied.filter((name) => !knownSet.has(name)),
    pending: known.filter((name) => !appliedSet.has(name)),
  };
}

/**
 * Refuses to start a process (API, worker) whose code is older than the
 * schema it finds: the newest applied migration is one this code does not
 * know, so the tables may have a shape its queries were never written for
 * (a contract step may have dropped what it reads). A schema behind the code
 * is only reported (`pending`): `factledger migrate` brings it forward, and
 * the expand/contract rule keeps old code working on the expanded schema.
 */
export async function assertSchemaNotNewer(db: Kysely<any>, known: string[] = knownMigrations()): Promise<SchemaVersion> {
  const version = await readSchemaVersion(db, known);
  if (version.unknown.length > 0) {
    throw new SchemaVersionError(
      `refusing to start: this code knows migrations up to ${version.codeVersion}, but the database schema is at ${version.schemaVersion} ` +
        `(applied by a newer factledger: ${version.unknown.join(', ')}). Run the newer version of factledger, or restore a schema this version knows`,
    );
  }
  return version;
}

/**
 * The start-up check of the API and the worker (their main.ts): refuses a
 * schema newer than the code (SchemaVersionError, naming both), reports one
 * behind it through `warn`. Its own short-lived connection, as DATABASE_URL.
 */
export async function checkSchemaOnStart(databaseUrl: string, warn: (message: string) => void): Promise<SchemaVersion> {
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'factledger-schema-check' }) }),
  });
  try {
    const version = await assertSchemaNotNewer(db);
    if (version.pending.length > 0) {
      warn(
        `the database schema (${version.schemaVersion ?? 'empty'}) is behind this code (${version.codeVersion}): ${version.pending.length} migration(s) pending; run \`factledger migrate\``,
      );
    }
    return version;
  } finally {
    await db.destroy();
  }
}
