import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METRIC_PATTERNS } from '@factledger/extraction';
import { decodeMetricPattern, encodeMetricPattern } from './metric-patterns';

describe('metric patterns on the ledger', () => {
  it('round-trip every built-in extraction pattern', () => {
    for (const pattern of DEFAULT_METRIC_PATTERNS) {
      const unit = pattern.unit!.split('|')[0]!;
      expect(decodeMetricPattern({ key: pattern.key, unit, patterns: encodeMetricPattern(pattern, unit) })).toEqual({
        ...pattern,
        unit: pattern.unit,
      });
    }
  });

  it('skip invalid regexes, and a metric without sentence patterns is not extractable', () => {
    expect(decodeMetricPattern({ key: 'm', unit: 'troops', patterns: ['(', 'local:kursk'] })).toEqual({
      key: 'm',
      unit: 'troops',
      patterns: [],
      local: ['kursk'],
    });
    expect(decodeMetricPattern({ key: 'm', unit: 'troops', patterns: [] })).toBeNull();
  });

  it('the seeded metric catalog carries the built-in patterns', () => {
    const seeded = JSON.parse(readFileSync(join(__dirname, '../../../../seeds/metrics.json'), 'utf8')) as {
      key: string;
      unit: string;
      patterns: string[];
    }[];
    expect(seeded.map(decodeMetricPattern)).toEqual(DEFAULT_METRIC_PATTERNS);
  });
});
