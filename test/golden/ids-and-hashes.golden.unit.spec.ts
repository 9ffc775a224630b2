import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeGolden, type GoldenOutputs } from './golden-outputs';

/**
 * Ids and hashes that must never move: audit leaf bytes, ingestion job ids,
 * report/figure/event ids derived from a payload, idempotency request hashes,
 * deterministic event ids, and how CSV text parses. The fixture was recorded
 * with the hand-written canonical JSON writers and CSV parser before they were
 * replaced by libraries; the replacements must reproduce every value.
 */
describe('golden ids and hashes', () => {
  const recorded = JSON.parse(readFileSync(join(__dirname, 'ids-and-hashes.golden.json'), 'utf8')) as GoldenOutputs;
  const now = computeGolden();

  it.each(Object.keys(recorded) as (keyof GoldenOutputs)[])('%s are byte-identical to the recorded ones', (kind) => {
    expect(recorded[kind].length).toBeGreaterThan(100);
    const differing = now[kind].map((v, i) => ({ i, v })).filter(({ v, i }) => JSON.stringify(v) !== JSON.stringify(recorded[kind][i]));
    expect(differing.slice(0, 5)).toEqual([]);
    expect(now[kind]).toEqual(recorded[kind]);
  });
});
