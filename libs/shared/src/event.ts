/** A domain event: a stable, versioned type string and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Who did what and why; stored with every event. */
export interface EventMetadata {
  actor: string;
  requestId?: string;
  correlationId?: string;
  causationId?: string;
  reason?: string;
  [key: string]: unknown;
}
