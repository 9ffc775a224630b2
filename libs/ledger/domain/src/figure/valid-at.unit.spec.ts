import { isDomainError } from '@factledger/shared';
import { LedgerErrorCodes as E } from '../errors';
import { NOW } from '../testing/scenario';
import { assertValidAtNotInFuture, parseValidAt } from './valid-at';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, field: error.details.field };
    throw error;
  }
  return null;
};

describe('validAt', () => {
  it('defaults to day precision', () => {
    expect(parseValidAt({ date: '2024-10-25' })).toStrictEqual({ date: '2024-10-25', precision: 'day' });
  });

  it('accepts a month as its first day and a year as 1 January', () => {
    expect(parseValidAt({ date: '2024-10-01', precision: 'month' })).toStrictEqual({ date: '2024-10-01', precision: 'month' });
    expect(parseValidAt({ date: '2024-01-01', precision: 'year' })).toStrictEqual({ date: '2024-01-01', precision: 'year' });
  });

  it.each([
    ['validAt.date', { date: '2024-10-25', precision: 'month' }],
    ['validAt.date', { date: '2024-10-01', precision: 'year' }],
    ['validAt.date', { date: '2024-02-30' }],
    ['validAt.date', { date: '2023-02-29' }],
    ['validAt.date', { date: '25 Oct 2024' }],
    ['validAt.precision', { date: '2024-10-25', precision: 'week' }],
    ['validAt', '2024-10-25'],
  ])('rejects with figure.valid_at_invalid naming %s: %j', (field, input) => {
    expect(codeOf(() => parseValidAt(input))).toEqual({ code: E.figureValidAtInvalid, field });
  });

  it('accepts a leap day', () => {
    expect(parseValidAt({ date: '2024-02-29' }).date).toBe('2024-02-29');
  });

  it("refuses dates after now's UTC date, accepts today", () => {
    expect(codeOf(() => assertValidAtNotInFuture({ date: '2024-11-01', precision: 'day' }, NOW))).toBeNull();
    expect(codeOf(() => assertValidAtNotInFuture({ date: '2024-11-01', precision: 'month' }, NOW))).toBeNull();
    expect(codeOf(() => assertValidAtNotInFuture({ date: '2024-11-02', precision: 'day' }, NOW))).toEqual({
      code: E.figureValidAtInFuture,
      field: 'validAt.date',
    });
    // 00:30 in Kyiv on 2 Nov is still 1 Nov in UTC.
    expect(codeOf(() => assertValidAtNotInFuture({ date: '2024-11-02', precision: 'day' }, '2024-11-02T00:30:00+02:00'))).toEqual({
      code: E.figureValidAtInFuture,
      field: 'validAt.date',
    });
  });

  it('treats a malformed command time as a programming error', () => {
    expect(() => assertValidAtNotInFuture({ date: '2024-10-25', precision: 'day' }, 'yesterday')).toThrow(
      'Command time is not an ISO-8601 timestamp',
    );
  });
});
