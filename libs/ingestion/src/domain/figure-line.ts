import {
  FIGURE_METHODS,
  LedgerLimits,
  LedgerPatterns,
  isCalendarDate,
  parseNewAmount,
  parseValidAt,
  type FigureMethod,
} from '@factledger/ledger-domain';
import { isDomainError } from '@factledger/shared';
import { IngestionErrorCodes } from './payload-errors';
import type { Candidate, FigureLocation, Rejection, StructuredFigureInput } from './ingestion.types';
import { saysRevised } from './revision-wording';
import { checkNewSourceName } from './source-registration';

export const FIGURE_FIELDS = [
  'metricKey',
  'source',
  'qualifier',
  'value',
  'low',
  'high',
  'unit',
  'validAt',
  'validPrecision',
  'statedAt',
  'quote',
  'quoteOffset',
  'method',
  'scopeNote',
  'revises',
  'reason',
] as const;

class LineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (field: string, reason: string) => new LineError(IngestionErrorCodes.invalidFigure, `${field} ${reason}`);

const str = (raw: Record<string, unknown>, field: string, max: number, required = true): string | null => {
  const v = raw[field];
  if (v === undefined) {
    if (required) throw fail(field, 'is required');
    return null;
  }
  if (typeof v !== 'string' || v.trim() === '') throw fail(field, 'must be a non-blank string');
  if (v.length > max) throw fail(field, `must have at most ${max} characters`);
  return v;
};

const num = (raw: Record<string, unknown>, field: string): number | undefined => {
  const v = raw[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(field, 'must be a finite number');
  return v;
};

/**
 * One structured figure checked with the ledger's own rules (amount, validAt, source name),
 * so a line that passes here is refused later only for reasons of state
 * (unknown metric, unit, dates in the future). `today` bounds the dates.
 */
export function parseFigureLine(raw: StructuredFigureInput, at: FigureLocation, today: string): Candidate | Rejection {
  const record = raw as unknown as Record<string, unknown>;
  const quote = typeof record.quote === 'string' ? record.quote : undefined;
  try {
    const unknown = Object.keys(record).filter((k) => !(FIGURE_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0) throw fail(unknown[0]!, 'is not a figure field');
    const metricKey = str(record, 'metricKey', 100)!;
    if (!LedgerPatterns.metricKey.test(metricKey)) throw fail('metricKey', 'must match ^[a-z][a-z0-9_]{1,99}$');
    const sourceName = str(record, 'source', LedgerLimits.nameMax)!.trim();
    // The ledger's name rules: a name no source could be registered under (a control character, say) is refused now, not in the worker.
    try {
      checkNewSourceName(sourceName, `${today}T00:00:00.000Z`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      throw fail('source', typeof error.details.reason === 'string' ? error.details.reason : error.message);
    }
    const amount = parseNewAmount({ qualifier: record.qualifier, value: num(record, 'value'), low: num(record, 'low'), high: num(record, 'high') });
    if (record.validAt === undefined) throw fail('validAt', 'is required');
    const validAt = parseValidAt({ date: record.validAt, precision: record.validPrecision ?? 'day' });
    if (validAt.date > today) throw fail('validAt', `must not be after today (${today})`);
    const statedAt = str(record, 'statedAt', 10, false);
    if (statedAt !== null && (!isCalendarDate(statedAt) || statedAt > today))
      throw fail('statedAt', 'must be a calendar date YYYY-MM-DD, not after today');
    const quoteText = str(record, 'quote', LedgerLimits.quoteMax)!;
    const quoteOffset = record.quoteOffset;
    if (quoteOffset !== undefined && !(Number.isSafeInteger(quoteOffset) && (quoteOffset as number) >= 0))
      throw fail('quoteOffset', 'must be a non-negative integer');
    const method = record.method ?? 'unknown';
    if (!(FIGURE_METHODS as readonly unknown[]).includes(method)) throw fail('method', `must be one of ${FIGURE_METHODS.join(', ')}`);
    if (record.revises !== undefined && typeof record.revises !== 'boolean') throw fail('revises', 'must be a boolean');
    const reason = str(record, 'reason', LedgerLimits.reasonMax, false);
    return {
      at,
      metricKey,
      sourceName,
      sourceIsPublisher: false,
      amount,
      unit: str(record, 'unit', LedgerLimits.unitMax, false)?.trim() ?? null,
      validAt,
      statedAt,
      quote: quoteText,
      quoteOffset: (quoteOffset as number | undefined) ?? null,
      method: method as FigureMethod,
      scopeNote: str(record, 'scopeNote', LedgerLimits.scopeNoteMax, false)?.trim() ?? null,
      // An explicit flag wins; otherwise the quote's own wording ("revised", "corrected") decides.
      revises: (record.revises as boolean | undefined) ?? saysRevised(quoteText),
      reason: reason?.trim() ?? null,
    };
  } catch (error) {
    if (error instanceof LineError || isDomainError(error)) {
      return { ...at, code: error instanceof LineError ? error.code : error.code, reason: error.message, ...(quote ? { quote } : {}) };
    }
    throw error;
  }
}

export const isRejection = <T extends object>(x: T | Rejection): x is Rejection => 'code' in x;
