import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The event store is the only door to the log: no SQL outside libs/event-store
 * names the `events` table. Subscribers, history, status and ingestion ask the
 * store's port functions instead (readAllAfter, countEventsAfter, lagAfter, …).
 */
const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['apps', 'libs', 'seeds', 'tools', 'scripts'];
/** Where naming the table is the point: the store itself, and test support that checks the store from outside. */
const ALLOWED = [
  /^libs\/event-store\//,
  /\.spec\.ts$/,
  /\/testing\//, // test fixtures and harnesses: independent oracles of what the store holds
  /^libs\/audit\/application\/src\/verify\//, // the verifier reads over HTTP; its words "events" are JSON fields
];
/** SQL that reads or writes the table: a keyword, then `events` (optionally schema-qualified or quoted), or the query builder. */
const NAMES_EVENTS =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\s+(?:public\.)?"?events"?(?![\w.])|\b(?:selectFrom|insertInto|updateTable|deleteFrom)\(\s*['"]events['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.startsWith('dist')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.(ts|cjs|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const offenders = (files: string[]) =>
  files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (NAMES_EVENTS.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('the event store is the only door to the log', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));

  it('recognises SQL that names the events table, and not the word in prose or other tables', () => {
    for (const sql of [
      'SELECT 1 FROM events WHERE',
      'FROM events e LEFT JOIN',
      'JOIN public.events ON',
      'INSERT INTO "events" (',
      "db.selectFrom('events')",
    ]) {
      expect(NAMES_EVENTS.test(sql)).toBe(true);
    }
    for (const text of ['derived from events', 'FROM events_archive', 'FROM audit_events', "unit: 'events'", 'FROM events.json']) {
      expect(NAMES_EVENTS.test(text)).toBe(false);
    }
  });

  it('finds the store itself reading the table (the scan sees the sources)', () => {
    expect(offenders(files.filter((f) => relative(ROOT, f).startsWith('libs/event-store/src/events.repository'))).length).toBeGreaterThan(0);
  });

  it('finds no SQL on the events table outside libs/event-store', () => {
    const outside = files.filter((f) => !ALLOWED.some((rule) => rule.test(relative(ROOT, f).split('\\').join('/'))));
    expect(offenders(outside)).toEqual([]);
  });
});
