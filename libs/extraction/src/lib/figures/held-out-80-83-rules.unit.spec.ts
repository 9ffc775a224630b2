import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g705–g736 (held-out-80 to -83, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g753–g784 were being written. Every text here is invented.

describe('what a number is', () => {
  it('one digit after a comma is a decimal comma in any text, with its scale word ("8,9 mln tonnes")', () => {
    expect(figureIn('An earthquake of magnitude 7,3 struck on Sunday, the institute said.', '7,3').value).toBe(7.3);
    expect(figureIn('Wheat takes the first place with 8,9 mln tonnes, the ministry said.', '8,9').value).toBe(8_900_000);
  });

  it('a range written tight with a dash stays a range after "from" ("revised from 118,000–126,000 tonnes to …")', () => {
    const text = 'Guidance has been revised from 118,000–126,000 tonnes to 108,000–114,000 tonnes, the company said.';
    expect(figureIn(text, '118,000')).toMatchObject({ qualifier: 'range', low: 118_000, high: 126_000 });
    expect(numberTexts(text)).toHaveLength(2);
  });
});

describe('who a figure is credited to', () => {
  it('data no one is named for ("according to figures shown to councillors") go to whoever else the text credits', () => {
    const text =
      'PRESS RELEASE\n\nKestmoor District Council\n\n4 December 2026\n\n' +
      'A record 9,214 households are waiting for social housing, according to figures shown to councillors this week.';
    expect(figureIn(text, '9,214').source).toBe('Kestmoor District Council');
  });

  it('a numbered question in a press conference ("Q1 - ANDREJ VOSS, BUSINESS DAILY:") labels its asker', () => {
    const text =
      'GOVERNOR OSTBY: Good morning.\n\nQ1 - ANDREJ VOSS, ESTRAVIAN BUSINESS DAILY: Governor, markets priced in cuts of 2 points. Were they wrong?';
    expect(figureIn(text, '2').source).toBe('Andrej Voss');
  });
});

describe('when a figure holds', () => {
  it('"in the year 1998" after "since the start of" is a record\'s edge, not the story\'s year', () => {
    const text =
      'EPIDEMIOLOGICAL BULLETIN Nr. 48/2026\nDate of issue: 04.12.2026\n\n' +
      'In the country are registered in total 14.386 cases. This is the biggest number from the start of the surveillance in the year 1998.\n\n' +
      'At this moment 486 patients are hospitalised.';
    expect(datedIn(text, '486')[0]).not.toBe('1998-01-01');
  });

  it('translated copy\'s "in all the year 2025" and "in the month October of this year"', () => {
    const text = 'In all the year 2025 were registered 6.208 cases. Only in the month October of this year were registered 3.011 cases.';
    expect(datedIn(text, '6.208', { publishedAt: '2026-12-04' })).toEqual(['2025-01-01', 'year']);
    expect(datedIn(text, '3.011', { publishedAt: '2026-12-04' })).toEqual(['2026-10-01', 'month']);
  });

  it('a lead opening "Until 29.11.2026, …" dates the running totals after it', () => {
    const text =
      'MINISTRY OF HEALTH\nBULLETIN Nr. 48/2026\nDate of issue: 04.12.2026\n\n' +
      'Until 29.11.2026 in the country are registered in total 14.386 cases of dengue fever.\n\n' +
      'Most affected is the district Kavarna with 3.870 cases.';
    expect(datedIn(text, '3.870')).toEqual(['2026-11-29', 'day']);
  });

  it('but a count "at this moment" under that lead holds on the day of issue', () => {
    const text =
      'REPUBLIC OF VARELIA\nMINISTRY OF HEALTH\nDirectorate for Communicable Diseases\n\n' +
      'EPIDEMIOLOGICAL BULLETIN ABOUT MALARIA Nr. 12/2026\nDate of issue: 04.12.2026\n\n1. General situation\n\n' +
      'Until 29.11.2026 (end of the epidemiological week 48) in the country are registered in total 8.214 confirmed cases of malaria.\n\n' +
      'In the week 48 were notified 912 new cases, what is increase of 11 % comparing with the week 47.\n\n2. Hospitalisations\n\n' +
      'At this moment 286 patients with malaria are hospitalised in the whole country.';
    expect(datedIn(text, '286')).toEqual(['2026-12-04', 'day']);
  });

  it("a comparison's base does not lend its date to the next sentence", () => {
    const text =
      'QUARTERLY PRODUCTION REPORT\nFor the quarter ended 30 September 2026\n\n' +
      'Ore milled totalled 3.42 million tonnes, compared with 3.61 million tonnes in the June quarter. The copper head grade averaged 0.91%.';
    expect(datedIn(text, '0.91', { publishedAt: '2026-10-22' })).toEqual(['2026-09-30', 'day']);
  });

  it('"the first quarter of the 2027 financial year" is no calendar first quarter', () => {
    const text =
      'QUARTERLY PRODUCTION REPORT\nFor the quarter ended 30 September 2026\n\n' +
      'Korrin reports copper production of 27,640 tonnes for the September quarter, the first quarter of the 2027 financial year.';
    expect(datedIn(text, '27,640', { publishedAt: '2026-10-22' })).toEqual(['2026-09-30', 'day']);
  });

  it('"in Saturday\'s final" names the event\'s day, whatever the tense of its sentence', () => {
    const text =
      "Published Sunday 22 November 2026\n\nHarrowgate are champions after a 24-17 win over Calder Vale in Saturday's final.\n\n" +
      "The attendance was 58,312, the stadium's operator said.";
    expect(datedIn(text, '58,312')).toEqual(['2026-11-21', 'day']);
  });

  it('an index\'s base year ("(2020=100)") does not place a yearless dateline', () => {
    const text =
      'FOOD PRICES ROUND-UP\nSaturday 5 December\n\nFood prices were 5.2% higher in October than a year earlier, the bureau said. ' +
      'Its index stood at 131.7 (2020=100).';
    expect(datedIn(text, '5.2', { notAfter: '2026-12-07' })).toEqual(['2026-10-01', 'month']);
  });

  it('"for 2027/28" is a financial year, not 2027', () => {
    expect(datedIn('The clerk set out a net budget for 2027/28 of £1,284,600.', '1,284,600', { publishedAt: '2026-11-17' })).toEqual([
      '2028-03-01',
      'month',
    ]);
  });

  it('"over the weekend" is the Sunday gone by; "expected over the weekend" is no date', () => {
    expect(datedIn('The top titles grossed £17.8 million over the weekend, the tracker said.', '17.8', { publishedAt: '2026-12-01' })).toEqual([
      '2026-11-29',
      'day',
    ]);
  });
});
