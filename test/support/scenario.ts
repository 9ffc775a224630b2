import type { ApiHarness } from './api-harness';

/**
 * The October 2024 coverage of North Korean troops in Russia, as a client
 * would record it: facts only (values, sources, dates), quotes written for
 * these tests.
 */
export const METRIC = { key: 'north_korean_troops_in_russia', label: 'North Korean troops in Russia', unit: 'troops' };

export const SOURCES = {
  mivd: {
    sourceId: 'nl-mivd',
    name: 'Dutch Military Intelligence and Security Service',
    kind: 'intelligence',
    country: 'NL',
    aliases: ['MIVD', 'Dutch intelligence'],
  },
  usIntel: { sourceId: 'us-intelligence', name: 'US intelligence', kind: 'intelligence', country: 'US', aliases: ['American intelligence'] },
  hur: {
    sourceId: 'ua-hur',
    name: 'Ukrainian military intelligence (HUR)',
    kind: 'intelligence',
    country: 'UA',
    partyToConflict: true,
    aliases: ['HUR', 'Ukrainian intelligence'],
  },
} as const;

export const REPORTS = {
  oct25: {
    reportId: 'brief-2024-10-25',
    publisher: 'Conflict Brief',
    title: 'Allies confirm first deployment',
    publishedAt: '2024-10-25',
    language: 'en',
  },
  oct28: {
    reportId: 'brief-2024-10-28',
    publisher: 'Conflict Brief',
    title: 'Estimates of the deployment diverge',
    publishedAt: '2024-10-28',
    language: 'en',
  },
  wire: {
    reportId: 'wire-2024-10-28',
    publisher: 'Example Wire',
    title: 'Intelligence agencies differ on troop numbers',
    publishedAt: '2024-10-28',
    language: 'en',
  },
} as const;

export async function registerCatalog(api: ApiHarness): Promise<void> {
  for (const [path, body] of [
    ['/v1/metrics', METRIC],
    ...Object.values(SOURCES).map((s) => ['/v1/sources', s] as const),
    ...Object.values(REPORTS).map((r) => ['/v1/reports', r] as const),
  ] as const) {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** A POST /v1/figures body for the scenario's metric. */
export const figureBody = (sourceId: string, amount: unknown, date: string, reportId: string, quote: string) => ({
  metricKey: METRIC.key,
  sourceId,
  amount,
  validAt: { date },
  citation: { reportId, quote },
  method: 'estimate',
});

export const upTo1500 = {
  metricKey: METRIC.key,
  sourceId: SOURCES.mivd.sourceId,
  amount: { qualifier: 'up_to', high: 1500 },
  validAt: { date: '2024-10-25' },
  statedAt: '2024-10-25',
  citation: { reportId: REPORTS.oct25.reportId, quote: 'confirmed that as many as 1,500 soldiers had been sent' },
  method: 'estimate',
};
