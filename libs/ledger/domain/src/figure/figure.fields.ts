import { invalid } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import { utcDateOf } from '../validation/dates';
import { fieldChecks } from '../validation/fields';
import { LedgerLimits, LedgerPatterns } from '../validation/patterns';

export const FIGURE_METHODS = ['estimate', 'count', 'model', 'unknown'] as const;
export type FigureMethod = (typeof FIGURE_METHODS)[number];

export const REVISION_KINDS = ['correction', 'update'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

const check = fieldChecks(LedgerErrorCodes.figureInvalidField);

export const figureFields = {
  figureId: (value: unknown) => check.matching('figureId', value, LedgerPatterns.uuid, 'a lower-case UUID'),
  metricKey: (value: unknown) => check.matching('metricKey', value, LedgerPatterns.metricKey, 'a metric key matching ^[a-z][a-z0-9_]{1,99}$'),
  sourceId: (value: unknown, field = 'sourceId') => check.matching(field, value, LedgerPatterns.slug, 'a slug matching ^[a-z0-9][a-z0-9_-]{0,99}$'),
  unit: (value: unknown) => check.text('unit', value, { max: LedgerLimits.unitMax }),
  method: (value: unknown) => check.oneOf('method', value, FIGURE_METHODS),
  revisionKind: (value: unknown) => check.oneOf('kind', value, REVISION_KINDS),
  scopeNote: (value: unknown) => check.optionalText('scopeNote', value, { max: LedgerLimits.scopeNoteMax, multiline: true }),
  reason: (value: unknown) => check.text('reason', value, { max: LedgerLimits.reasonMax, multiline: true }),
  /** When the source said it; null when the report does not say. Never in the future. */
  statedAt: (value: unknown, now: string): string | null => {
    if (value === undefined || value === null) return null;
    const date = check.date('statedAt', value);
    const today = utcDateOf(now);
    if (date > today)
      throw invalid(LedgerErrorCodes.figureStatedAtInFuture, `statedAt ${date} is after today (${today})`, {
        field: 'statedAt',
        statedAt: date,
        today,
      });
    return date;
  },
  mismatch: (field: string) => check.fail(field, 'does not match the stream the command was sent to'),
};
