import type { MetricPattern } from '@factledger/extraction';

/**
 * How a metric's extraction patterns are stored on the ledger's metric
 * (`patterns: string[]`, regex sources matched case-insensitively):
 *
 * - `<regex>`: must match the figure's sentence (every such pattern);
 * - `local:<regex>`: must match the figure's own stretch of the sentence;
 * - `exclude:<regex>`: must not match that stretch;
 * - `noun:<regex>`: must match the figure's quantity noun;
 * - `unit:<a|b>`: units the figure may have (default: the metric's unit).
 *
 * See `MetricPattern` in @factledger/extraction for how they combine.
 */
const PREFIXES = ['local', 'exclude', 'noun', 'unit'] as const;

export function encodeMetricPattern(pattern: MetricPattern, metricUnit: string): string[] {
  return [
    ...pattern.patterns,
    ...(pattern.local ?? []).map((p) => `local:${p}`),
    ...(pattern.exclude ?? []).map((p) => `exclude:${p}`),
    ...(pattern.noun ? [`noun:${pattern.noun}`] : []),
    ...(pattern.unit && pattern.unit !== metricUnit ? [`unit:${pattern.unit}`] : []),
  ];
}

/** The extractor's view of a registered metric; null when it has no sentence pattern (extraction cannot find it). */
export function decodeMetricPattern(metric: { key: string; unit: string; patterns: readonly string[] }): MetricPattern | null {
  const decoded: Required<Pick<MetricPattern, 'patterns' | 'local' | 'exclude'>> & MetricPattern = {
    key: metric.key,
    unit: metric.unit,
    patterns: [],
    local: [],
    exclude: [],
  };
  for (const entry of metric.patterns) {
    const prefix = PREFIXES.find((p) => entry.startsWith(`${p}:`));
    const body = prefix ? entry.slice(prefix.length + 1) : entry;
    if (!isRegex(body)) continue;
    if (prefix === 'local') decoded.local.push(body);
    else if (prefix === 'exclude') decoded.exclude.push(body);
    else if (prefix === 'noun') decoded.noun = body;
    else if (prefix === 'unit') decoded.unit = body;
    else decoded.patterns.push(body);
  }
  if (decoded.patterns.length === 0 && decoded.local.length === 0 && !decoded.noun) return null;
  const { local, exclude, ...rest } = decoded;
  return { ...rest, ...(local.length ? { local } : {}), ...(exclude.length ? { exclude } : {}) };
}

// A pattern that is not a valid regex is skipped rather than failing every article.
const isRegex = (source: string): boolean => {
  try {
    new RegExp(source, 'i');
    return source.length > 0;
  } catch {
    return false;
  }
};
