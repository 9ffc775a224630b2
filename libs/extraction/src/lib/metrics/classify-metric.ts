import type { MetricPattern } from '../types';

export const UNCLASSIFIED = 'unclassified';

interface CompiledMetric {
  key: string;
  units?: string[];
  patterns: RegExp[];
  local: RegExp[];
  exclude: RegExp[];
  noun?: RegExp;
  weight: number;
}

export interface MetricContext {
  unit: string;
  noun: string;
  /** The figure's sentence. */
  sentence: string;
  /** The sentence before it (for "those soldiers"). */
  previous: string;
  /** The figure's own stretch of the sentence, between its neighbouring figures. */
  local: string;
}

const cache = new WeakMap<MetricPattern[], CompiledMetric[]>();

const compile = (catalog: MetricPattern[]): CompiledMetric[] => {
  const hit = cache.get(catalog);
  if (hit) return hit;
  const compiled = catalog.map((p) => {
    const local = (p.local ?? []).map((s) => new RegExp(s, 'i'));
    const patterns = p.patterns.map((s) => new RegExp(s, 'i'));
    return {
      key: p.key,
      ...(p.unit ? { units: p.unit.split('|') } : {}),
      patterns,
      local,
      exclude: (p.exclude ?? []).map((s) => new RegExp(s, 'i')),
      ...(p.noun ? { noun: new RegExp(String.raw`\b(?:${p.noun})\b`, 'i') } : {}),
      weight: patterns.length + 2 * local.length + (p.noun ? 2 : 0) + (p.unit ? 1 : 0),
    };
  });
  cache.set(catalog, compiled);
  return compiled;
};

/** The most specific catalog metric that fits the figure, or "unclassified". */
export const classifyMetric = (ctx: MetricContext, catalog: MetricPattern[]): string => {
  const metrics = compile(catalog);
  const fits = (m: CompiledMetric, context: string): boolean =>
    (!m.units || m.units.includes(ctx.unit)) &&
    m.patterns.every((re) => re.test(context)) &&
    m.local.every((re) => re.test(ctx.local)) &&
    (!m.noun || m.noun.test(ctx.noun)) &&
    !m.exclude.some((re) => re.test(ctx.local));
  for (const context of [ctx.sentence, `${ctx.previous} ${ctx.sentence}`]) {
    let best: CompiledMetric | undefined;
    for (const m of metrics) if (fits(m, context) && (!best || m.weight > best.weight)) best = m;
    if (best) return best.key;
  }
  return UNCLASSIFIED;
};
