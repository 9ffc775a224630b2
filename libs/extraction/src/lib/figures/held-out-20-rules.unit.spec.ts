import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g225–g232 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe("a document in one person's declared voice", () => {
  it("a written answer's figures are the answering minister's, below the question however long", () => {
    const question = "To ask the Secretary of State, with reference to a charity's finding, what the population was; " + 'and more. '.repeat(80);
    const text =
      'Written questions and answers\n\nQuestion for Ministry of Justice\nUIN 51207, tabled on 23 November 2026\n\n' +
      `${question}\n\nAnswered on 1 December 2026\n\nAnswer by Daniel Osei, Minister of State (Ministry of Justice)\n\n` +
      'On Friday 27 November 2026 the prison population was 88,412.';
    expect(figureIn(text, '88,412').source).toBe('Daniel Osei');
  });

  it('"Gareth Lowrie\'s monthly column": the columnist tells what the column reports in its own voice', () => {
    const text = "OPEN ROAD\n\nTHE LONG CHARGE\nGareth Lowrie's monthly column\n\nIn November I tried 40 rapid chargers across the country.";
    expect(figureIn(text, '40').source).toBe('Gareth Lowrie');
  });
});

describe("issue dates in a header line's parts", () => {
  it('"News | Transport | 19/11/26": a short day-first date as a part of its own', () => {
    expect(findPublicationDate('KELDERBY EXPRESS\nNews | Transport | 19/11/26\n\nCouncil cuts 11 routes.')).toEqual({ y: 2026, m: 11, d: 19 });
  });

  it('"JANUARY 2027 | OPEN ROAD | 73": a magazine\'s page header gives its issue month, in capitals too', () => {
    const text = 'JANUARY 2027 | OPEN ROAD | 73\n\nTHE LONG CHARGE\n\nIn November I tried 40 rapid chargers.';
    expect(findPublicationDate(text)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(figureIn(text, '40').as_of).toBe('2026-11-01');
  });
});

describe('numbers that are a code, a page, a window or a label (held-out-19 and -20 extras)', () => {
  it('a country code, a header page number, "within 30 days", "Forty minutes later", "Rule 28", "week 48" are no figures', () => {
    const text =
      'JANUARY 2027 | OPEN ROAD | 73\n\nPress: +44 (0)20 7946 0877. A death counts if it comes within 30 days of a crash. ' +
      'Forty minutes later he corrected it. Under Prison Rule 28 governors must act. In reporting week 48 the agency counted 1,862 presentations.';
    expect(numberTexts(text)).toEqual(['1,862']);
  });

  it('"58 minutes after lift-off" and "within 18 months" stay figures', () => {
    const text =
      'Space desk, 3 March 2026\n\nThe probe separated 58 minutes after lift-off, and reserves would run out within 18 months, the agency said.';
    expect(numberTexts(text)).toEqual(['58', 'within 18']);
  });
});
