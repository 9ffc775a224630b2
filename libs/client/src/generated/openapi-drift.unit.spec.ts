import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
// The generator itself, so the spec and `npm run client:generate` cannot disagree.
import { DOCUMENT, GENERATED, generate } from '../../../../tools/generate-client.cjs';

describe('the typed client (libs/client/src/generated/openapi.ts)', () => {
  it('is what openapi-typescript generates from the committed docs/openapi.json (npm run client:generate mends a drift)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generate(DOCUMENT));
  });

  it('would notice a change of the document', () => {
    const changed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    changed.paths['/v1/metrics'].get.summary = 'a summary the committed types do not carry';
    const dir = mkdtempSync(path.join(tmpdir(), 'client-drift-'));
    try {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(changed));
      expect(generate(file)).toContain('a summary the committed types do not carry');
      expect(readFileSync(GENERATED, 'utf8')).not.toContain('a summary the committed types do not carry');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
