import { sourceDecider } from './source.decider';
import type { SourceEvent } from './source.events';
import { initialSourceState, type SourceState } from './source.state';

const registered = (kind: 'person' | 'media'): SourceEvent => ({
  type: 'source.registered.v1',
  data: { sourceId: 'w1', name: 'Jane', kind, country: null, partyToConflict: false, aliases: [], needsReview: false },
});
const after = (event: SourceEvent): SourceState => sourceDecider.evolve(initialSourceState(), event);

describe('source personal fields', () => {
  const personal = sourceDecider.personal!;

  it('a person source: name and aliases are personal, at registration and in later updates', () => {
    expect(personal(registered('person'), initialSourceState())).toEqual(['name', 'aliases']);
    expect(personal({ type: 'source.updated.v1', data: { sourceId: 'w1', name: 'Jane Doe' } }, after(registered('person')))).toEqual([
      'name',
      'aliases',
    ]);
  });

  it('an organisation: nothing personal, until an update makes it a person (and from then on)', () => {
    expect(personal(registered('media'), initialSourceState())).toEqual([]);
    expect(personal({ type: 'source.updated.v1', data: { sourceId: 'w1', country: 'UA' } }, after(registered('media')))).toEqual([]);
    expect(personal({ type: 'source.updated.v1', data: { sourceId: 'w1', kind: 'person', name: 'Jane Doe' } }, after(registered('media')))).toEqual([
      'name',
      'aliases',
    ]);
    expect(personal({ type: 'source.updated.v1', data: { sourceId: 'w1', kind: 'media', name: 'Acme' } }, after(registered('person')))).toEqual([]);
  });
});
