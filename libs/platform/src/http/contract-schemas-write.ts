import { Type } from '@sinclair/typebox';

/**
 * More building blocks for route contracts (beside contract-schemas.ts):
 * enums from the domain's constant lists, calendar dates, and free text that
 * must not be blank (the domain trims to check, then keeps it verbatim).
 */

// FREE_TEXT_PATTERN with at least one character that is neither white space nor a control character.
const FREE_TEXT_CHAR = '[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]';
const FREE_TEXT_NOT_BLANK = `^${FREE_TEXT_CHAR}*[^\\s\\u0000-\\u001f\\u007f-\\u009f]${FREE_TEXT_CHAR}*$`;

/** Free text (quotes, reasons) with at least one visible character; tab, LF and CR allowed. */
export const NotBlankFreeText = (max: number, options: { description?: string } = {}) =>
  Type.String({ minLength: 1, maxLength: max, pattern: FREE_TEXT_NOT_BLANK, ...options });
/** One of the domain's constant strings. */
export const OneOf = <T extends string>(values: readonly T[], options: { description?: string; default?: T } = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
/** A real calendar date, YYYY-MM-DD (ajv's `date` format checks the day exists). */
export const CalendarDate = (options: { description?: string; examples?: string[] } = {}) =>
  Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', ...options });
