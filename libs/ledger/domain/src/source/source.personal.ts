import type { SourceEvent } from './source.events';
import type { SourceState } from './source.state';

/** The personal fields of a person source's events (DEVELOPERS.md "A personal field"). */
const PERSON_FIELDS = ['name', 'aliases'] as const;

/**
 * Which fields of a source event are personal data: the name and aliases of
 * a source that is a `person` once the event applies (its kind as the event
 * sets it, else as it stood). The subject is the source's stream. A source
 * registered as an organisation and changed to `person` later keeps its
 * earlier names in the clear (sealed events are never rewritten); register
 * people as `person` from the start.
 */
export const sourcePersonalFields = (event: SourceEvent, before: SourceState): readonly string[] => {
  const kind = event.data.kind ?? (before.status === 'registered' ? before.kind : undefined);
  return kind === 'person' ? PERSON_FIELDS : [];
};
