/**
 * Stream naming. One stream per aggregate instance: `<category>-<id>`.
 * The category prefix lets projections subscribe per aggregate type.
 */
export const StreamCategories = {
  metric: 'metric',
  source: 'source',
  report: 'report',
  figure: 'figure',
} as const;

export type StreamCategory = (typeof StreamCategories)[keyof typeof StreamCategories];

export const metricStreamId = (key: string) => `metric-${key}`;
export const sourceStreamId = (sourceId: string) => `source-${sourceId}`;
export const reportStreamId = (reportId: string) => `report-${reportId}`;
export const figureStreamId = (figureId: string) => `figure-${figureId}`;
