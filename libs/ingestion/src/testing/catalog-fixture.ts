import { DEFAULT_METRIC_PATTERNS } from '@factledger/extraction';
import { encodeMetricPattern } from '../domain';
import type { IngestionHarness } from './ingestion-harness';

const patterns = (key: string, unit: string) =>
  encodeMetricPattern(
    DEFAULT_METRIC_PATTERNS.find((p) => p.key === key)!,
    unit,
  );

/** A small catalog for the tests: three metrics with their extraction patterns, sources with aliases. */
export const TEST_METRICS = [
  {
    key: 'north_korean_troops_in_russia',
    label: 'North Korean troops in Russia',
    unit: 'troops',
    patterns: patterns('north_korean_troops_in_russia', 'troops'),
  },
  {
    key: 'north_korean_troops_in_kursk',
    label: 'North Korean troops in Kursk',
    unit: 'troops',
    patterns: patterns('north_korean_troops_in_kursk', 'troops'),
  },
  {
    key: 'russian_casualties_per_month',
    label: 'Russian casualties per month',
    unit: 'per_month',
    patterns: patterns('russian_casualties_per_month', 'per_month'),
  },
];

export const TEST_SOURCES = [
  {
    sourceId: 'ua-hur',
    name: 'Ukrainian military intelligence (HUR)',
    kind: 'intelligence',
    country: 'UA',
    partyToConflict: true,
    aliases: ['HUR', "Ukraine's military intelligence", 'Ukrainian intelligence', 'Ukrainian military intelligence'],
  },
  {
    sourceId: 'us-intelligence',
    name: 'US intelligence',
    kind: 'intelligence',
    country: 'US',
    aliases: ['American intelligence', 'U.S. intelligence'],
  },
  {
    sourceId: 'kr-nis',
    name: 'South Korean National Intelligence Service',
    kind: 'intelligence',
    country: 'KR',
    aliases: ['NIS', 'National Intelligence Service', 'South Korean intelligence', "South Korea's spy agency"],
  },
  {
    sourceId: 'nl-mivd',
    name: 'Dutch Military Intelligence and Security Service',
    kind: 'intelligence',
    country: 'NL',
    aliases: ['MIVD', 'Dutch intelligence'],
  },
  { sourceId: 'uk-mod', name: 'UK Ministry of Defence', kind: 'military', country: 'GB', aliases: ['British Ministry of Defence', 'UK MoD'] },
];

/** Registers the test catalog through the ledger API. */
export async function registerTestCatalog(harness: IngestionHarness): Promise<void> {
  for (const [path, body] of [...TEST_METRICS.map((m) => ['/v1/metrics', m] as const), ...TEST_SOURCES.map((s) => ['/v1/sources', s] as const)]) {
    const response = await harness.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
