import { Type, type Static } from '@sinclair/typebox';
import { LedgerLimits, LedgerPatterns } from '@factledger/ledger-domain';
import { Closed, FreeText, Line, Matching, metricViewFields, WriteResult } from '@factledger/platform';

const metricFields = {
  label: Line(1, LedgerLimits.labelMax, { examples: ['North Korean troops in Russia'] }),
  unit: Line(1, LedgerLimits.unitMax, { description: 'Fixed at registration; every figure of the metric uses it', examples: ['troops'] }),
  description: FreeText(0, LedgerLimits.descriptionMax),
  aliases: Type.Array(Line(1, LedgerLimits.aliasMax), { maxItems: LedgerLimits.aliasesMaxItems }),
  patterns: Type.Array(Line(1, LedgerLimits.patternMax), {
    maxItems: LedgerLimits.patternsMaxItems,
    description: 'Extraction patterns (regular expressions) that identify the metric in text',
  }),
};

export const MetricKey = Matching(LedgerPatterns.metricKey, {
  description: 'snake_case: a-z, 0-9 and _, 2 to 100 characters, starting with a letter',
});

export const RegisterMetricBody = Closed({
  key: MetricKey,
  label: metricFields.label,
  unit: metricFields.unit,
  description: Type.Optional(metricFields.description),
  aliases: Type.Optional(metricFields.aliases),
  patterns: Type.Optional(metricFields.patterns),
});
export type RegisterMetricInput = Static<typeof RegisterMetricBody>;

/** Changed fields only; `unit` may be sent but must equal the registered one. */
export const UpdateMetricBody = Type.Partial(Type.Omit(RegisterMetricBody, ['key']));
export type UpdateMetricInput = Static<typeof UpdateMetricBody>;

/** The metric stream's state after a write (RegisteredMetric). */
export const MetricView = Closed({
  status: Type.Literal('registered'),
  ...metricViewFields,
});

export const MetricWriteResult = WriteResult(MetricView, 'The metric after the write (ETag: its stream version)');
export const MetricKeyParams = Closed({ key: MetricKey });
