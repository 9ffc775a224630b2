import { DomainError } from '@factledger/shared';
import { parseCsv } from './csv';
import { CSV_HEADER, csvToFigures, parseCsvSubmission } from './csv-figures';

describe('CSV', () => {
  it('reads RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, BOM, blank lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 4, cells: ['2', 'two\nlines', 'z'] },
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(expect.objectContaining({ code: 'ingestion.invalid_csv' }));
  });

  it('maps snake_case or camelCase headers in any order and converts cells', () => {
    const { figures, lines } = csvToFigures(
      [
        'quote,metricKey,SOURCE,qualifier,value,valid_at,revises',
        '" about 1,500 ",north_korean_troops_in_russia,HUR,approximately,"1,500",2024-10-25,yes',
      ].join('\n'),
    );
    expect(figures).toEqual([
      {
        quote: ' about 1,500 ',
        metricKey: 'north_korean_troops_in_russia',
        source: 'HUR',
        qualifier: 'approximately',
        value: 1500,
        validAt: '2024-10-25',
        revises: true,
      },
    ]);
    expect(lines).toEqual([2]);
  });

  it('documents its header, and every header problem is named at once', () => {
    expect(CSV_HEADER.split(',')).toContain('valid_at');
    const problem = (() => {
      try {
        csvToFigures('metric_key,source,colour,source\nx,y,z,w\nshort');
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a failure');
    })();
    expect(problem.code).toBe('ingestion.invalid_csv');
    expect((problem.details.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['header "colour"', 'header "source"', 'header', 'line 3']),
    );
  });

  it('takes the report from the query string', () => {
    const csv = `${CSV_HEADER}\nnorth_korean_troops_in_russia,HUR,exact,12000,,,2024-10-28,,,q,,,,,,`;
    const { payload } = parseCsvSubmission(csv, { publisher: 'P', title: 'T', publishedAt: '2024-10-28', language: 'en' }, '2024-12-01');
    expect(payload).toMatchObject({ kind: 'structured', report: { publisher: 'P' }, figures: [{ value: 12000, validAt: '2024-10-28' }] });
    expect(() => parseCsvSubmission(csv, { publisher: 'P', title: 'T', language: 'en', colour: 'red' }, '2024-12-01')).toThrow(DomainError);
  });
});
