import type { ExtractedFigure } from '../lib/types';

/** What a fixture article must yield (firm figures, in order). Fields left out are not checked. */
export type ExpectedFigure = Partial<Pick<ExtractedFigure, 'value' | 'low' | 'high' | 'unit' | 'metric'>> &
  Pick<ExtractedFigure, 'numberText' | 'qualifier' | 'source' | 'as_of'>;

export interface FixtureArticle {
  file: string;
  publishedAt?: string;
  expected: ExpectedFigure[];
}

// Invented articles written for these tests; each exercises prose the extractor meets in real reporting.
export const FIXTURE_ARTICLES: FixtureArticle[] = [
  {
    file: 'kursk-briefing.txt',
    expected: [
      { numberText: 'more than 11,000', low: 11000, qualifier: 'more_than', unit: 'troops', source: 'South Korea\'s National Intelligence Service', as_of: '2024-11-05', metric: 'north_korean_troops_in_russia' },
      { numberText: '3,000', value: 3000, qualifier: 'exact', unit: 'troops', source: 'South Korea\'s National Intelligence Service', as_of: '2024-11-05', metric: 'north_korean_troops_in_russia' },
      { numberText: 'roughly 10,000', value: 10000, qualifier: 'approximately', unit: 'troops', source: 'Pentagon', as_of: '2024-11-06', metric: 'north_korean_troops_in_russia' },
      { numberText: 'some 8,000', value: 8000, qualifier: 'approximately', unit: 'troops', source: 'Pentagon', as_of: '2024-10-28', metric: 'north_korean_troops_in_kursk' },
      { numberText: 'at least 2,500', low: 2500, qualifier: 'at_least', unit: 'troops', source: 'Ukraine\'s defence intelligence agency citing intercepted radio traffic', as_of: '2024-11-06' },
      { numberText: 'no fewer than 500', low: 500, qualifier: 'at_least', unit: 'people', source: 'Kyiv\'s military', as_of: '2024-11-06', metric: 'north_korean_casualties' },
      { numberText: 'as many as 15,000', high: 15000, qualifier: 'up_to', unit: 'troops', source: 'Lt Gen Kyrylo Budanov', as_of: '2024-11-06' },
      { numberText: '1,271', value: 1271, qualifier: 'exact', unit: 'per_day', source: 'UK Ministry of Defence', as_of: '2024-10-01', metric: 'russian_casualties_per_day' },
      { numberText: 'upwards of 13,000', low: 13000, qualifier: 'more_than', unit: 'count', source: 'Seoul', as_of: '2024-11-06', metric: 'north_korean_containers_shipped_to_russia' },
      { numberText: 'between 8 million and 9 million', low: 8000000, high: 9000000, qualifier: 'range', unit: 'count', source: 'Seoul', as_of: '2024-11-06', metric: 'north_korean_ammunition_rounds_supplied_to_russia' },
      { numberText: 'an estimated $5.5bn', value: 5500000000, qualifier: 'approximately', unit: 'usd', source: "Ukraine's defence intelligence agency citing intercepted radio traffic", as_of: '2024-11-05', metric: 'north_korea_arms_revenue_usd' },
      { numberText: 'about 600', value: 600, qualifier: 'approximately', unit: 'km2', source: 'analysts at the Institute for the Study of War', as_of: '2024-11-06', metric: 'ukraine_held_area_kursk_km2' },
      { numberText: '1,300', value: 1300, qualifier: 'exact', unit: 'km2', source: 'analysts at the Institute for the Study of War', as_of: '2024-08-01', metric: 'ukraine_held_area_kursk_km2' },
    ],
  },
  {
    file: 'casualty-monitor.txt',
    expected: [
      { numberText: '1,520', value: 1520, qualifier: 'exact', unit: 'per_day', source: 'Ukraine\'s General Staff', as_of: '2024-11-14', metric: 'russian_casualties_per_day' },
      { numberText: '712,000', value: 712000, qualifier: 'exact', unit: 'people', source: 'Ukraine\'s General Staff', as_of: '2024-11-14', metric: 'russian_casualties_total' },
      { numberText: 'around 1,200', value: 1200, qualifier: 'approximately', unit: 'per_day', source: 'Britain\'s defence intelligence', as_of: '2024-11-12', metric: 'russian_casualties_per_day' },
      { numberText: 'roughly 36,000', value: 36000, qualifier: 'approximately', unit: 'per_month', source: 'Britain\'s defence intelligence', as_of: '2024-11-12', metric: 'russian_casualties_per_month' },
      { numberText: '1,000-1,200', low: 1000, high: 1200, qualifier: 'range', unit: 'per_day', source: 'senior Western official', as_of: '2024-11-08' },
      { numberText: 'Rbs3mn', value: 3000000, qualifier: 'exact', unit: 'rub', source: 'senior Western official', as_of: '2024-11-08' },
      { numberText: 'Rbs13.2tn', value: 13200000000000, qualifier: 'exact', unit: 'rub', source: 'Bloomberg citing budget documents', as_of: '2024-11-05' },
      { numberText: 'Rbs10.8tn', value: 10800000000000, qualifier: 'exact', unit: 'rub', source: 'Bloomberg citing budget documents', as_of: '2024-11-05' },
      { numberText: 'as much as $1.28bn', high: 1280000000, qualifier: 'up_to', unit: 'usd', source: 'South Korean lawmakers citing spy agency', as_of: '2024-11-03' },
      { numberText: '12,000-15,000', low: 12000, high: 15000, qualifier: 'range', unit: 'people', source: 'South Korean lawmakers citing spy agency', as_of: '2024-11-03' },
      { numberText: '9,000', value: 9000, qualifier: 'exact', unit: 'count', source: 'Seoul', as_of: '2024-09-01', metric: 'north_korean_containers_shipped_to_russia' },
      { numberText: '4.8 million', value: 4800000, qualifier: 'exact', unit: 'count', source: 'Seoul', as_of: '2024-09-01', metric: 'north_korean_ammunition_rounds_supplied_to_russia' },
      { numberText: '3,600', value: 3600, qualifier: 'exact', unit: 'per_month', source: 'article', as_of: '2024-11-15' },
    ],
  },
  {
    file: 'wire-report.txt',
    publishedAt: '2024-10-30',
    expected: [
      { numberText: 'some 3,000', value: 3000, qualifier: 'approximately', unit: 'troops', source: 'South Korea\'s spy agency', as_of: '2024-10-30', metric: 'north_korean_troops_in_russia' },
      { numberText: '10,000', value: 10000, qualifier: 'exact', unit: 'troops', source: 'Washington', as_of: '2024-10-30', metric: 'north_korean_troops_in_russia' },
      { numberText: 'roughly 8,000', value: 8000, qualifier: 'approximately', unit: 'troops', source: 'Pentagon press secretary Maj Gen Pat Ryder', as_of: '2024-10-30', metric: 'north_korean_troops_in_kursk' },
      { numberText: 'more than 2,000', low: 2000, qualifier: 'more_than', unit: 'troops', source: 'Pentagon press secretary Maj Gen Pat Ryder', as_of: '2024-11-01' },
      { numberText: 'estimated at 50,000', value: 50000, qualifier: 'approximately', unit: 'troops', source: 'Ukrainian President Volodymyr Zelenskiy', as_of: '2024-10-30' },
      { numberText: '1,000 to 1,500', low: 1000, high: 1500, qualifier: 'range', unit: 'per_day', source: 'Officials in Kyiv', as_of: '2024-10-30', metric: 'russian_casualties_per_day' },
      // "had entered Russia ... this year": a running total, so it holds as of the dateline, not 1 January.
      { numberText: 'three thousand', value: 3000, qualifier: 'exact', unit: 'people', source: 'Reuters tally', as_of: '2024-10-30' },
      { numberText: 'a dozen', value: 12, qualifier: 'exact', unit: 'troops', source: 'Reuters tally', as_of: '2024-10-30', metric: 'north_korean_troops_in_russia' },
    ],
  },
  {
    file: 'frontline-analysis.txt',
    expected: [
      { numberText: 'in excess of 11,000', low: 11000, qualifier: 'more_than', unit: 'troops', source: 'Kyiv\'s military intelligence', as_of: '2024-11-20', metric: 'north_korean_troops_in_kursk' },
      { numberText: 'no more than 10,000', high: 10000, qualifier: 'up_to', unit: 'troops', source: 'officials', as_of: '2024-11-20', metric: 'north_korean_troops_in_russia' },
      { numberText: 'nearly 200', value: 200, qualifier: 'approximately', unit: 'people', source: 'South Korea\'s intelligence', as_of: '2024-11-20', metric: 'north_korean_casualties' },
      { numberText: 'greater than 500', low: 500, qualifier: 'more_than', unit: 'people', source: 'Ukrainian commanders', as_of: '2024-11-19' },
      { numberText: 'approximately 1,500', value: 1500, qualifier: 'approximately', unit: 'per_day', source: 'Western officials', as_of: '2024-11-20', metric: 'russian_casualties_per_day' },
      { numberText: 'almost 42,000', value: 42000, qualifier: 'approximately', unit: 'people', source: 'UK defence ministry', as_of: '2024-11-14', metric: 'russian_casualties_total' },
      { numberText: 'at most 4,000', high: 4000, qualifier: 'up_to', source: 'senior Nato official', as_of: '2024-11-20' },
      { numberText: '30 to 40', low: 30, high: 40, qualifier: 'range', unit: 'km', source: 'senior Nato official', as_of: '2024-11-20' },
      { numberText: '1,376', value: 1376, qualifier: 'exact', unit: 'km2', source: 'article', as_of: '2024-11-20', metric: 'ukraine_held_area_kursk_km2' },
      { numberText: 'between 700 and 800', low: 700, high: 800, qualifier: 'range', unit: 'km2', source: 'Kyiv', as_of: '2024-11-20', metric: 'ukraine_held_area_kursk_km2' },
      { numberText: 'more than 600', low: 600, qualifier: 'more_than', unit: 'people', source: 'Kyiv', as_of: '2024-11-20' },
      { numberText: 'at least 12', low: 12, qualifier: 'at_least', unit: 'count', source: 'article', as_of: '2024-11-20' },
      { numberText: 'about $2,000', value: 2000, qualifier: 'approximately', unit: 'per_month', source: 'article', as_of: '2024-11-20', metric: 'north_korean_troop_pay_usd_per_month' },
    ],
  },
];
