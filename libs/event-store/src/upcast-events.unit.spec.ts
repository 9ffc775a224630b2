import { upcasterOf, type DomainEvent } from '@factledger/shared';
import type { RecordedEvent } from './event-store.types';
import { upcastEvents, upcastStream } from './upcast-events';

type Added = DomainEvent<'tally.added.v1', { amount: number }>;
const upcastTally = upcasterOf<Added>({ added: 'tally.added.v1' });

const stored = (type: string, data: unknown, position: number): RecordedEvent => ({
  position: String(position),
  transactionId: '7',
  streamId: 'tally-1',
  streamVersion: position,
  id: `id-${position}`,
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'spec' },
  recordedAt: new Date(0),
});

describe('the store read path upcasts', () => {
  it("keeps each event's place in the log and gives the family's union instead of its raw data (null for another family)", () => {
    const [added, other] = upcastEvents(
      [stored('tally.added.v1', { amount: 2 }, 1), stored('principal.key_issued.v1', { keyId: 'k' }, 2)],
      upcastTally,
    );
    const { data: _raw, ...place } = stored('tally.added.v1', { amount: 2 }, 1);
    expect(added).toEqual({ ...place, event: { type: 'tally.added.v1', data: { amount: 2 } } });
    expect(added).not.toHaveProperty('data');
    expect(other).toMatchObject({ position: '2', type: 'principal.key_issued.v1', event: null });
  });

  it('refuses a stream holding an event its decider does not read', () => {
    expect(() => upcastStream('tally-1', [stored('tally.added.v1', { amount: 2 }, 1), stored('tally.dropped.v1', {}, 2)], upcastTally)).toThrow(
      'stream tally-1 holds event id-2 of type tally.dropped.v1 (schema 1), which its decider does not read',
    );
  });
});
