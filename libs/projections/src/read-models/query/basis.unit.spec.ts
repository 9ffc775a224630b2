import { checkAlgorithmVersion, parseAsOf, resolveValidAt } from './basis';
import { continueFrom, encodeCursor } from './page-cursor';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('query basis', () => {
  it('reads asOf as a position, or a timestamp with a zone; refuses the future and ambiguity', () => {
    expect(parseAsOf(undefined, NOW)).toEqual({ kind: 'head' });
    expect(parseAsOf('0', NOW)).toEqual({ kind: 'position', position: '0' });
    expect(parseAsOf('9223372036854775807', NOW)).toEqual({ kind: 'position', position: '9223372036854775807' });
    expect(parseAsOf('2024-10-28T12:00:00+02:00', NOW)).toEqual({ kind: 'time', at: '2024-10-28T10:00:00.000Z' });
    expect(() => parseAsOf('2026-11-22T10:00:01Z', NOW)).toThrow(expect.objectContaining({ code: 'query.as_of_in_future', kind: 'invalid' }));
    for (const bad of ['2024-10-28', '2024-10-28T12:00:00', '9223372036854775808', '01', 'yesterday']) {
      expect(() => parseAsOf(bad, NOW)).toThrow(expect.objectContaining({ code: 'query.as_of_invalid' }));
    }
  });

  it('defaults validAt to today (UTC) and refuses dates after it', () => {
    expect(resolveValidAt(undefined, NOW)).toBe('2026-11-22');
    expect(resolveValidAt('2024-02-29', NOW)).toBe('2024-02-29');
    expect(() => resolveValidAt('2026-11-23', NOW)).toThrow(expect.objectContaining({ code: 'query.valid_at_in_future' }));
    expect(() => resolveValidAt('2023-02-29', NOW)).toThrow(expect.objectContaining({ code: 'query.valid_at_invalid' }));
  });

  it('accepts only the algorithm version it computes', () => {
    expect(() => checkAlgorithmVersion(undefined)).not.toThrow();
    expect(() => checkAlgorithmVersion(1)).not.toThrow();
    expect(() => checkAlgorithmVersion(2)).toThrow(expect.objectContaining({ code: 'query.algorithm_version_unavailable' }));
  });

  it('carries the first page basis in the cursor, and refuses one that contradicts the request', () => {
    const cursor = encodeCursor({ position: '42', recordedAt: null, validAt: '2024-10-28', algorithmVersion: 1 }, ['nl-mivd', 'f-1']);
    expect(continueFrom({ minPosition: '7' }, cursor, 2)).toEqual({ request: { minPosition: '7', asOf: '42', validAt: '2024-10-28' }, after: ['nl-mivd', 'f-1'] });
    expect(continueFrom({ asOf: '42', validAt: '2024-10-28' }, cursor, 2).after).toEqual(['nl-mivd', 'f-1']);
    expect(() => continueFrom({ asOf: '41' }, cursor, 2)).toThrow(expect.objectContaining({ code: 'query.cursor_basis_mismatch' }));
    expect(() => continueFrom({}, cursor, 1)).toThrow(expect.objectContaining({ code: 'query.cursor_invalid' }));
    expect(() => continueFrom({}, 'bm9wZQ', 2)).toThrow(expect.objectContaining({ code: 'query.cursor_invalid' }));
  });
});
