import { conflict, invalid } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import type { MetricState } from '../metric/metric.state';
import type { ReportState } from '../report/report.state';
import type { SourceState } from '../source/source.state';
import { parseNewAmount, type AmountInput } from './amount';
import { parseCitation, type CitationInput } from './citation';
import { figureFields, type FigureMethod } from './figure.fields';
import type { FigureEvent } from './figure.events';
import { requireMetric, requireReport, requireSource } from './figure.refs';
import type { FigureState } from './figure.state';
import { assertAmountFitsUnit } from './units';
import { assertValidAtNotInFuture, parseValidAt, type ValidAtInput } from './valid-at';

export type ReportFigure = LedgerCommand<
  'ReportFigure',
  {
    figureId: string;
    metricKey: string;
    sourceId: string;
    amount: AmountInput;
    unit?: string; // default: the metric's unit; if given it must equal it
    validAt: ValidAtInput;
    statedAt?: string | null; // default null
    citation: CitationInput;
    method?: FigureMethod; // default 'unknown'
    scopeNote?: string | null; // default null; blank means null
  }
> & {
  /** States of the referenced streams: metric-<metricKey>, source-<sourceId>, report-<citation.reportId>. */
  refs: { metric: MetricState; source: SourceState; report: ReportState };
};

export const reportFigure = ({ data, refs, now }: ReportFigure, state: FigureState): FigureEvent[] => {
  if (state.status !== 'empty')
    throw conflict(LedgerErrorCodes.figureAlreadyReported, `Figure ${state.figureId} was already reported`, {
      figureId: state.figureId,
    });

  const figureId = figureFields.figureId(data.figureId);
  const metricKey = figureFields.metricKey(data.metricKey);
  const sourceId = figureFields.sourceId(data.sourceId);
  const amount = parseNewAmount(data.amount);
  const validAt = parseValidAt(data.validAt);
  assertValidAtNotInFuture(validAt, now);
  const statedAt = figureFields.statedAt(data.statedAt, now);
  const citation = parseCitation(data.citation);
  const method = figureFields.method(data.method ?? 'unknown');
  const scopeNote = figureFields.scopeNote(data.scopeNote);

  const metric = requireMetric(refs.metric, metricKey);
  requireSource(refs.source, sourceId);
  requireReport(refs.report, citation.reportId);

  // A figure in another unit would be silently mixed into the metric's estimate.
  const unit = data.unit === undefined ? metric.unit : figureFields.unit(data.unit);
  if (unit !== metric.unit)
    throw invalid(LedgerErrorCodes.figureUnitMismatch, `Unit ${unit} does not match metric ${metricKey} (${metric.unit})`, {
      field: 'unit',
      unit,
      metricUnit: metric.unit,
    });
  assertAmountFitsUnit(amount, unit);

  return [
    {
      type: 'figure.reported.v1',
      data: { figureId, metricKey, sourceId, amount, unit, validAt, statedAt, citation, method, scopeNote },
    },
  ];
};
