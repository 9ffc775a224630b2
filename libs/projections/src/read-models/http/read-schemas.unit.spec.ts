import fc from 'fast-check';
import { isCalendarDate } from '@factledger/ledger-domain';
import { isPosition, MAX_POSITION } from '@factledger/shared';
import { asOfProblem } from '../query/basis';
import { CALENDAR_DATE_PATTERN, POSITION_PATTERN, readQuery } from './read-schemas';

// The read query's patterns are exact: what they accept the query layer accepts too (else a schema-valid request would be refused later).
const AS_OF = new RegExp(readQuery.asOf.pattern!);

describe('read query patterns', () => {
  it('accept only what asOfProblem accepts', () => {
    fc.assert(
      fc.property(fc.stringMatching(AS_OF), (v) => asOfProblem(v) === null),
      { numRuns: 3000 },
    );
    for (const v of [
      '0',
      '1234',
      '2024-10-29T12:00:00Z',
      '2024-02-29T00:00:00.123456789+15:59',
      '0001-01-01T00:00Z',
      '9999-12-31T23:59:59Z',
      MAX_POSITION.toString(),
    ])
      expect(AS_OF.test(v)).toBe(true);
    for (const v of [
      '',
      '01',
      '9223372036854775808',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+01:00',
      '2023-02-29T00:00:00Z',
      '2024-10-28T24:00:00Z',
      '2024-10-28T12:00:00+16:00',
      '2024-10-28',
    ])
      expect(AS_OF.test(v)).toBe(false);
  });

  it('accept only real calendar dates and positions 1 … 2^63−1', () => {
    const date = new RegExp(CALENDAR_DATE_PATTERN);
    const position = new RegExp(POSITION_PATTERN);
    fc.assert(
      fc.property(fc.stringMatching(date), (v) => isCalendarDate(v)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(position), (v) => isPosition(v)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_POSITION * 2n }), (n) => position.test(n.toString()) === isPosition(n.toString())),
      { numRuns: 3000 },
    );
    for (const v of ['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) expect(date.test(v)).toBe(true);
    for (const v of ['2023-02-29', '1900-02-29', '0000-01-01', '2024-04-31', '2024-13-01']) expect(date.test(v)).toBe(false);
  });
});
