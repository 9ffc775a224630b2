import type { ExtractedFigure } from '../types';

/** Confidence below which a figure is a candidate for review rather than a ledger entry. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** A figure firm enough to record: stated (not a vague word), not a conversion, and confident enough. */
export const isFirmFigure = (f: ExtractedFigure, minConfidence = DEFAULT_MIN_CONFIDENCE): boolean =>
  !f.vague && !f.conversion && f.confidence >= minConfidence;
