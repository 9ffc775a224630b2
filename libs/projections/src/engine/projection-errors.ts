import type { LogEvent } from '@factledger/event-store';

/** What an error names of an event: never its data. */
type EventPlace = Pick<LogEvent, 'id' | 'position' | 'type'>;

/**
 * The projection's own `apply` threw: its code or its data is at fault, not
 * the engine. `failing` is the event it threw at, once located (the runner
 * re-applies the batch event by event in a rolled-back transaction); without
 * it the message can only name the batch.
 */
export class ApplyError extends Error {
  readonly firstPosition: string;
  readonly lastPosition: string;
  readonly eventCount: number;

  constructor(
    override readonly cause: unknown,
    readonly events: readonly LogEvent[],
    readonly failing: EventPlace | null = events.length === 1 ? events[0]! : null,
  ) {
    const batch = `batch of ${events.length} events, positions ${events[0]?.position}..${events.at(-1)?.position}`;
    super(
      failing
        ? `${messageOf(cause)} (at event ${failing.id}, position ${failing.position}, type ${failing.type}; ${batch})`
        : `${messageOf(cause)} (${batch}; no single event of it fails alone)`,
    );
    this.name = 'ApplyError';
    this.firstPosition = events[0]?.position ?? '';
    this.lastPosition = events.at(-1)?.position ?? '';
    this.eventCount = events.length;
  }

  /** The same failure, pinned to the event that causes it. */
  at(event: EventPlace, cause: unknown): ApplyError {
    return new ApplyError(cause, this.events, event);
  }
}

/** The checkpoint is not where this runner left it: reset, switched, or taken over. */
export class FencedError extends Error {
  constructor() {
    super('checkpoint moved under this runner');
    this.name = 'FencedError';
  }
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// Rollback (40: deadlock, serialization), resources (53), operator (57), system (58), connection (08).
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/** Worth retrying as is, rather than stopping the projection until someone looks. */
export function isTransient(e: unknown): boolean {
  const cause = e instanceof ApplyError ? e.cause : e;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
}
