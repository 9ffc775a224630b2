/** Where a failure points: the leaf and the event as the server served them. */
export interface FailureLocation {
  leafIndex?: number;
  eventId?: string | null;
  position?: string | null;
}

/** The ledger (or the server) failed a check. `code` is stable for scripts; the message says exactly what and where. */
export class VerificationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location: FailureLocation = {},
  ) {
    super(message);
    this.name = 'VerificationFailure';
  }
}

export const fail = (code: string, message: string, location?: FailureLocation): never => {
  throw new VerificationFailure(code, message, location);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A server response that does not have the documented shape is itself a failure: nothing in it is trusted. */
export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) fail('response.malformed', `${what}: expected a JSON object`);
  return value as Record<string, unknown>;
}

export function expectField<T>(obj: Record<string, unknown>, field: string, what: string, check: (v: unknown) => v is T, rule: string): T {
  const value = obj[field];
  if (!check(value)) fail('response.malformed', `${what}: ${field} ${rule}`);
  return value as T;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
