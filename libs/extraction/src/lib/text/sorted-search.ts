/**
 * How many items of `sorted` (ascending by `key`) lie below `value` (or at it, with `inclusive`): the binary search every
 * per-figure look-up uses, so extraction stays near-linear. Hand-written: a dependency for eight lines is not worth it.
 */
export const countBelow = <T>(sorted: readonly T[], key: (item: T) => number, value: number, inclusive = false): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const k = key(sorted[mid] as T);
    if (k < value || (inclusive && k === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
