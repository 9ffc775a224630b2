import type { DomainEvent } from './event';

/** An event as the log stores it: what was appended (and hashed), under the schema it was written with. */
export interface StoredEventShape {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Reads a stored event into a family's current union: the type as it is,
 * or an older shape upcast into its successor. null: not an event of the family.
 */
export type Upcaster<E extends DomainEvent> = (stored: StoredEventShape) => E | null;

/**
 * A stored event of a family this code reads whose type it does not know: a
 * newer version (`report.registered.v3`) written by a newer release. Reading
 * on would fold or project it as if it were not there; readers stop instead
 * (a projection fails and keeps its checkpoint; a command is refused).
 */
export class UnknownEventVersionError extends Error {
  readonly code = 'event.unknown_version';
  constructor(
    readonly type: string,
    /** Where it is, once the reader knows (`event <id> at position <n>`). */
    readonly at?: string,
  ) {
    super(
      `${at ? `${at}: ` : ''}stored event type ${type} belongs to a family this code reads but is not a version it knows: it was written by a newer ` +
        `release of factledger. Upgrade this process (README "Operations → Upgrading": a new event version is written only after every process reads it)`,
    );
    this.name = 'UnknownEventVersionError';
  }
}

/**
 * The upcaster of a family whose current types are `current` (an aggregate's
 * `*EventTypes` object) and whose retired types `older` maps to a current event
 * (`x.v1` → `x.v2`, once `x.v2` replaced it). Stored data of a current type is
 * the union member as the decider produced it: the write side validated it.
 * With `prefix` (`'report.'`), a type of the family that is neither current nor
 * retired throws UnknownEventVersionError instead of answering "not ours".
 */
export function upcasterOf<E extends DomainEvent>(
  current: Readonly<Record<string, E['type']>>,
  older: Readonly<Record<string, (data: unknown, stored: StoredEventShape) => E>> = {},
  prefix?: string,
): Upcaster<E> {
  const types = new Set<string>(Object.values(current));
  return (stored) => {
    // The one place stored JSON becomes the union: its type string names the member.
    if (types.has(stored.type)) return { type: stored.type, data: stored.data } as E;
    const upcast = Object.hasOwn(older, stored.type) ? older[stored.type] : undefined;
    if (upcast) return upcast(stored.data, stored);
    if (prefix !== undefined && stored.type.startsWith(prefix)) throw new UnknownEventVersionError(stored.type);
    return null;
  };
}

/** Tries each family in turn: the union of several aggregates' events. */
export const upcasterOfAll =
  <E extends DomainEvent>(...families: readonly Upcaster<E>[]): Upcaster<E> =>
  (stored) => {
    for (const family of families) {
      const event = family(stored);
      if (event) return event;
    }
    return null;
  };

/** Type-level check that an aggregate's `*EventTypes` lists exactly its union's types: `true` only when both sets are equal. */
export type ListsExactly<Types, Event extends DomainEvent> = [Types[keyof Types]] extends [Event['type']]
  ? [Event['type']] extends [Types[keyof Types]]
    ? true
    : false
  : false;
