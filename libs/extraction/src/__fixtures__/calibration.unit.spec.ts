import * as path from 'node:path';
import { calibrationSet, expectedCalibrationError, FIT_BATCHES, FIT_DOCS, fitSet, UNSEEN_BATCHES } from './calibration-set';
import { fitLogistic } from './fit-confidence';
import { HELD_OUT_DIR } from './gold-match';
import { CONFIDENCE_WEIGHTS } from '../lib/figures/confidence';

// The confidence each candidate carries is a probability: among candidates given 0.8, about 8 in 10 match a
// gold record. Measured as expected calibration error (ten bins) on the generality articles.
const MAX_ECE = 0.1;

describe('confidence calibration on the generality set', () => {
  const fitted = fitSet();
  const heldOut = calibrationSet((doc) => !FIT_DOCS(doc));

  it('is calibrated on the held-out batches the weights never saw (g40 onwards)', () => {
    expect(heldOut.length).toBeGreaterThan(50);
    expect(expectedCalibrationError(heldOut)).toBeLessThanOrEqual(MAX_ECE);
  });

  it('is calibrated on the held-out batch kept unfixed in held-out/ (g76–g80)', () => {
    const unseen = calibrationSet(() => true, HELD_OUT_DIR);
    expect(unseen.length).toBeGreaterThan(30);
    expect(expectedCalibrationError(unseen)).toBeLessThanOrEqual(MAX_ECE);
  });

  it.each(FIT_BATCHES)('is calibrated on the independent annotator\'s fitted batch %s', (dir) => {
    const batch = calibrationSet(() => true, path.join(__dirname, dir));
    expect(batch.length).toBeGreaterThan(100);
    expect(expectedCalibrationError(batch)).toBeLessThanOrEqual(MAX_ECE);
  });

  it.each(UNSEEN_BATCHES)('is calibrated on the annotator batch %s, written after every fitted one and never fitted', (dir) => {
    const batch = calibrationSet(() => true, path.join(__dirname, dir));
    expect(batch.length).toBeGreaterThan(100);
    expect(expectedCalibrationError(batch)).toBeLessThanOrEqual(MAX_ECE);
  });

  it('is calibrated on the articles it was fitted on', () => {
    expect(expectedCalibrationError(fitted)).toBeLessThanOrEqual(MAX_ECE);
  });

  it('ships the weights the fitter finds (refit after changing the features or the fit set)', () => {
    const refit = fitLogistic(fitted);
    refit.forEach((w, i) => expect(Math.abs(w - (CONFIDENCE_WEIGHTS[i] ?? 0))).toBeLessThanOrEqual(0.05));
  });

  it('scores a wrong candidate lower than a right one on average', () => {
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const all = [...fitted, ...heldOut];
    expect(mean(all.filter((c) => !c.right).map((c) => c.confidence))).toBeLessThan(mean(all.filter((c) => c.right).map((c) => c.confidence)));
  });
});
