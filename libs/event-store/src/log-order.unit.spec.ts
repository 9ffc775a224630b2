import { LogOrder } from './log-order';

const span = (count: number) => ({ last: { transactionId: '9', position: '99' }, count, recordedMax: null, lastRecordedAt: null });

describe('LogOrder: each event numbered in log order, kept as runs of consecutive positions', () => {
  it('numbers a single writer’s log, one run, by position', () => {
    const order = LogOrder.fromRuns(span(4), [{ position: 7, n: 1 }]);
    expect(['7', '8', '9', '10'].map((p) => order.numberOf(p))).toEqual([1, 2, 3, 4]);
    expect(order.count).toBe(4);
  });

  it('numbers a log whose positions are out of log order (concurrent writers commit out of position order)', () => {
    // Log order (transaction id, position): 1, 2, 5, 6, 3, 4.
    const order = LogOrder.fromRuns(span(6), [
      { position: 1, n: 1 },
      { position: 5, n: 3 },
      { position: 3, n: 5 },
    ]);
    expect(['1', '2', '5', '6', '3', '4'].map((p) => order.numberOf(p))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a position it does not hold, or one too large to be exact as a number', () => {
    const order = LogOrder.fromRuns(span(2), [
      { position: 1, n: 1 },
      { position: 4, n: 2 },
    ]);
    expect(() => order.numberOf('2')).toThrow(/not in the log/);
    expect(() => order.numberOf('5')).toThrow(/not in the log/);
    expect(() => order.numberOf('0')).toThrow(/not in the log/);
    expect(() => order.numberOf('9007199254740993')).toThrow(/beyond/);
    expect(() => LogOrder.fromRuns(span(0), []).numberOf('1')).toThrow(/not in the log/);
  });
});
