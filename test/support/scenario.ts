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

/** Sends one write of the scenario and records it under `name`; gives back the created resource. */
export type ScenarioWrite = (name: string, path: string, body: unknown) => Promise<{ id: string }>;

/**
 * The scenario's figures, after registerCatalog: Dutch MIVD up to 1,500 (25
 * Oct), revised to about 3,000 (28 Oct); US intelligence about 10,000 (30
 * Oct); Ukrainian HUR about 12,000 (28 Oct), corroborated by a wire. Written
 * as mivd, mivdUpdate, us, hur and wire, in that order, through the caller's
 * `write`, which keeps the positions and ids its test needs.
 */
export async function writeOctoberScenario(write: ScenarioWrite): Promise<void> {
  const { mivd, usIntel, hur } = SOURCES;
  const mivdFigure = await write(
    'mivd',
    '/v1/figures',
    figureBody(mivd.sourceId, { qualifier: 'up_to', high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, 'as many as 1,500 soldiers'),
  );
  await write('mivdUpdate', `/v1/figures/${mivdFigure.id}/revisions`, {
    amount: { qualifier: 'approximately', value: 3000 },
    validAt: { date: '2024-10-28' },
    citation: { reportId: REPORTS.oct28.reportId, quote: 'now about 3,000' },
    reason: 'new assessment by the same service',
  });
  await write(
    'us',
    '/v1/figures',
    figureBody(usIntel.sourceId, { qualifier: 'approximately', value: 10000 }, '2024-10-30', REPORTS.wire.reportId, 'some 10,000'),
  );
  const hurFigure = await write(
    'hur',
    '/v1/figures',
    figureBody(hur.sourceId, { qualifier: 'approximately', value: 12000 }, '2024-10-28', REPORTS.oct28.reportId, 'nearer 12,000'),
  );
  await write('wire', `/v1/figures/${hurFigure.id}/corroborations`, {
    citation: { reportId: REPORTS.wire.reportId, quote: 'around 12,000, according to Ukrainian intelligence' },
  });
}
