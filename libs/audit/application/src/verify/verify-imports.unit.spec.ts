import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The verifier must not share code paths with the server it checks: only
 * Node built-ins, the pure audit domain, and its own files.
 */
describe('verify CLI independence', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(files)('%s imports only node:*, @factledger/audit-domain and ./verify files', (file) => {
    const source = readFileSync(path.join(__dirname, file), 'utf8');
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
    const foreign = imports.filter((i) => !i.startsWith('node:') && i !== '@factledger/audit-domain' && !/^\.\/[\w.-]+$/.test(i));
    expect(foreign).toEqual([]);
  });
});
