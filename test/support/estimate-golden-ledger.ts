import { sql } from 'kysely';
import type { ReadApiHarness } from './read-api-harness';
import { figureBody, METRIC, REPORTS, SOURCES } from './scenario';

/**
 * A ledger for the estimate's golden answers: verified sources, sources
 * registered unverified (as ingestion registers unknown names), one of them
 * later verified, a party flag switched off and on, updates, a correction, a
 * corroboration and a retraction. Every id is fixed, so the same writes give
 * the same answers; positions and recorded times are named by the write
 * that made them (see `GoldenLedger.normalise`).
 */
export const UNVERIFIED = {
  channel: { sourceId: 'tg-war-channel', name: 'A war channel on Telegram', kind: 'media', needsReview: true },
  blogger: {
    sourceId: 'ru-milblogger',
    name: 'A Russian military blogger',
    kind: 'analyst',
    country: 'RU',
    partyToConflict: true,
    needsReview: true,
  },
} as const;

const F = {
  mivd: '00000000-0000-4000-8000-00000000a001',
  us: '00000000-0000-4000-8000-00000000a002',
  hur: '00000000-0000-4000-8000-00000000a003',
  channel: '00000000-0000-4000-8000-00000000a004',
  blogger: '00000000-0000-4000-8000-00000000a005',
  channelLater: '00000000-0000-4000-8000-00000000a006',
} as const;

const figure = (figureId: string, ...body: Parameters<typeof figureBody>) => ({ figureId, ...figureBody(...body) });

