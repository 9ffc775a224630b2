import type { DomainError } from '@factledger/shared';
import { parseFigureLine, isRejection } from './figure-line';
import { parseIngestionPayload } from './ingestion-payload';
import { ingestionJobId, payloadHash, reportIdFor, slugify } from './ingestion-ids';
import { csvToFigures } from './csv-figures';
import { saysRevised } from './revision-wording';
import type { IngestionPayload } from './ingestion.types';

const today = '2024-12-01';
const report = { publisher: 'Example Wire', title: 'Estimates diverge', publishedAt: '2024-10-28', language: 'en' };
const line = {
  metricKey: 'north_korean_troops_in_russia',
  source: 'HUR',
  qualifier: 'approximately',
  value: 12000,
  validAt: '2024-10-28',
  quote: 'about 12,000',
};

const failure = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a failure');
};

describe('ingestion payload', () => {
  it('accepts both kinds and drops empty values', () => {
    expect(parseIngestionPayload({ kind: 'structured', report, figures: [{ ...line, low: null, scopeNote: '' }] }, today)).toEqual({
      kind: 'structured',
      report,
      figures: [line],
    });
    expect(parseIngestionPayload({ kind: 'article', report, text: 'Some text.' }, today)).toEqual({ kind: 'article', report, text: 'Some text.' });
  });

  it('takes an article date from its text when the report gives none', () => {
    const { report: meta } = parseIngestionPayload(
      { kind: 'article', report: { ...report, publishedAt: undefined }, text: 'Date: 28/10/2024\nWhat happened?' },
      today,
    );
    expect(meta.publishedAt).toBe('2024-10-28');
  });

  it('names every envelope problem at once', () => {
    const error = failure(() =>
      parseIngestionPayload(
        { kind: 'structured', report: { publisher: ' ', url: 'ftp://x', publishedAt: '2025-01-01', extra: 1 }, figures: 'no' },
        today,
      ),
    );
    // Malformed fields: 400 (a date after today alone would be a rule, 422).
    expect(error).toMatchObject({ code: 'ingestion.invalid_payload', kind: 'malformed' });
    expect((error.details.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      ['figures', 'report.extra', 'report.language', 'report.publishedAt', 'report.publisher', 'report.title', 'report.url'].sort(),
    );
    expect(failure(() => parseIngestionPayload({ kind: 'video' }, today)).code).toBe('ingestion.invalid_payload');
    expect(failure(() => parseIngestionPayload({ kind: 'article', report, text: '  ' }, today)).code).toBe('ingestion.invalid_payload');
  });
});

describe('figure lines', () => {
  it('become candidates checked by the ledger rules', () => {
    expect(parseFigureLine(line, { index: 0 }, today)).toMatchObject({
      amount: { qualifier: 'approximately', value: 12000 },
      validAt: { date: '2024-10-28', precision: 'day' },
      method: 'unknown',
      revises: false,
    });
  });

  it.each([
    [{ ...line, value: undefined }, 'figure.amount_invalid'],
    [{ ...line, qualifier: 'up_to' }, 'figure.amount_invalid'],
    [{ ...line, validAt: '2024-02-30' }, 'figure.valid_at_invalid'],
    [{ ...line, validAt: '2024-10-05', validPrecision: 'month' }, 'figure.valid_at_invalid'],
    [{ ...line, validAt: '2025-01-01' }, 'ingestion.invalid_figure'],
    [{ ...line, metricKey: 'Bad Key' }, 'ingestion.invalid_figure'],
    [{ ...line, quote: undefined }, 'ingestion.invalid_figure'],
    [{ ...line, method: 'guess' }, 'ingestion.invalid_figure'],
    [{ ...line, colour: 'red' }, 'ingestion.invalid_figure'],
    [{ ...line, value: '12000' }, 'ingestion.invalid_figure'],
    // The ledger's source-name rules: a name no source could be registered under never reaches the worker.
    [{ ...line, source: 'Bad\u0007Source' }, 'ingestion.invalid_figure'],
    [{ ...line, source: 'Kyiv\u0000Desk citing HUR' }, 'ingestion.invalid_figure'],
  ])('rejects %j with %s', (raw, code) => {
    const result = parseFigureLine(raw as never, { index: 3, line: 4 }, today);
    expect(isRejection(result)).toBe(true);
    expect(result).toMatchObject({ index: 3, line: 4, code });
  });

  it('names the source field and the ledger rule it breaks', () => {
    expect(parseFigureLine({ ...line, source: 'Bad\u001fSource' }, { index: 0 }, today)).toMatchObject({
      code: 'ingestion.invalid_figure',
      reason: expect.stringMatching(/^source must not contain control characters/),
    });
  });

  it('reads revision wording from the quote unless told', () => {
    expect(parseFigureLine({ ...line, quote: 'HUR revised its estimate to 12,000' }, { index: 0 }, today)).toMatchObject({ revises: true });
    expect(parseFigureLine({ ...line, quote: 'HUR revised its estimate to 12,000', revises: false }, { index: 0 }, today)).toMatchObject({
      revises: false,
    });
    expect(saysRevised('the agency corrected its count')).toBe(true);
    expect(saysRevised('a downward revision')).toBe(true);
    expect(saysRevised('now says 3,000, which is correct')).toBe(false);
  });
});

describe('ids', () => {
  it('hashes content, not key order; JSON and CSV of the same figures hash alike', () => {
    const a = parseIngestionPayload({ kind: 'structured', report, figures: [line] }, today);
    const b = parseIngestionPayload(
      { figures: [Object.fromEntries(Object.entries(line).reverse())], report: { ...report }, kind: 'structured' },
      today,
    );
    expect(payloadHash(a)).toBe(payloadHash(b));
    const csv = csvToFigures(
      'metric_key,source,qualifier,value,valid_at,quote\nnorth_korean_troops_in_russia,HUR,approximately,12000,2024-10-28,"about 12,000"',
    );
    expect(payloadHash({ kind: 'structured', report, figures: csv.figures })).toBe(payloadHash(a));
    expect(payloadHash({ ...a, report: { ...report, title: 'Other' } })).not.toBe(payloadHash(a));
  });

  it('derives job and report ids BullMQ and the ledger accept', () => {
    const payload = parseIngestionPayload(
      { kind: 'structured', report: { ...report, url: 'https://example.org/a' }, figures: [line] },
      today,
    ) as Extract<IngestionPayload, { kind: 'structured' }>;
    expect(ingestionJobId('structured', payloadHash(payload))).toMatch(/^structured-[0-9a-f]{64}$/);
    expect(reportIdFor(payload)).toMatch(/^example-wire-2024-10-28-[0-9a-f]{10}$/);
    expect(reportIdFor({ ...payload, figures: [] })).toBe(reportIdFor(payload));
    expect(reportIdFor({ ...payload, report: { ...payload.report, reportId: 'given' } })).toBe('given');
    expect(slugify("Ukraine's Défense — Ministry!")).toBe('ukraine-s-defense-ministry');
  });
});
