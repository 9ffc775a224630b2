import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { AMOUNT_RULE, controlCharacterProblem, isAmountInBounds, textProblem } from '@factledger/shared';

/**
 * The shared input bounds (@factledger/shared) as class-validator rules, so
 * every DTO refuses alike and before any domain code runs (400 request.invalid).
 */

/** No control characters (C0, DEL, C1); `freeText` keeps tab, LF and CR (quotes, descriptions, reasons). */
export const NoControlCharacters = (options: { freeText?: boolean } & ValidationOptions = {}) =>
  ValidateBy(
    {
      name: options.freeText ? 'noControlCharactersInFreeText' : 'noControlCharacters',
      validator: {
        // NUL is left to the storable-text rule (textProblem), so a field is not named twice for it.
        validate: (v) => typeof v !== 'string' || textProblem(v) !== null || controlCharacterProblem(v, options) === null,
        defaultMessage: (a) => `${a?.property} ${(typeof a?.value === 'string' && controlCharacterProblem(a.value, options)) || 'must not contain control characters'}`,
      },
    },
    options,
  );

/** An amount bound (value, low, high): finite and |amount| ≤ MAX_AMOUNT. */
export const IsBoundedAmount = () =>
  ValidateBy({
    name: 'isBoundedAmount',
    validator: { validate: (v) => isAmountInBounds(v), defaultMessage: (a) => `${a?.property} ${AMOUNT_RULE}` },
  });

const INTEGER_TEXT = /^-?\d{1,16}$/;

/**
 * An integer query parameter within [min, max]. Replaces `@Type(() => Number)`,
 * which reads `?limit=` (and ' ', '0x10', '1e3') as a number: here only
 * decimal digits are a number, and an empty value is refused by name.
 */
export const QueryInteger = (bounds: { min: number; max: number }) =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value)),
    ValidateBy({
      name: 'queryInteger',
      validator: {
        validate: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= bounds.min && v <= bounds.max,
        defaultMessage: (a) => {
          const name = a?.property ?? 'parameter';
          if (a?.value === '') return `${name} is empty: give an integer from ${bounds.min} to ${bounds.max}, or leave the parameter out`;
          if (Array.isArray(a?.value)) return `${name} must be given once`;
          if (typeof a?.value === 'number' && Number.isSafeInteger(a.value)) return `${name} must be from ${bounds.min} to ${bounds.max}`;
          return `${name} must be an integer from ${bounds.min} to ${bounds.max}`;
        },
      },
    }),
  );
