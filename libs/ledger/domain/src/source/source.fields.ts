import { LedgerErrorCodes } from '../errors';
import { fieldChecks } from '../validation/fields';
import { LedgerLimits, LedgerPatterns } from '../validation/patterns';
import { SOURCE_KINDS } from './source.events';

const check = fieldChecks(LedgerErrorCodes.sourceInvalidField);

export const sourceFields = {
  sourceId: (value: unknown) => check.matching('sourceId', value, LedgerPatterns.slug, 'a slug matching ^[a-z0-9][a-z0-9_-]{0,99}$'),
  name: (value: unknown) => check.text('name', value, { max: LedgerLimits.nameMax }),
  kind: (value: unknown) => check.oneOf('kind', value, SOURCE_KINDS),
  country: (value: unknown): string | null =>
    value === null ? null : check.matching('country', value, LedgerPatterns.country, 'an upper-case ISO 3166-1 alpha-2 code or null'),
  partyToConflict: (value: unknown) => check.bool('partyToConflict', value),
  aliases: (value: unknown) => check.stringList('aliases', value, { maxItems: LedgerLimits.aliasesMaxItems, itemMax: LedgerLimits.aliasMax }),
  needsReview: (value: unknown) => check.bool('needsReview', value),
  mismatch: (field: string) => check.fail(field, 'does not match the stream the command was sent to'),
};
