import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';
import type { MetricPattern } from '../types';

const metricOf = (text: string, fragment: string, metrics?: MetricPattern[]): string => figureIn(text, fragment, metrics ? { metrics } : {}).metric;

describe('metric classification with DEFAULT_METRIC_PATTERNS', () => {
  it.each([
    ['Seoul says North Korea has sent 3,000 troops to Russia.', '3,000', 'north_korean_troops_in_russia'],
    ['About 8,000 North Korean soldiers are now in the Kursk region.', '8,000', 'north_korean_troops_in_kursk'],
    ['The UK says Russia suffers 30,000 casualties a month.', '30,000', 'russian_casualties_per_month'],
    ['Russia is losing 1,200 soldiers killed or wounded per day.', '1,200', 'russian_casualties_per_day'],
    ["Some 600,000 of Russia's troops have been killed or wounded.", '600,000', 'russian_casualties_total'],
    ['North Korea has earned $540 million from arms sales to Russia.', '$540 million', 'north_korea_arms_revenue_usd'],
    ['Pyongyang has supplied 8 million artillery shells to Moscow.', '8 million', 'north_korean_ammunition_rounds_supplied_to_russia'],
    ['Ukraine still holds 600 sq km of the Kursk region.', '600', 'ukraine_held_area_kursk_km2'],
  ])('%s', (text, fragment, metric) => {
    expect(metricOf(text, fragment)).toBe(metric);
  });

  it('classifies two figures of one sentence by their own words', () => {
    const figures = extractFigures('North Korea has 1.3 million active soldiers and 7.5 million soldiers on reserve.');
    expect(figures.map((f) => f.metric)).toEqual(['north_korea_active_soldiers', 'north_korea_reserve_soldiers']);
  });

  it('uses the previous sentence for "those soldiers"', () => {
    const text = 'North Korea has sent 10,000 troops to Russia. Most of those soldiers - about 8,000 - are in Kursk.';
    expect(metricOf(text, '8,000')).toBe('north_korean_troops_in_kursk');
  });

  it('keeps figures no metric fits, as unclassified', () => {
    expect(metricOf('The city has 40 bakeries.', '40')).toBe('unclassified');
  });
});

describe('a custom metric catalog', () => {
  const catalog: MetricPattern[] = [
    { key: 'drones_launched', unit: 'count', patterns: ['drones?'], noun: 'drones' },
    { key: 'drones_downed', unit: 'count', patterns: ['drones?'], local: ['shot down|downed|intercepted'], noun: 'drones' },
    { key: 'anything_in_km', unit: 'km|miles', patterns: ['.'] },
  ];

  it('picks the most specific metric that fits', () => {
    const text = 'Russia launched 120 drones overnight, and air defences shot down 95 drones.';
    expect(extractFigures(text, { metrics: catalog }).map((f) => f.metric)).toEqual(['drones_launched', 'drones_downed']);
  });

  it('matches units listed as alternatives', () => {
    expect(metricOf('The convoy drove 30 miles.', '30', catalog)).toBe('anything_in_km');
  });

  it('replaces the default catalog', () => {
    expect(metricOf('Seoul says North Korea has sent 3,000 troops to Russia.', '3,000', catalog)).toBe('unclassified');
  });
});
