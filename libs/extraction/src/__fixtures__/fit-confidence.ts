import { FEATURE_NAMES } from '../lib/figures/confidence';
import * as path from 'node:path';
import { calibrationSet, expectedCalibrationError, FIT_DOCS, fitSet, type Labelled, REPORTED_BATCHES, UNSEEN_BATCHES } from './calibration-set';
import { HELD_OUT_DIR } from './gold-match';

// Fits the confidence model's logistic weights on the generality articles g01–g39 and the annotator batches
// in FIT_BATCHES (held-out-8 to -39), and prints them for
// lib/figures/confidence.ts. Run: node -r ./tools/register.cjs libs/extraction/src/__fixtures__/fit-confidence.ts
// Hand-written Newton's method (eighteen features, under a thousand rows): a library would bring more than it saves.

/** Ridge penalty on every weight but the bias: with few wrong candidates, keeps rare features' weights finite. */
const RIDGE = 1;
const ITERATIONS = 25;

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and, with the ridge, well conditioned). */
const solve = (a: number[][], b: number[]): number[] => {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const row = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] as number) / (row[c] as number);
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
};

/** Ridge logistic regression by Newton's method (iteratively reweighted least squares). */
export const fitLogistic = (rows: Labelled[]): number[] => {
  const k = FEATURE_NAMES.length;
  let w = new Array<number>(k).fill(0);
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = w.map((x, i) => (i ? RIDGE * x : 0));
    const hess = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j && i ? RIDGE : 0)));
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-r.features.reduce((s, x, i) => s + x * (w[i] as number), 0)));
      const err = p - (r.right ? 1 : 0);
      const v = p * (1 - p);
      r.features.forEach((xi, i) => {
        if (!xi) return;
        grad[i] = (grad[i] as number) + err * xi;
        const row = hess[i] as number[];
        r.features.forEach((xj, j) => (row[j] = (row[j] as number) + v * xi * xj));
      });
    }
    const step = solve(hess, grad);
    w = w.map((x, i) => x - (step[i] as number));
  }
  return w.map((x) => Math.round(x * 100) / 100);
};

if (require.main === module) {
  const weights = fitLogistic(fitSet());
  FEATURE_NAMES.forEach((name, i) => process.stdout.write(`${name.padEnd(18)} ${weights[i]}\n`));
  process.stdout.write(`[${weights.join(', ')}]\n`);
  // The shipped weights' calibration: on the fit set, on the later generality batches, and on the unfixed held-out batch.
  const ece = (name: string, set: Labelled[]): void => void process.stdout.write(`ECE ${name}: ${expectedCalibrationError(set).toFixed(3)} over ${set.length} candidates\n`);
  ece('fit set (g01-g39, FIT_BATCHES)', fitSet());
  ece('generality g40+', calibrationSet((doc) => !FIT_DOCS(doc)));
  ece('held-out', calibrationSet(() => true, HELD_OUT_DIR));
  for (const dir of [...UNSEEN_BATCHES, ...REPORTED_BATCHES]) ece(dir, calibrationSet(() => true, path.join(__dirname, dir)));
}
