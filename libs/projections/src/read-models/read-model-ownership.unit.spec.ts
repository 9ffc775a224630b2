import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOG_KINDS } from './catalog/catalog-rows';
import { FIGURES_TABLES } from './figures/figures.tables';

/**
 * A read model owns its tables: only the files of its folder
 * (libs/projections/src/read-models/<name>/) name them in SQL or query-builder
 * calls. Query code, the read API and other modules (ingestion) ask it
 * through the functions it exports (catalogSources, activeFiguresOf, …), so
 * a change of its layout stays inside the folder.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const READ_MODELS = 'libs/projections/src/read-models/';
const SCANNED = ['apps', 'libs', 'seeds', 'tools', 'scripts'];
/** Folder → the tables it owns (`shared/` owns every model's ledger cursor). */
const OWNERS: Readonly<Record<string, readonly string[]>> = {
  figures: FIGURES_TABLES,
  catalog: Object.values(CATALOG_KINDS).flatMap((kind) => [kind.table, kind.historyTable]),
  shared: ['cursor'],
};
/** Specs and test support may look at any table: they check the read models from outside. */
const EXEMPT = [/\.spec\.ts$/, /\/testing\//];

const quoted = (table: string) => `['"]${table}['"]`;
/**
 * Ways code names a read-model table: `sql.id(schema, 'table')`, a `[schema, 'table']` pair
 * (batch-rows helpers), a query-builder call, or SQL text qualified by a read-model schema.
 */
const namesTable = (table: string) =>
  new RegExp(
    [
      `sql\\.id\\([^'"\\n]*,\\s*${quoted(table)}\\s*\\)`,
      `\\[\\s*[\\w.]+\\s*,\\s*${quoted(table)}\\s*\\]`,
      `\\b(?:selectFrom|insertInto|updateTable|deleteFrom|createTable|alterTable|dropTable)\\(\\s*${quoted(table)}`,
      `\\brm_[a-z0-9_]+_v\\d+"?\\."?${table}\\b`,
    ].join('|'),
  );
const PATTERNS = Object.entries(OWNERS).flatMap(([owner, tables]) => tables.map((table) => ({ owner, table, pattern: namesTable(table) })));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.startsWith('dist')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.(ts|cjs|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** `read-models/figures/x.ts` → 'figures'; anything else → null. */
const folderOf = (path: string) => (path.startsWith(READ_MODELS) ? (path.slice(READ_MODELS.length).split('/')[0] ?? null) : null);

/** Every line of these files that names a table its folder does not own. */
function trespasses(paths: readonly string[], read: (path: string) => string = (path) => readFileSync(join(ROOT, path), 'utf8')): string[] {
  return paths.flatMap((path) => {
    const folder = folderOf(path);
    const owned = new Set(folder ? (OWNERS[folder] ?? []) : []);
    return read(path)
      .split('\n')
      .flatMap((line, i) =>
        PATTERNS.filter(({ table, pattern }) => !owned.has(table) && pattern.test(line)).map(
          ({ owner, table }) => `${path}:${i + 1}: names ${owner}'s ${table}: ${line.trim()}`,
        ),
      );
  });
}

describe('a read model owns its tables', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((f) => relative(ROOT, f).split('\\').join('/'));

  it('knows every table the figures model creates', () => {
    // Every *.tables.ts of the folder (the head-estimate rows keep their own file).
    const sources = readdirSync(join(__dirname, 'figures'))
      .filter((f) => f.endsWith('.tables.ts'))
      .map((f) => readFileSync(join(__dirname, 'figures', f), 'utf8'));
    const created = sources.flatMap((text) => [...text.matchAll(/CREATE (?:UNLOGGED )?TABLE \$\{t\('(\w+)'\)\}/g)].map((m) => m[1]));
    expect([...created].sort()).toEqual([...FIGURES_TABLES].sort());
  });

  it('recognises a table named in SQL or a query-builder call, and not its name in prose or other tables', () => {
    const figures = namesTable('figures_current');
    for (const code of [
      "sql.id(schema, 'figures_current')",
      "sql.id(schemas.get(FIGURES)!, 'figures_current')",
      "[schema, 'figures_current']",
      "db.withSchema(s).selectFrom('figures_current')",
      'FROM rm_figures_v4.figures_current c',
      'JOIN "rm_figures_v4"."figures_current"',
    ]) {
      expect(figures.test(code)).toBe(true);
    }
    for (const text of [
      'the figures_current row',
      "examples: ['figures_current']",
      "sql.id(schema, 'figures_current_old')",
      'FROM figures_current_archive',
    ]) {
      expect(figures.test(text)).toBe(false);
    }
  });

  it('flags a file outside the owner folder, and not the owner', () => {
    const source = "const { rows } = await sql`SELECT * FROM ${sql.id(schema, 'figure_versions')}`.execute(db);";
    const read = () => source;
    expect(trespasses(['libs/ingestion/src/worker/job-figures.ts', 'libs/projections/src/read-models/query/figures.query.ts'], read)).toHaveLength(2);
    expect(trespasses(['libs/projections/src/read-models/figures/figures.repository.ts'], read)).toEqual([]);
  });

  it('finds the owners naming their tables (the scan sees the sources)', () => {
    const owners = files.filter((f) => folderOf(f) === 'figures' || folderOf(f) === 'catalog');
    const named = owners.filter((f) => PATTERNS.some(({ pattern }) => pattern.test(readFileSync(join(ROOT, f), 'utf8'))));
    expect(named.length).toBeGreaterThan(2);
  });

  it('finds no read-model table named outside its folder', () => {
    expect(trespasses(files.filter((f) => !EXEMPT.some((rule) => rule.test(f))))).toEqual([]);
  });
});
