import { Type, type TSchema } from '@sinclair/typebox';
import { MAX_AMOUNT } from '@factledger/shared';

/**
 * Building blocks for route contracts: the shared input rules (control
 * characters, the amount bound, strict integers) said as JSON Schema, so the
 * validator enforces and the document states the same thing.
 */

// CONTROL_ONE_LINE / CONTROL_FREE_TEXT of @factledger/shared, as patterns.
const ONE_LINE = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
// The domain trims text and refuses it blank: at least one character that is not white space.
const ONE_LINE_NOT_BLANK = '^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$';
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$';

/** One-line text (names, labels): no control characters; with min ≥ 1 not blank either. */
export const Line = (min: number, max: number, options: { description?: string; examples?: unknown[] } = {}) =>
  Type.String({ minLength: min, maxLength: max, pattern: min > 0 ? ONE_LINE_NOT_BLANK : ONE_LINE, ...options });
/** Free text (descriptions, quotes, reasons): tab, LF and CR allowed. */
export const FreeText = (min: number, max: number, options: { description?: string } = {}) =>
  Type.String({ minLength: min, maxLength: max, pattern: FREE_TEXT_PATTERN, ...options });
/** A string matching one of the domain's patterns (a RegExp written once in the domain). */
export const Matching = (pattern: RegExp, options: { description?: string } = {}) => Type.String({ pattern: pattern.source, ...options });
/** An amount: finite and |x| ≤ MAX_AMOUNT. */
export const Amount = () => Type.Number({ minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: `|amount| ≤ ${MAX_AMOUNT} (the amount bound)` });
/** A closed object: unknown fields are refused. */
export const Closed = <T extends Parameters<typeof Type.Object>[0]>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });
/** A value or JSON null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** What every ledger write answers (writeResponse): the stream's id, version, log position and the new view. */
export const WriteResult = <T extends TSchema>(view: T, description: string) =>
  Type.Object(
    {
      id: Type.String(),
      streamVersion: Type.Integer({ minimum: 1 }),
      position: Nullable(Type.String({ pattern: '^[0-9]+$' })),
      changed: Type.Boolean(),
      data: view,
    },
    { additionalProperties: false, description },
  );
