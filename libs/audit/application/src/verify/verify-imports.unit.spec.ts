import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The verifier must not share code with the server it checks: a bug in the
 * server's canonical JSON, leaf format, Merkle code or checkpoint layout
 * would otherwise be made identically on both sides and pass. So its code
 * imports only Node built-ins and its own files — nothing from
 * @factledger/*, not even types (the wire shapes it accepts are its own
 * definitions, in api-responses.ts, leaf-format.ts, checkpoint-signature.ts),
 * and no npm package.
 *
 * The one seam to server code is --replay, which must run the worker's
 * projection code: apps/cli passes it in as an `OpenReplay` function
 * (read-model-replayer.ts declares only its shape), so nothing here imports it.
 * The specs (*.spec.ts) may use the server's code: that is how they
 * cross-check the two implementations.
 */
describe('verify CLI independence', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sources(path.join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
          ? [path.join(dir, entry.name)]
          : [],
    );
  const files = sources(__dirname).map((f) => path.relative(__dirname, f));

  const specifiers = (source: string): string[] =>
    [
      ...source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g), // import … from 'x', import 'x', import('x'), export … from 'x'
      ...source.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]/g),
    ].map((m) => m[1]!);

  it('finds the verifier sources', () => {
    expect(files).toEqual(expect.arrayContaining(['ledger-verifier.ts', 'jcs.ts', 'merkle.ts', 'leaf-format.ts', 'checkpoint-signature.ts']));
  });

  it.each(files)('%s imports only node:* and ./ files of the verifier', (file) => {
    const source = readFileSync(path.join(__dirname, file), 'utf8');
    const foreign = specifiers(source).filter((s) => !s.startsWith('node:') && !/^\.\/[\w.-]+(\/[\w.-]+)*$/.test(s));
    expect(foreign).toEqual([]);
  });

  it('catches every import form (the check itself)', () => {
    const sample = [
      "import { a } from '@factledger/audit-domain';",
      "import type { B } from '@factledger/event-store';",
      "export { c } from '../sealer/sealer';",
      "const d = await import('pg');",
      'const e = require("kysely");',
      "import 'reflect-metadata';",
    ].join('\n');
    expect(specifiers(sample)).toEqual([
      '@factledger/audit-domain',
      '@factledger/event-store',
      '../sealer/sealer',
      'pg',
      'reflect-metadata',
      'kysely',
    ]);
  });
});
