/** Command builders for figure specs, defaulting to the Dutch "up to 1,500" scenario with valid refs. */
import type { CorroborateFigure } from '../figure/corroborate-figure';
import type { ReportFigure } from '../figure/report-figure';
import type { RetractFigure } from '../figure/retract-figure';
import type { ReviseFigure } from '../figure/revise-figure';
import { FIGURE_ID, METRIC_KEY, metricState, NOW, reports, reportState, sources, sourceState } from './scenario';

export const reportFigureCommand = (data: Partial<ReportFigure['data']> = {}, refs: Partial<ReportFigure['refs']> = {}, now = NOW): ReportFigure => ({
  type: 'ReportFigure',
  data: {
    figureId: FIGURE_ID,
    metricKey: METRIC_KEY,
    sourceId: 'nl-mivd',
    amount: { qualifier: 'up_to', high: 1500 },
    validAt: { date: '2024-10-25', precision: 'day' },
    statedAt: '2024-10-25',
    citation: { reportId: 'nos-2024-10-25', quote: 'up to 1,500 North Korean soldiers are in Russia', offset: 120 },
    method: 'estimate',
    ...data,
  },
  refs: {
    metric: metricState(),
    source: sourceState(sources.dutchIntel),
    report: reportState(reports.dutch),
    ...refs,
  },
  now,
});

/** The 28 Oct update to "about 3,000". */
export const reviseFigureCommand = (data: Partial<ReviseFigure['data']> = {}, refs: Partial<ReviseFigure['refs']> = {}, now = NOW): ReviseFigure => ({
  type: 'ReviseFigure',
  data: {
    figureId: FIGURE_ID,
    amount: { qualifier: 'approximately', value: 3000 },
    validAt: { date: '2024-10-28', precision: 'day' },
    statedAt: '2024-10-28',
    citation: { reportId: 'reuters-2024-10-28', quote: 'about 3,000 North Korean troops', offset: null },
    reason: 'New intelligence assessment on 28 October',
    ...data,
  },
  refs: { report: reportState(reports.update), ...refs },
  now,
});

/** The BBC repeating the Dutch figure. */
export const corroborateFigureCommand = (
  data: Partial<CorroborateFigure['data']> = {},
  refs: Partial<CorroborateFigure['refs']> = {},
  now = NOW,
): CorroborateFigure => ({
  type: 'CorroborateFigure',
  data: {
    figureId: FIGURE_ID,
    citation: { reportId: 'bbc-2024-10-26', quote: 'as many as 1,500 North Korean soldiers', offset: 42 },
    ...data,
  },
  refs: { report: reportState(reports.repeat), ...refs },
  now,
});

export const retractFigureCommand = (data: Partial<RetractFigure['data']> = {}, refs: RetractFigure['refs'] = {}, now = NOW): RetractFigure => ({
  type: 'RetractFigure',
  data: { figureId: FIGURE_ID, reason: 'The source withdrew the assessment', ...data },
  refs,
  now,
});
