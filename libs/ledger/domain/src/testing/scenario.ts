/*
 * Fixtures from a real case: North Korean troops in Russia, October 2024.
 * Dutch intelligence said "up to 1,500" on 25 Oct; the figure was updated to
 * 3,000 on 28 Oct; Ukrainian intelligence said "about 12,000"; other outlets
 * repeated the Dutch figure.
 */
import { fold } from '@factledger/shared';
import type { MetricRegistered } from '../metric/metric.events';
import { metricDecider } from '../metric/metric.decider';
import type { MetricState } from '../metric/metric.state';
import type { ReportRegistered } from '../report/report.events';
import { reportDecider } from '../report/report.decider';
import type { ReportState } from '../report/report.state';
import type { SourceRegistered } from '../source/source.events';
import { sourceDecider } from '../source/source.decider';
import type { SourceState } from '../source/source.state';
import type { FigureReported } from '../figure/figure.events';

export const NOW = '2024-11-01T09:30:00.000Z';
export const TODAY = '2024-11-01';

export const METRIC_KEY = 'nk_troops_in_russia';

export const metricRegistered: MetricRegistered = {
  type: 'metric.registered.v1',
  data: {
    key: METRIC_KEY,
    label: 'North Korean troops in Russia',
    unit: 'troops',
    description: 'North Korean military personnel deployed to Russia.',
    aliases: ['DPRK troops in Russia'],
    patterns: ['North Korean troops', 'North Korean soldiers'],
  },
};

const source = (sourceId: string, name: string, country: string, partyToConflict: boolean): SourceRegistered => ({
  type: 'source.registered.v1',
  data: { sourceId, name, kind: 'intelligence', country, partyToConflict, aliases: [], needsReview: false },
});

export const sources = {
  dutchIntel: source('nl-mivd', 'Dutch Military Intelligence and Security Service (MIVD)', 'NL', false),
  usIntel: source('us-intel', 'US intelligence', 'US', false),
  southKoreanIntel: source('kr-nis', 'National Intelligence Service (South Korea)', 'KR', false),
  ukrainianIntel: source('ua-hur', 'Defence Intelligence of Ukraine (HUR)', 'UA', true),
};

const report = (reportId: string, publisher: string, title: string, publishedAt: string): ReportRegistered => ({
  type: 'report.registered.v2',
  data: {
    reportId,
    publisher,
    title,
    url: `https://example.org/${reportId}`,
    publishedAt,
    publishedZone: null,
    language: 'en',
    contentHash: null,
  },
});

export const reports = {
  dutch: report('nos-2024-10-25', 'NOS', 'Dutch intelligence: up to 1,500 North Korean troops in Russia', '2024-10-25'),
  update: report('reuters-2024-10-28', 'Reuters', 'About 3,000 North Korean troops now in Russia', '2024-10-28'),
  ukrainian: report('kyiv-independent-2024-10-31', 'Kyiv Independent', 'HUR: about 12,000 North Korean troops', '2024-10-31'),
  repeat: report('bbc-2024-10-26', 'BBC', 'Up to 1,500 North Korean soldiers in Russia, Dutch say', '2024-10-26'),
};

export const metricState = (): MetricState => fold(metricDecider, [metricRegistered]);
export const sourceState = (event: SourceRegistered): SourceState => fold(sourceDecider, [event]);
export const reportState = (event: ReportRegistered): ReportState => fold(reportDecider, [event]);

export const FIGURE_ID = '6f1c1d4e-2b7a-4c1e-9f3d-1a2b3c4d5e6f';

/** Dutch intelligence, 25 Oct 2024: "up to 1,500". */
export const dutchFigureReported: FigureReported = {
  type: 'figure.reported.v1',
  data: {
    figureId: FIGURE_ID,
    metricKey: METRIC_KEY,
    sourceId: 'nl-mivd',
    amount: { qualifier: 'up_to', high: 1500 },
    unit: 'troops',
    validAt: { date: '2024-10-25', precision: 'day' },
    statedAt: '2024-10-25',
    citation: {
      reportId: 'nos-2024-10-25',
      quote: 'up to 1,500 North Korean soldiers are in Russia',
      offset: 120,
    },
    method: 'estimate',
    scopeNote: null,
  },
};
