import { controlCharacterProblem, isWellFormedText, malformed, textProblem, type DomainError } from '@factledger/shared';
import { isCalendarDate } from './dates';

export interface TextOptions {
  min?: number; // default 1 (after trimming)
  max: number;
  multiline?: boolean; // allow \n and \t
  trim?: boolean; // default true; quotes are kept verbatim
}

/**
 * Text PostgreSQL can store as `text` and `jsonb` (no lone surrogate, no NUL):
 * the one rule of @factledger/shared's input bounds, under the names the
 * ledger's edges use.
 */
export const isStorableText = (value: string): boolean => isWellFormedText(value);

/** Why a string is not storable, or null when it is. */
export const unstorableTextReason = (value: string): string | null => textProblem(value);

/**
 * Field validators bound to one aggregate's `*.invalid_field` code, so every
 * failure reads `{ code, details: { field, reason } }`. Each returns the
 * normalised value (trimmed, deduplicated) or throws the first failure.
 * One field's own syntax (type, format, length, characters) is malformed
 * input (kind `malformed`, 400); rules across fields or against state have
 * codes of their own (422).
 */
export const fieldChecks = (code: string) => {
  const fail = (field: string, reason: string): DomainError => malformed(code, `${field} ${reason}`, { field, reason });

  const text = (field: string, value: unknown, options: TextOptions): string => {
    if (typeof value !== 'string') throw fail(field, 'must be a string');
    const unstorable = unstorableTextReason(value);
    if (unstorable) throw fail(field, unstorable);
    const result = options.trim === false ? value : value.trim();
    const min = options.min ?? 1;
    if (result.trim().length < min) throw fail(field, min === 1 ? 'must not be blank' : `must have at least ${min} characters`);
    if (result.length > options.max) throw fail(field, `must have at most ${options.max} characters`);
    // C0, DEL and C1 (the shared input bounds' rule); multi-line fields may keep \n, \r and \t.
    const control = controlCharacterProblem(result, { freeText: options.multiline });
    if (control) throw fail(field, control);
    return result;
  };

  /** `undefined`, `null` and blank strings all mean "none". */
  const optionalText = (field: string, value: unknown, options: TextOptions): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' && value.trim() === '') return null;
    return text(field, value, options);
  };

  const matching = (field: string, value: unknown, pattern: RegExp, description: string): string => {
    if (typeof value !== 'string' || !pattern.test(value)) throw fail(field, `must be ${description}`);
    return value;
  };

  const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw fail(field, `must be one of ${allowed.join(', ')}`);
    return value as T;
  };

  const bool = (field: string, value: unknown): boolean => {
    if (typeof value !== 'boolean') throw fail(field, 'must be a boolean');
    return value;
  };

  /** Trimmed, non-blank strings; exact duplicates are dropped keeping the first. */
  const stringList = (field: string, value: unknown, options: { maxItems: number; itemMax: number }): string[] => {
    if (!Array.isArray(value)) throw fail(field, 'must be an array of strings');
    const items = value.map((item, i) => text(`${field}[${i}]`, item, { max: options.itemMax }));
    const unique = [...new Set(items)];
    if (unique.length > options.maxItems) throw fail(field, `must have at most ${options.maxItems} items`);
    return unique;
  };

  const date = (field: string, value: unknown): string => {
    if (!isCalendarDate(value)) throw fail(field, 'must be a calendar date YYYY-MM-DD');
    return value;
  };

  const nonNegativeInteger = (field: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw fail(field, 'must be a non-negative integer');
    return value;
  };

  const record = (field: string, value: unknown): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(field, 'must be an object');
    return value as Record<string, unknown>;
  };

  return { fail, text, optionalText, matching, oneOf, bool, stringList, date, nonNegativeInteger, record };
};

export type FieldChecks = ReturnType<typeof fieldChecks>;

/** Order-sensitive equality for the string lists stored on aggregates. */
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
