import type { CaseOutcome } from './run-cases';
import { max, median, min, quantile } from './stats';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface SummaryRow {
  name: string;
  group: string;
  title: string;
  unit: string;
  status: 'ok' | 'skipped' | 'failed';
  note?: string;
  /** ops/s over the rounds. */
  rate?: Spread;
  /** The rounds' `value` (cases with `valueUnit`), e.g. peak RSS. */
  value?: Spread;
  valueUnit?: string;
  /** Median over rounds of each round's p50 / p99 latency (ms). */
  p50Ms?: number;
  p99Ms?: number;
  baseline?: string;
  /** Per-round ratio to the baseline's same round (rounds are interleaved, so pairs ran close in time). */
  ratio?: Spread;
  target?: string;
  met?: boolean;
  /** Median over rounds of each of the rounds' notes. */
  notes?: Record<string, number>;
  /** ops/s of every round (or its value, for cases with `valueUnit`), for the details table. */
  rounds: number[];
}

const spread = (values: number[]): Spread => ({ median: median(values), min: min(values), max: max(values) });

export function summarize(outcomes: readonly CaseOutcome[]): SummaryRow[] {
  const rates = new Map(outcomes.map((o) => [o.case.name, o.rounds.map((r) => r.ops / r.seconds)]));
  return outcomes.map((o): SummaryRow => {
    const c = o.case;
    const target = targetText(o);
    const base = { name: c.name, group: c.group, title: c.title, unit: c.unit, baseline: c.baseline, target };
    if (o.skipped) return { ...base, status: 'skipped', note: o.skipped, rounds: [] };
    if (o.failed || o.rounds.length === 0) return { ...base, status: 'failed', note: o.failed ?? 'no rounds', rounds: [] };
    const own = rates.get(c.name)!;
    const row: SummaryRow = { ...base, status: 'ok', rate: spread(own), rounds: own };
    if (c.valueUnit) {
      const values = o.rounds.map((r) => r.value ?? Number.NaN);
      Object.assign(row, { value: spread(values), valueUnit: c.valueUnit, rounds: values });
    }
    const latencies = o.rounds.filter((r) => r.latencies?.length);
    if (latencies.length) {
      row.p50Ms = median(latencies.map((r) => quantile(r.latencies!, 0.5)));
      row.p99Ms = median(latencies.map((r) => quantile(r.latencies!, 0.99)));
    }
    const noted = o.rounds.filter((r) => r.notes);
    if (noted.length) {
      const names = [...new Set(noted.flatMap((r) => Object.keys(r.notes!)))];
      row.notes = Object.fromEntries(names.map((n) => [n, median(noted.map((r) => r.notes![n] ?? Number.NaN))]));
    }
    const baseline = c.baseline ? rates.get(c.baseline) : undefined;
    if (baseline?.length) {
      const paired = own.slice(0, baseline.length).map((rate, i) => rate / baseline[i]!);
      row.ratio = spread(paired);
    }
    const checks: boolean[] = [];
    if (c.target?.minRatio !== undefined) checks.push(row.ratio !== undefined && row.ratio.median >= c.target.minRatio);
    if (c.target?.maxP99Ms !== undefined) checks.push(row.p99Ms !== undefined && row.p99Ms <= c.target.maxP99Ms);
    if (c.target?.maxValue !== undefined) checks.push(row.value !== undefined && row.value.median <= c.target.maxValue);
    if (checks.length) row.met = checks.every(Boolean);
    return row;
  });
}

function targetText(o: CaseOutcome): string | undefined {
  const t = o.case.target;
  if (!t) return undefined;
  const parts = [
    t.minRatio !== undefined ? `≥ ${t.minRatio}×` : '',
    t.maxP99Ms !== undefined ? `p99 ≤ ${t.maxP99Ms} ms` : '',
    t.maxValue !== undefined ? `≤ ${t.maxValue} ${o.case.valueUnit ?? ''}`.trimEnd() : '',
    t.note ?? '',
  ];
  return parts.filter(Boolean).join(', ');
}
