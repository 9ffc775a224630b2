import { LedgerLimits, LedgerPatterns, isCalendarDate } from '@factledger/ledger-domain';
import { findPublicationDate } from '@factledger/extraction';
import { controlCharacterProblem } from '@factledger/shared';
import { ProblemList } from './payload-errors';
import { INGESTION_KINDS, type IngestionPayload, type ReportMeta, type StructuredFigureInput } from './ingestion.types';

export const INGESTION_LIMITS = { figuresMax: 2000, textMax: 1_000_000 } as const;

const REPORT_FIELDS = ['reportId', 'publisher', 'title', 'url', 'publishedAt', 'language'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null && v !== '';

const isoDate = (ymd: { y: number; m: number; d: number } | undefined) =>
  ymd && `${String(ymd.y).padStart(4, '0')}-${String(ymd.m).padStart(2, '0')}-${String(ymd.d).padStart(2, '0')}`;

const isHttpUrl = (value: string): boolean => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

function text(problems: ProblemList, field: string, value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return void problems.add(field, 'must be a non-blank string');
  if (value.trim().length > max) return void problems.add(field, `must have at most ${max} characters`);
  const control = controlCharacterProblem(value.trim());
  if (control) return void problems.add(field, control);
  return value.trim();
}

/**
 * Report metadata as the ledger will accept it. `today` (YYYY-MM-DD) bounds
 * publishedAt; an article without publishedAt takes the date its text gives.
 */
export function parseReportMeta(raw: unknown, today: string, problems: ProblemList, articleText?: string): ReportMeta {
  if (!isRecord(raw)) {
    problems.add('report', 'must be an object');
    return { publisher: '', title: '', publishedAt: '', language: '' };
  }
  for (const key of Object.keys(raw)) if (!REPORT_FIELDS.includes(key)) problems.add(`report.${key}`, 'unknown field: not allowed');
  const report: ReportMeta = {
    publisher: text(problems, 'report.publisher', raw.publisher, LedgerLimits.publisherMax) ?? '',
    title: text(problems, 'report.title', raw.title, LedgerLimits.titleMax) ?? '',
    publishedAt: '',
    language: '',
  };
  if (given(raw.reportId)) {
    if (typeof raw.reportId === 'string' && LedgerPatterns.slug.test(raw.reportId)) report.reportId = raw.reportId;
    else problems.add('report.reportId', 'must be a slug matching ^[a-z0-9][a-z0-9_-]{0,99}$');
  }
  if (given(raw.url)) {
    if (typeof raw.url === 'string' && raw.url.length <= LedgerLimits.urlMax && isHttpUrl(raw.url)) report.url = raw.url;
    else problems.add('report.url', 'must be an absolute http(s) URL');
  }
  const publishedAt = given(raw.publishedAt) ? raw.publishedAt : articleText !== undefined ? isoDate(findPublicationDate(articleText)) : undefined;
  if (!isCalendarDate(publishedAt)) {
    // Left out of an article whose text names no date: well-formed, but the ledger needs the date (422).
    if (given(raw.publishedAt) || articleText === undefined)
      problems.add('report.publishedAt', given(raw.publishedAt) ? 'must be a calendar date YYYY-MM-DD' : 'is required');
    else problems.add('report.publishedAt', 'is required: the text gives no publication date', 'rule');
  } else if (publishedAt > today) problems.add('report.publishedAt', `must not be after today (${today})`, 'rule');
  else report.publishedAt = publishedAt;
  if (typeof raw.language === 'string' && LedgerPatterns.language.test(raw.language)) report.language = raw.language;
  else problems.add('report.language', 'must be a language tag such as en or pt-BR');
  return report;
}

/**
 * Validates the envelope of `POST /v1/ingestions` (JSON) and normalises it.
 * Figure lines are only checked for shape here; each is validated on its own
 * when ingested (a bad line is rejected with its reason, the rest go on).
 * Throws `ingestion.invalid_payload` listing every problem: 400 when
 * the envelope is malformed, 422 when only a ledger rule refuses it.
 */
export function parseIngestionPayload(raw: unknown, today: string): IngestionPayload {
  const problems = new ProblemList();
  if (!isRecord(raw)) {
    problems.add('body', 'must be a JSON object');
    problems.throwIfAny();
  }
  const body = raw as Record<string, unknown>;
  const kind = body.kind;
  if (!(INGESTION_KINDS as readonly unknown[]).includes(kind)) {
    problems.add('kind', `must be one of ${INGESTION_KINDS.join(', ')}`);
    problems.throwIfAny();
  }
  const allowed = kind === 'structured' ? ['kind', 'report', 'figures'] : ['kind', 'report', 'text'];
  for (const key of Object.keys(body)) if (!allowed.includes(key)) problems.add(key, 'unknown field: not allowed');

  if (kind === 'article') {
    const articleText = typeof body.text === 'string' ? body.text : undefined;
    if (articleText === undefined || articleText.trim() === '') problems.add('text', 'must be the non-blank article text');
    else if (articleText.length > INGESTION_LIMITS.textMax) problems.add('text', `must have at most ${INGESTION_LIMITS.textMax} characters`);
    const report = parseReportMeta(body.report, today, problems, articleText);
    problems.throwIfAny();
    return { kind: 'article', report, text: articleText! };
  }

  const report = parseReportMeta(body.report, today, problems);
  const figures = body.figures;
  if (!Array.isArray(figures) || figures.length === 0) problems.add('figures', 'must be a non-empty array');
  else if (figures.length > INGESTION_LIMITS.figuresMax) problems.add('figures', `must have at most ${INGESTION_LIMITS.figuresMax} items`);
  else figures.forEach((f, i) => isRecord(f) || problems.add(`figures[${i}]`, 'must be an object'));
  problems.throwIfAny();
  return { kind: 'structured', report, figures: (figures as Record<string, unknown>[]).map(compactFigure) };
}

/** Drops null and empty values so JSON and CSV submissions of the same figures hash alike. */
export const compactFigure = (figure: Record<string, unknown>): StructuredFigureInput =>
  Object.fromEntries(Object.entries(figure).filter(([, v]) => given(v))) as unknown as StructuredFigureInput;
