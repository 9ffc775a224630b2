import type { MetricPattern } from '../types';

// Regex sources (case-insensitive); see MetricPattern for how they combine.
const NK = String.raw`north korea|pyongyang|\bdprk\b|kim jong.?un`;
const CASUALTY = String.raw`killed|wounded|injured|casualt|\bdead\b|\bdied\b|deaths?\b|losses|\blost\b|\blos(?:e|es|ing)\b|attrition`;
const RUSSIA = String.raw`russia|moscow|kremlin|putin`;

/** The catalog for reporting on North Korea's part in Russia's war against Ukraine. */
export const DEFAULT_METRIC_PATTERNS: MetricPattern[] = [
  { key: 'north_korean_troops_in_kursk', unit: 'troops', patterns: [NK], local: [String.raw`kursk`] },
  { key: 'north_korean_troops_in_ukraine', unit: 'troops', patterns: [NK], local: [String.raw`\bin(?:to)? ukraine|ukrainian territory`] },
  { key: 'north_korea_active_soldiers', unit: 'troops', patterns: [NK], local: [String.raw`\bactive|standing army|regular (?:army|forces)`] },
  { key: 'north_korea_reserve_soldiers', unit: 'troops', patterns: [NK], local: [String.raw`reserv`] },
  { key: 'north_korean_casualties', unit: 'people', patterns: [NK], local: [CASUALTY], exclude: [String.raw`russian`] },
  { key: 'north_korean_troops_in_russia', unit: 'troops', patterns: [NK, String.raw`${RUSSIA}|deploy|dispatch|\bsen[dt]\b|sending`] },
  { key: 'russian_casualties_per_month', unit: 'per_month', patterns: [CASUALTY] },
  { key: 'russian_casualties_per_day', unit: 'per_day', patterns: [CASUALTY] },
  { key: 'russian_casualties_total', unit: 'people', patterns: [RUSSIA], local: [CASUALTY], exclude: [String.raw`north korean|ukrainian|civilian`] },
  { key: 'ukrainian_casualties_total', unit: 'people', patterns: [String.raw`ukrain`], local: [CASUALTY, String.raw`ukrainian`] },
  { key: 'russian_recruits_per_month', unit: 'per_month', patterns: [String.raw`recruit|enlist|sign(?:ed|ing)? (?:up|contracts?)|volunteers`] },
  {
    key: 'north_korea_arms_revenue_usd',
    unit: 'usd',
    patterns: [
      NK,
      String.raw`arms|weapons|munitions|ammunition|shells|missiles`,
      String.raw`earn|revenue|income|sales|\bsold\b|profit|\bpaid\b|worth|\bmade\b`,
    ],
  },
  { key: 'north_korean_ammunition_rounds_supplied_to_russia', unit: 'count', patterns: [NK], noun: String.raw`rounds|shells|ammunition|munitions` },
  { key: 'north_korean_missiles_supplied_to_russia', unit: 'count', patterns: [NK], noun: String.raw`missiles` },
  { key: 'north_korean_containers_shipped_to_russia', unit: 'count', patterns: [NK], noun: String.raw`containers` },
  { key: 'north_korean_troops_distance_to_ukraine_border_km', unit: 'km|miles', patterns: [String.raw`border|front ?line|frontline`] },
  { key: 'ukraine_held_area_kursk_km2', unit: 'km2|mi2', patterns: [String.raw`kursk|incursion`, String.raw`ukrain|kyiv`] },
  { key: 'russia_captured_area_ukraine_km2', unit: 'km2|mi2', patterns: [RUSSIA, String.raw`captur|seiz|gain|advanc|occup|took`] },
  { key: 'north_korea_military_service_years', unit: 'years', patterns: [String.raw`military service|conscription|mandatory|\bserve`] },
  {
    key: 'north_korean_troop_pay_usd_per_month',
    unit: 'per_month',
    patterns: [NK, String.raw`paid|pay|salary|salaries|wage`],
    local: [String.raw`\$|dollar|usd`],
  },
];
