import type { DomainEvent } from './event';
import { upcasterOf, upcasterOfAll, type ListsExactly } from './upcast';

type Added = DomainEvent<'tally.added.v2', { amount: number; note: string | null }>;
type Reset = DomainEvent<'tally.reset.v1', { by: string }>;
type TallyEvent = Added | Reset;
const TallyEventTypes = { added: 'tally.added.v2', reset: 'tally.reset.v1' } as const;

const upcastTally = upcasterOf<TallyEvent>(TallyEventTypes, {
  // v1 had no note: stored v1 events read as v2 with none.
  'tally.added.v1': (data) => ({ type: 'tally.added.v2', data: { amount: (data as { amount: number }).amount, note: null } }),
});

describe('upcasterOf', () => {
  it('reads a current type as the union member it names, data untouched', () => {
    const data = { amount: 3, note: 'n' };
    expect(upcastTally({ type: 'tally.added.v2', schemaVersion: 2, data })).toEqual({ type: 'tally.added.v2', data });
  });

  it('upcasts a retired type into its successor', () => {
    expect(upcastTally({ type: 'tally.added.v1', schemaVersion: 1, data: { amount: 3 } })).toEqual({
      type: 'tally.added.v2',
      data: { amount: 3, note: null },
    });
  });

  it('answers null for another family, and for names that are only inherited properties', () => {
    expect(upcastTally({ type: 'figure.reported.v1', schemaVersion: 1, data: {} })).toBeNull();
    expect(upcastTally({ type: 'toString', schemaVersion: 1, data: {} })).toBeNull();
  });

  it('tries families in turn', () => {
    const upcastOther = upcasterOf<DomainEvent<'other.seen.v1', null>>({ seen: 'other.seen.v1' });
    const both = upcasterOfAll<TallyEvent | DomainEvent<'other.seen.v1', null>>(upcastTally, upcastOther);
    expect(both({ type: 'other.seen.v1', schemaVersion: 1, data: null })).toEqual({ type: 'other.seen.v1', data: null });
    expect(both({ type: 'tally.reset.v1', schemaVersion: 1, data: { by: 'x' } })).toEqual({ type: 'tally.reset.v1', data: { by: 'x' } });
    expect(both({ type: 'nobody.v1', schemaVersion: 1, data: null })).toBeNull();
  });

  it('checks at compile time that a types list names exactly the union', () => {
    const exact: ListsExactly<typeof TallyEventTypes, TallyEvent> = true;
    // @ts-expect-error a list missing a member of the union is not exact
    const missing: ListsExactly<{ added: 'tally.added.v2' }, TallyEvent> = true;
    expect([exact, missing]).toEqual([true, true]);
  });
});
