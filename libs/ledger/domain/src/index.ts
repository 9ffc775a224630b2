export * from './command';
export * from './errors';
export * from './events';
export * from './streams';
export * from './validation/dates';
export * from './validation/patterns';
export { isStorableText, unstorableTextReason } from './validation/fields';

export * from './metric/metric.events';
export * from './metric/metric.state';
export * from './metric/register-metric';
export * from './metric/update-metric';
export * from './metric/metric.decider';

export * from './source/source.events';
export * from './source/source.state';
export * from './source/register-source';
export * from './source/update-source';
export * from './source/source.decider';
export * from './source/source.personal';

export * from './report/report.events';
export * from './report/report.state';
export * from './report/register-report';
export * from './report/update-report';
export * from './report/report.decider';
export { parseReportText } from './report/report.fields';

export * from './figure/amount';
export * from './figure/units';
export * from './figure/valid-at';
export * from './figure/citation';
export { FIGURE_METHODS, REVISION_KINDS, type FigureMethod, type RevisionKind } from './figure/figure.fields';
export * from './figure/figure.events';
export * from './figure/figure.state';
export * from './figure/report-figure';
export * from './figure/revise-figure';
export * from './figure/corroborate-figure';
export * from './figure/retract-figure';
export * from './figure/figure.decider';
export * from './figure/figure.view';

export * from './estimate/normalise-amount';
export * from './estimate/estimate.types';
export * from './estimate/compute-estimate';
export * from './estimate/compute-estimate-v2';
