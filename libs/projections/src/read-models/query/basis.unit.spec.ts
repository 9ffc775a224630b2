import { parseAsOf, resolveAlgorithmVersion, resolveValidAt } from './basis';
import { continueFrom, CursorKeys, encodeCursor } from './page-cursor';

const FIGURE_KEYS = [CursorKeys.slug, CursorKeys.uuid];
const F1 = '00000000-0000-4000-8000-000000000001';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('query basis', () => {
  it('reads asOf as a position, or a timestamp with a zone; refuses the future and ambiguity', () => {
    expect(parseAsOf(undefined, NOW)).toEqual({ kind: 'head' });
    expect(parseAsOf('0', NOW)).toEqual({ kind: 'position', position: '0' });
    expect(parseAsOf('9223372036854775807', NOW)).toEqual({ kind: 'position', position: '9223372036854775807' });
    expect(parseAsOf('2024-10-28T12:00:00+02:00', NOW)).toEqual({ kind: 'time', at: '2024-10-28T10:00:00.000Z' });
    expect(() => parseAsOf('2026-11-22T10:00:01Z', NOW)).toThrow(expect.objectContaining({ code: 'query.as_of_in_future', kind: 'invalid' }));
    for (const bad of ['2024-10-28', '2024-10-28T12:00:00', '9223372036854775808', '99999999999999999999', '01', 'yesterday']) {
      expect(() => parseAsOf(bad, NOW)).toThrow(expect.objectContaining({ code: 'query.as_of_invalid' }));
    }
  });

  it('refuses impossible times instead of rolling them over, and years PostgreSQL cannot store', () => {
    const reason = (raw: string) => {
      try {
        parseAsOf(raw, NOW);
      } catch (e) {
        return (e as { details: { field: string; reason: string } }).details;
      }
      throw new Error(`${raw} was accepted`);
    };
    expect(reason('2023-02-29T00:00:00Z')).toEqual({ field: 'asOf', reason: 'is not a real date: 2023-02-29 does not exist' });
    expect(reason('2024-04-31T00:00:00Z').reason).toContain('2024-04-31 does not exist');
    expect(reason('2024-10-28T24:00:00Z').reason).toContain('not a real time of day');
    expect(reason('2024-13-01T00:00:00Z').reason).toContain('month 13');
    expect(reason('0000-01-01T00:00:00Z').reason).toContain('years 0001 to 9999');
    expect(reason('0001-01-01T00:00:00+01:00').reason).toContain('years 0001 to 9999');
    expect(reason('2024-10-28T12:00:00+16:00').reason).toContain('offset');
    expect(parseAsOf('2024-02-29T00:00:00Z', NOW)).toEqual({ kind: 'time', at: '2024-02-29T00:00:00.000Z' });
    expect(parseAsOf('0001-01-01T00:00:00Z', NOW)).toEqual({ kind: 'time', at: '0001-01-01T00:00:00.000Z' });
  });

  it('defaults validAt to today (UTC) and refuses dates after it', () => {
    expect(resolveValidAt(undefined, NOW)).toBe('2026-11-22');
    expect(resolveValidAt('2024-02-29', NOW)).toBe('2024-02-29');
    expect(() => resolveValidAt('2026-11-23', NOW)).toThrow(expect.objectContaining({ code: 'query.valid_at_in_future' }));
    expect(() => resolveValidAt('2023-02-29', NOW)).toThrow(expect.objectContaining({ code: 'query.valid_at_invalid' }));
  });

  it('computes the algorithm version asked for, the latest by default, and refuses one it does not have', () => {
    expect([undefined, 1, 2].map(resolveAlgorithmVersion)).toEqual([2, 1, 2]);
    for (const version of [0, 3, 1.5])
      expect(() => resolveAlgorithmVersion(version)).toThrow(expect.objectContaining({ code: 'query.algorithm_version_unavailable' }));
  });

  it('carries the first page basis in the cursor, and refuses one that contradicts the request', () => {
    const cursor = encodeCursor({ position: '42', recordedAt: null, validAt: '2024-10-28', algorithmVersion: 1 }, ['nl-mivd', F1]);
    expect(continueFrom({ minPosition: '7' }, cursor, FIGURE_KEYS)).toEqual({
      request: { minPosition: '7', asOf: '42', validAt: '2024-10-28' },
      after: ['nl-mivd', F1],
    });
    expect(continueFrom({ asOf: '42', validAt: '2024-10-28' }, cursor, FIGURE_KEYS).after).toEqual(['nl-mivd', F1]);
    expect(() => continueFrom({ asOf: '41' }, cursor, FIGURE_KEYS)).toThrow(expect.objectContaining({ code: 'query.cursor_basis_mismatch' }));
    expect(() => continueFrom({}, cursor, [CursorKeys.slug])).toThrow(expect.objectContaining({ code: 'query.cursor_invalid' }));
    expect(() => continueFrom({}, 'bm9wZQ', FIGURE_KEYS)).toThrow(expect.objectContaining({ code: 'query.cursor_invalid' }));
  });

  it('refuses a cursor whose keys have the wrong shape for the list, before they reach SQL', () => {
    const forge = (p: unknown, v: unknown, k: unknown) => Buffer.from(JSON.stringify({ p, v, k })).toString('base64url');
    for (const [keys, k] of [
      [FIGURE_KEYS, ['a', 'not-a-uuid']],
      [FIGURE_KEYS, ['\u0000', F1]],
      [[CursorKeys.metricKey], ['\u0000']],
      [[CursorKeys.metricKey], ['12']], // a report's key on the metric list
      [[CursorKeys.seq], ['9223372036854775808']],
      [[CursorKeys.seq], ['x']],
    ] as const) {
      expect(() => continueFrom({}, forge('42', '2024-10-28', k), keys)).toThrow(
        expect.objectContaining({ code: 'query.cursor_invalid', details: expect.objectContaining({ field: 'cursor' }) }),
      );
    }
    expect(() => continueFrom({}, forge('9223372036854775808', '2024-10-28', ['12']), [CursorKeys.seq])).toThrow(
      expect.objectContaining({ code: 'query.cursor_invalid' }),
    );
    expect(() => continueFrom({}, forge('42', '2023-02-29', ['12']), [CursorKeys.seq])).toThrow(
      expect.objectContaining({ code: 'query.cursor_invalid' }),
    );
    expect(continueFrom({}, forge('42', '2024-10-28', ['12']), [CursorKeys.seq]).after).toEqual(['12']);
  });
});
