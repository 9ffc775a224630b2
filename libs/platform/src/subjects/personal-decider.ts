import type { Decider, DomainEvent } from '@factledger/shared';
import { revealDeep, type KeyRing } from './key-ring';

/**
 * The decider as the command path runs it for a stream holding personal data
 * (`decider.personal`): stored events are revealed before they are upcast,
 * so `evolve` and `decide` see the text (or ERASED_MARKER); the events
 * `decide` returns carry their personal fields sealed for `subject` (a string
 * stays a string, a list of strings a list of tokens), and `evolve` reveals
 * them again, so the state answered to the writer is readable.
 */
export function personalDecider<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, subject: string, ring: KeyRing): Decider<C, E, S> {
  const personal = decider.personal;
  if (!personal) return decider;
  const reveal = (event: E): E => ({ ...event, data: revealDeep(event.data, ring) });
  return {
    upcast: (stored) => decider.upcast({ ...stored, data: revealDeep(stored.data, ring) }),
    initialState: () => decider.initialState(),
    evolve: (state, event) => decider.evolve(state, reveal(event)),
    decide: (command, state) => {
      let before = state;
      return decider.decide(command, state).map((event) => {
        const fields = personal(event, before);
        before = decider.evolve(before, event);
        if (fields.length === 0) return event;
        const data = { ...(event.data as Record<string, unknown>) };
        for (const field of fields) {
          const value = data[field];
          if (typeof value === 'string') data[field] = ring.seal(subject, value);
          else if (Array.isArray(value)) data[field] = value.map((v: unknown) => (typeof v === 'string' ? ring.seal(subject, v) : v));
        }
        return { ...event, data } as E;
      });
    },
    personal,
    // The stored shape (an event version's expand phase) applies to the sealed data as to any other.
    ...(decider.encode ? { encode: decider.encode } : {}),
  };
}
