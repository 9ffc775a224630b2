import type { DomainEvent } from './event';
import type { Upcaster } from './upcast';

/**
 * Emmett-style decider: a pure description of one stream's behaviour.
 * `decide` returns the events a command produces (or throws a DomainError);
 * `evolve` folds one event into the state. Both must be deterministic: time
 * and ids arrive inside commands, never from the clock.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  /** Reads the stream's stored events into `Event` (the store's read path calls it, once per event). */
  upcast: Upcaster<Event>;
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
  /**
   * The fields of `event`'s data that are personal data of the stream's
   * subject (README "Operations → Erasure"), given the state before it; the
   * command path stores them encrypted under the subject's key. Omitted: the
   * aggregate holds no personal data.
   */
  personal?(event: Event, before: State): readonly string[];
  /**
   * How the command path stores an event (default: as it is). During an event
   * version's expand phase, the retired type that processes not yet upgraded
   * still read (e.g. `encodeReportEvent(1)`); the union itself holds only the new one.
   */
  encode?(event: Event): { type: string; data: unknown };
}

/** Folds events into state from the initial state. */
export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** Compile-time exhaustiveness guard for switch statements over unions. */
export const assertNever = (value: never, what = 'value'): never => {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
};
