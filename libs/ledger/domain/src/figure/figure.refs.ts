import { notFound } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import type { MetricState, RegisteredMetric } from '../metric/metric.state';
import type { RegisteredReport, ReportState } from '../report/report.state';
import type { RegisteredSource, SourceState } from '../source/source.state';

/*
 * Figure commands reference other aggregates. decide stays pure, so the
 * application layer loads their states and passes them in `refs`; these
 * guards turn a missing (or mismatched) reference into a not-found error.
 */

export const requireMetric = (ref: MetricState | null | undefined, key: string): RegisteredMetric => {
  if (ref?.status !== 'registered' || ref.key !== key)
    throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${key} is not registered`, { metricKey: key });
  return ref;
};

export const requireSource = (ref: SourceState | null | undefined, sourceId: string): RegisteredSource => {
  if (ref?.status !== 'registered' || ref.sourceId !== sourceId)
    throw notFound(LedgerErrorCodes.sourceNotFound, `Source ${sourceId} is not registered`, { sourceId });
  return ref;
};

export const requireReport = (ref: ReportState | null | undefined, reportId: string): RegisteredReport => {
  if (ref?.status !== 'registered' || ref.reportId !== reportId)
    throw notFound(LedgerErrorCodes.reportNotFound, `Report ${reportId} is not registered`, { reportId });
  return ref;
};