/** [name, method, path, body]: run in this order, one event each. */
export const GOLDEN_WRITES: readonly [string, 'POST' | 'PATCH', string, unknown][] = [
  ['metric', 'POST', '/v1/metrics', METRIC],
  ['mivdSource', 'POST', '/v1/sources', SOURCES.mivd],
  ['usSource', 'POST', '/v1/sources', SOURCES.usIntel],
  ['hurSource', 'POST', '/v1/sources', SOURCES.hur],
  ['channelSource', 'POST', '/v1/sources', UNVERIFIED.channel],
  ['bloggerSource', 'POST', '/v1/sources', UNVERIFIED.blogger],
  ...Object.entries(REPORTS).map(([name, r]) => [`${name}Report`, 'POST', '/v1/reports', r] as [string, 'POST', string, unknown]),
  [
    'mivd',
    'POST',
    '/v1/figures',
    figure(F.mivd, SOURCES.mivd.sourceId, { qualifier: 'up_to', high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, 'as many as 1,500'),
  ],
  [
    'channel',
    'POST',
    '/v1/figures',
    figure(
      F.channel,
      UNVERIFIED.channel.sourceId,
      { qualifier: 'approximately', value: 50000 },
      '2024-10-26',
      REPORTS.oct28.reportId,
      'fifty thousand',
    ),
  ],
  [
    'blogger',
    'POST',
    '/v1/figures',
    figure(
      F.blogger,
      UNVERIFIED.blogger.sourceId,
      { qualifier: 'range', low: 1000, high: 2000 },
      '2024-10-27',
      REPORTS.oct28.reportId,
      '1,000 to 2,000',
    ),
  ],
  [
    'hur',
    'POST',
    '/v1/figures',
    figure(F.hur, SOURCES.hur.sourceId, { qualifier: 'approximately', value: 12000 }, '2024-10-28', REPORTS.oct28.reportId, 'nearer 12,000'),
  ],
  [
    'mivdUpdate',
    'POST',
    `/v1/figures/${F.mivd}/revisions`,
    {
      amount: { qualifier: 'approximately', value: 3000 },
      validAt: { date: '2024-10-28' },
      citation: { reportId: REPORTS.oct28.reportId, quote: 'now about 3,000' },
      reason: 'new assessment',
    },
  ],
  [
    'us',
    'POST',
    '/v1/figures',
    figure(F.us, SOURCES.usIntel.sourceId, { qualifier: 'at_least', low: 10000 }, '2024-10-30', REPORTS.wire.reportId, 'at least 10,000'),
  ],
  ['channelVerified', 'PATCH', `/v1/sources/${UNVERIFIED.channel.sourceId}`, { needsReview: false }],
  ['hurNotParty', 'PATCH', `/v1/sources/${SOURCES.hur.sourceId}`, { partyToConflict: false }],
  [
    'channelLater',
    'POST',
    '/v1/figures',
    figure(
      F.channelLater,
      UNVERIFIED.channel.sourceId,
      { qualifier: 'more_than', low: 40000 },
      '2024-10-29',
      REPORTS.wire.reportId,
      'more than 40,000',
    ),
  ],
  [
    'bloggerCorrected',
    'POST',
    `/v1/figures/${F.blogger}/revisions`,
    {
      amount: { qualifier: 'range', low: 1500, high: 2500 },
      citation: { reportId: REPORTS.wire.reportId, quote: '1,500 to 2,500' },
      reason: 'misread',
    },
  ],
  ['hurParty', 'PATCH', `/v1/sources/${SOURCES.hur.sourceId}`, { partyToConflict: true }],
  ['wire', 'POST', `/v1/figures/${F.hur}/corroborations`, { citation: { reportId: REPORTS.wire.reportId, quote: 'around 12,000' } }],
  ['channelUnverified', 'PATCH', `/v1/sources/${UNVERIFIED.channel.sourceId}`, { needsReview: true }],
  ['usRetracted', 'POST', `/v1/figures/${F.us}/retractions`, { reason: 'withdrawn by the agency' }],
];

export const GOLDEN_DATES = ['2024-10-26', '2024-10-28', '2024-10-31'] as const;

export interface GoldenLedger {
  /** Write name → its event's position. */
  positions: Map<string, string>;
  /** Write name → its event's recorded time (ISO). */
  times: Map<string, string>;
  /** The body with every position and recorded time of a write replaced by `<p:name>` / `<t:name>`. */
  normalise(body: string): string;
  /** The inverse: a normalised body with this ledger's positions and times. */
  render(template: string): string;
}

/** Runs GOLDEN_WRITES through the API (5 ms apart: distinct recorded times) and waits for the read models. */
export async function writeGoldenLedger(api: ReadApiHarness): Promise<GoldenLedger> {
  const positions = new Map<string, string>();
  for (const [name, method, path, body] of GOLDEN_WRITES) {
    const response = await api.request(method, path, body, { 'x-actor': 'golden' });
    if (response.status !== 201 && response.status !== 200) throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
    positions.set(name, (response.body as { position: string }).position);
    await new Promise((r) => setTimeout(r, 5));
  }
  const { rows } = await sql<{ position: string; at: string }>`
    SELECT position::text AS position, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM events`.execute(api.db.db);
  const timeOf = new Map(rows.map((r) => [r.position, r.at]));
  const times = new Map([...positions].map(([name, position]) => [name, timeOf.get(position)!]));
  if (new Set(times.values()).size !== times.size) throw new Error('two writes share a recorded time: the golden answers could not name them');
  const nameOfPosition = new Map([...positions].map(([name, p]) => [p, name]));
  const nameOfTime = new Map([...times].map(([name, t]) => [t, name]));
  await api.settled([...positions.values()].at(-1)!);
  return {
    positions,
    times,
    normalise: (body) =>
      body
        .replace(/"(position|recordedPosition)":"(\d+)"/g, (all, key: string, p: string) =>
          nameOfPosition.has(p) ? `"${key}":"<p:${nameOfPosition.get(p)}>"` : all,
        )
        .replace(/"(\d{4}-\d\d-\d\dT[\d:.]+Z)"/g, (all, t: string) => (nameOfTime.has(t) ? `"<t:${nameOfTime.get(t)}>"` : all)),
    render: (template) =>
      template.replace(/<p:(\w+)>/g, (_all, name: string) => positions.get(name)!).replace(/<t:(\w+)>/g, (_all, name: string) => times.get(name)!),
  };
}

/** Every basis the golden answers cover: each write's position and recorded time (from the metric's on), and the head; each date; with and without excludeParties. */
export function goldenQueries(ledger: GoldenLedger, extra = ''): { key: string; url: (ledger: GoldenLedger) => string }[] {
  const names = [...ledger.positions.keys()];
  const queries: { key: string; url: (l: GoldenLedger) => string }[] = [];
  for (const asOf of [...names.map((n) => `p:${n}`), ...names.filter((_, i) => i % 3 === 1).map((n) => `t:${n}`), 'head']) {
    for (const validAt of GOLDEN_DATES) {
      for (const excludeParties of [undefined, 'false', 'true']) {
        const key = `asOf=${asOf}&validAt=${validAt}${excludeParties === undefined ? '' : `&excludeParties=${excludeParties}`}`;
        queries.push({
          key,
          url: (l) => {
            const at =
              asOf === 'head'
                ? ''
                : `asOf=${encodeURIComponent(asOf.startsWith('p:') ? l.positions.get(asOf.slice(2))! : l.times.get(asOf.slice(2))!)}&`;
            return `/v1/metrics/${METRIC.key}/estimate?${at}validAt=${validAt}${excludeParties === undefined ? '' : `&excludeParties=${excludeParties}`}${extra}`;
          },
        });
      }
    }
  }
  return queries;
}
