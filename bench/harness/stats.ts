/** Small, dependency-free statistics for round results. */

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Linear-interpolated quantile (q in 0..1); NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const min = (values: readonly number[]): number => (values.length ? Math.min(...values) : Number.NaN);
export const max = (values: readonly number[]): number => (values.length ? Math.max(...values) : Number.NaN);
