export * from './read-model-lineage';
export { catalogProjection, CATALOG_PROJECTION } from './catalog/catalog.projection';
export { figuresProjection, FIGURES_PROJECTION } from './figures/figures.projection';
export type { FigureCurrentRow, FigureVersionRow, CitationRow } from './figures/figure-rows';
export * from './query/basis';
export { readAt, type ReadContext, type Snapshot } from './query/read-snapshot';
export { metricEstimate, type MetricEstimate } from './query/estimate.query';
export { metricFigures, sourceFigures, figureHistory, type FigureHistory, type Paged, type PageRequest } from './query/figures.query';
export { listMetrics, getMetric, getReport, type ReportCitation } from './query/catalog.query';
export type { FigureAtBasis, BeliefPeriod } from './figures/figure-views';
export { ReadApiModule } from './read-api.module';
export { EstimateCacheService } from './http/estimate-cache.service';
export { EstimateCache } from './estimate-cache/estimate-cache';
export { ProjectorWorkerModule, ProjectorService, PROJECTOR_OPTIONS, type ProjectorOptions } from './projector-worker.module';
export { runRebuild, REBUILDABLE_READ_MODELS, type RebuildCliOptions } from './cli/rebuild-cli';
export * from './digest';
// What other modules (ingestion) ask the read models: functions, never their tables.
export { catalogMetrics, catalogSources, type CatalogMetric, type CatalogSource } from './catalog/catalog-lookups';
export { activeFiguresOf, type ActiveFigure } from './figures/active-figures.lookup';
