export { extractFigures } from './lib/extract-figures';
export { DEFAULT_METRIC_PATTERNS } from './lib/metrics/default-metric-patterns';
export { UNCLASSIFIED } from './lib/metrics/classify-metric';
export { DEFAULT_MIN_CONFIDENCE, isFirmFigure } from './lib/figures/firm-figures';
export { findPublication, findPublicationDate, type Publication } from './lib/dates/publication-date';
export type { DateBasis, DatePrecision, ExtractedFigure, ExtractOptions, MetricPattern, Qualifier, RateUnit, SourceAlias, Unit } from './lib/types';
export { runExtract, type ExtractCliOptions } from './cli/extract-cli';
