import type { LogEvent } from '@factledger/event-store';
import type { LedgerEvent } from '@factledger/ledger-domain';
import { numberEvents } from './ledger-cursor';

const at = (iso: string) => ({ recordedAt: new Date(iso), event: null }) as LogEvent<LedgerEvent>;

describe('numberEvents', () => {
  it('numbers on from the cursor and keeps the running maximum of recorded_at (which is not monotone in log order)', () => {
    const numbered = numberEvents({ seq: '9007199254740993', recordedMax: '2024-10-01T00:00:00.000Z' }, [
      at('2024-10-02T00:00:00.000Z'),
      at('2024-09-30T00:00:00.000Z'),
      at('2024-10-03T00:00:00.000Z'),
    ]);
    expect(numbered.map((n) => [n.seq, n.recordedAt, n.recordedMax])).toEqual([
      ['9007199254740994', '2024-10-02T00:00:00.000Z', '2024-10-02T00:00:00.000Z'],
      ['9007199254740995', '2024-09-30T00:00:00.000Z', '2024-10-02T00:00:00.000Z'],
      ['9007199254740996', '2024-10-03T00:00:00.000Z', '2024-10-03T00:00:00.000Z'],
    ]);
  });
});
