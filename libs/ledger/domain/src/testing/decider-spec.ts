import { fold, isDomainError, type Decider, type DomainError, type DomainEvent, type ErrorKind } from '@factledger/shared';

/**
 * Given/when/then for deciders (uses jest's `expect`; test-only, not exported
 * from the package index):
 *
 *   spec.given([reported]).when(revise).then([revised]);
 *   spec.given([]).when(revise).thenThrows('figure.not_found', { kind: 'not_found' });
 *
 * `then` also checks that the produced events survive a JSON round trip (they
 * are stored as JSON) and that evolve accepts them; it returns the new state.
 */
export const deciderSpec = <Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: Event[] = []) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, events));
      return {
        then: (expected: Event[]): State => {
          const produced = run();
          expect(produced).toStrictEqual(expected);
          expect(JSON.parse(JSON.stringify(produced))).toStrictEqual(produced);
          return fold(decider, [...events, ...produced]);
        },
        thenNothing: (): void => {
          expect(run()).toStrictEqual([]);
        },
        thenThrows: (code: string, expected: { kind?: ErrorKind; details?: Record<string, unknown> } = {}): DomainError => {
          let error: unknown;
          try {
            run();
          } catch (caught) {
            error = caught;
          }
          if (!isDomainError(error)) throw new Error(`Expected DomainError ${code}, got ${String(error ?? 'no error')}`);
          expect(error.code).toBe(code);
          if (expected.kind) expect(error.kind).toBe(expected.kind);
          if (expected.details) expect(error.details).toMatchObject(expected.details);
          return error;
        },
      };
    },
  }),
});
