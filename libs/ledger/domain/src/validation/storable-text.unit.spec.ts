import { LedgerErrorCodes as E } from '../errors';
import { figureDecider } from '../figure/figure.decider';
import { metricDecider } from '../metric/metric.decider';
import { reportDecider } from '../report/report.decider';
import { sourceDecider } from '../source/source.decider';
import { deciderSpec } from '../testing/decider-spec';
import { corroborateFigureCommand, reportFigureCommand, retractFigureCommand, reviseFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, METRIC_KEY, NOW } from '../testing/scenario';
import { parseReportText } from '../report/report.fields';
import { isStorableText, unstorableTextReason } from './fields';

// PostgreSQL refuses a lone UTF-16 surrogate in jsonb/text and NUL anywhere:
// such text must be refused by the domain, never reach the store.
const LONE_HIGH = 'casualties \ud800';
const LONE_LOW = '\udc00 troops';
const NUL = 'up to\u00001,500';

describe('storable text', () => {
  it('accepts well-formed text, astral characters (surrogate pairs) included', () => {
    expect(isStorableText('Київ 🇺🇦 𝟙𝟝𝟘𝟘')).toBe(true);
    expect(unstorableTextReason('line\nbreak\ttab')).toBeNull();
  });

  it.each([
    ['a lone high surrogate', LONE_HIGH, /surrogate/],
    ['a lone low surrogate', LONE_LOW, /surrogate/],
    ['a reversed pair', '\udc00\ud800', /surrogate/],
    ['NUL', NUL, /NUL/],
  ])('refuses %s', (_label, text, reason) => {
    expect(isStorableText(text)).toBe(false);
    expect(unstorableTextReason(text)).toMatch(reason);
  });

  describe('every aggregate refuses it as an invalid field', () => {
    it('metric label, description and aliases', () => {
      const spec = deciderSpec(metricDecider);
      const register = (data: object) => ({
        type: 'RegisterMetric' as const,
        data: { key: METRIC_KEY, label: 'NK troops', unit: 'troops', ...data },
        now: NOW,
      });
      spec
        .given([])
        .when(register({ label: LONE_HIGH }))
        .thenThrows(E.metricInvalidField, { kind: 'malformed', details: { field: 'label' } });
      spec
        .given([])
        .when(register({ description: NUL }))
        .thenThrows(E.metricInvalidField, { details: { field: 'description' } });
      spec
        .given([])
        .when(register({ aliases: ['ok', LONE_LOW] }))
        .thenThrows(E.metricInvalidField, { details: { field: 'aliases[1]' } });
    });

    it('source name', () => {
      deciderSpec(sourceDecider)
        .given([])
        .when({ type: 'RegisterSource', data: { sourceId: 'ua-hur', name: LONE_HIGH, kind: 'intelligence' }, now: NOW })
        .thenThrows(E.sourceInvalidField, { details: { field: 'name', reason: expect.stringMatching(/surrogate/) } });
    });

    it('report title and url', () => {
      const spec = deciderSpec(reportDecider);
      const register = (data: object) => ({
        type: 'RegisterReport' as const,
        data: { reportId: 'nos-2024-10-25', publisher: 'NOS', title: 'T', publishedAt: '2024-10-25', language: 'nl', ...data },
        now: NOW,
      });
      spec
        .given([])
        .when(register({ title: LONE_LOW }))
        .thenThrows(E.reportInvalidField, { details: { field: 'title' } });
      spec
        .given([])
        .when(register({ url: `https://example.org/${LONE_HIGH}` }))
        .thenThrows(E.reportInvalidField, { details: { field: 'url' } });
    });

    it('figure citation quote (kept verbatim), scope note, revision and retraction reasons', () => {
      const spec = deciderSpec(figureDecider);
      spec
        .given([])
        .when(reportFigureCommand({ citation: { reportId: 'nos-2024-10-25', quote: LONE_HIGH } }))
        .thenThrows(E.figureInvalidField, { details: { field: 'citation.quote' } });
      spec
        .given([])
        .when(reportFigureCommand({ scopeNote: NUL }))
        .thenThrows(E.figureInvalidField, { details: { field: 'scopeNote' } });
      spec
        .given([dutchFigureReported])
        .when(reviseFigureCommand({ reason: LONE_LOW }))
        .thenThrows(E.figureInvalidField, { details: { field: 'reason' } });
      spec
        .given([dutchFigureReported])
        .when(corroborateFigureCommand({ citation: { reportId: 'bbc-2024-10-26', quote: NUL } }))
        .thenThrows(E.figureInvalidField, { details: { field: 'citation.quote' } });
      spec
        .given([dutchFigureReported])
        .when(retractFigureCommand({ reason: LONE_HIGH }))
        .thenThrows(E.figureInvalidField, { details: { field: 'reason' } });
    });
  });

  describe('a report text (kept verbatim: its sha256 is the content hash)', () => {
    it('keeps whitespace, form feeds and the empty text as they are', () => {
      expect(parseReportText('  Page 1\fPage 2\n')).toBe('  Page 1\fPage 2\n');
      expect(parseReportText('')).toBe('');
    });

    it.each([
      ['NUL', NUL, /NUL/],
      ['a lone surrogate', LONE_HIGH, /surrogate/],
      ['not a string', 42, /string/],
    ])('refuses %s as report.invalid_field on text', (_label, text, reason) => {
      expect(() => parseReportText(text)).toThrow(
        expect.objectContaining({ code: E.reportInvalidField, details: { field: 'text', reason: expect.stringMatching(reason) } }),
      );
    });
  });
});
