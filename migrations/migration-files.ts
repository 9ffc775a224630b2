import * as fs from 'node:fs';

/** A timestamped migration: TypeScript in the sources, JavaScript in the build (dist/). */
export const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.(ts|js)$/;

/** The migration files beside this one, oldest first. */
export const migrationFiles = (): string[] =>
  fs
    .readdirSync(__dirname)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();

/** The migrations this code knows, oldest first (what its schema_migrations should hold). */
export const knownMigrations = (): string[] => migrationFiles().map((file) => file.replace(/\.(ts|js)$/, ''));
