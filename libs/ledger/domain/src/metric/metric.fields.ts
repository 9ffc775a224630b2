import { LedgerErrorCodes } from '../errors';
import { fieldChecks } from '../validation/fields';
import { LedgerLimits, LedgerPatterns } from '../validation/patterns';

const check = fieldChecks(LedgerErrorCodes.metricInvalidField);

/** Parsers for metric command fields; each returns the normalised value. */
export const metricFields = {
  key: (value: unknown) => check.matching('key', value, LedgerPatterns.metricKey, 'a lower-case key matching ^[a-z][a-z0-9_]{1,99}$'),
  label: (value: unknown) => check.text('label', value, { max: LedgerLimits.labelMax }),
  unit: (value: unknown) => check.text('unit', value, { max: LedgerLimits.unitMax }),
  description: (value: unknown) => check.text('description', value, { min: 0, max: LedgerLimits.descriptionMax, multiline: true }),
  aliases: (value: unknown) => check.stringList('aliases', value, { maxItems: LedgerLimits.aliasesMaxItems, itemMax: LedgerLimits.aliasMax }),
  patterns: (value: unknown) => check.stringList('patterns', value, { maxItems: LedgerLimits.patternsMaxItems, itemMax: LedgerLimits.patternMax }),
  mismatch: (field: string) => check.fail(field, 'does not match the stream the command was sent to'),
};
