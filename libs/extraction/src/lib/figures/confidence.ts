import type { Qualifier, Unit } from '../types';
import type { UnitReading } from './find-unit';

export interface ConfidenceInput {
  evidence: UnitReading['evidence'];
  unit: Unit;
  word: boolean;
  vague: boolean;
  sourced: boolean;
  classified: boolean;
  qualifier: Qualifier;
  conversion: boolean;
}

const EVIDENCE: Record<UnitReading['evidence'], number> = { lexicon: 0.15, generic: -0.15, inferred: -0.05, none: -0.25 };
const UNIT_PENALTY: Partial<Record<Unit, number>> = { years: -0.3, months: -0.35, weeks: -0.35, days: -0.35, hours: -0.35, percent: -0.1, m: -0.1 };

/**
 * A figure is likelier to be a reported quantity when it is written in
 * digits, counts a known noun, is credited to someone and fits a catalog
 * metric; durations, conversions and vague words are weaker.
 */
export const scoreConfidence = (f: ConfidenceInput): number => {
  let score = f.vague ? 0.4 : f.word ? 0.5 : 0.6;
  score += EVIDENCE[f.evidence];
  score += UNIT_PENALTY[f.unit] ?? 0;
  if (f.sourced) score += 0.1;
  if (f.classified) score += 0.1;
  if (f.qualifier !== 'exact') score += 0.05;
  if (f.conversion) score -= 0.25;
  return Math.round(Math.min(0.99, Math.max(0.05, score)) * 100) / 100;
};
