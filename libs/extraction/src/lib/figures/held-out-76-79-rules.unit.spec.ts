import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g673–g704 (held-out-76 to -79, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g705–g752 were being written. Every text here is invented.

describe('who a figure is credited to', () => {
  it('a transcript speaker labelled in capitals beyond ASCII ("ØDEGÅRD-NUÑEZ:") speaks, not the presenter before', () => {
    const text =
      'MARTA KELLY: Good morning. How bad is it?\n\nØDEGÅRD-NUÑEZ: Bad.\n\nKELLY: How many did you look at?\n\n' +
      'ØDEGÅRD-NUÑEZ: We surveyed 1,140 reefs between March and May, and 58% had bleached.';
    expect(figureIn(text, '1,140').source).toBe('Ødegård-Nuñez');
  });

  it('"the service" means an emergency service named before, whatever its name holds', () => {
    const text =
      'Hochgraun Mountain Rescue said nine people had died.\n\nIn its evening statement the service raised its estimate of those caught from 22 to 30.';
    expect(figureIn(text, '30')).toMatchObject({ source: 'Hochgraun Mountain Rescue', sourceBasis: 'coreference' });
  });

  it('a body that published its accounts tells the figures of its sentence', () => {
    const text = 'Kelmoor Rovers published their annual accounts on Tuesday, showing revenue of £312.4m for the year to 30 June 2026.';
    expect(figureIn(text, '312.4').source).toBe('Kelmoor Rovers');
  });

  it('"the hospice", "the county": a description by a word of a name the story gave before', () => {
    const hospice = "St Brannoc's Hospice held its winter walk on Sunday.\n\nThe hospice said 1,250 walkers took part.";
    expect(figureIn(hospice, '1,250')).toMatchObject({ source: "St Brannoc's Hospice", sourceBasis: 'coreference' });
    const county = 'Westshire County Council will close the bridge.\n\nThe county said up to 9,000 vehicles use it on a weekday.';
    expect(figureIn(county, '9,000').source).toBe('Westshire County Council');
  });

  it('an infinitive opening a sentence ("To put the figure in context, …") is no speaker', () => {
    expect(figureIn('To put the figure in context, our net budget this year is £38.6 million.', '38.6').source).not.toBe('To');
  });

  it("a Q&A's answers are the person its intro says spoke to the interviewer", () => {
    const text =
      'Marta Lindqvist has run Harrowgate Athletic since 2022. Ahead of the meeting, she spoke to Tom Ashdown about the accounts.\n\n' +
      'Q: And wages?\n\nA: Our wage bill was £97 million.';
    expect(figureIn(text, '97').source).toBe('Marta Lindqvist');
  });

  it('a body with its acronym in brackets acts ("The National Disaster Agency (NDA) raised its toll")', () => {
    const text = 'The National Disaster Agency (NDA) raised its death toll from 41 to 63 on Wednesday.';
    expect(figureIn(text, '63').source).toBe('National Disaster Agency');
  });

  it('a listed company with its legal form in lower case issues its release', () => {
    const text =
      'PRESS RELEASE\n\nTelvaro Mobile plc - Results for the third quarter\n\nLisford, 29 October 2026 - Telvaro Mobile plc (LSX: TLVR), ' +
      "the country's second-largest operator, today reports its results.\n\n- Mobile subscribers of 14.62 million at 30 September";
    expect(figureIn(text, '14.62').source).toBe('Telvaro Mobile');
  });
});

describe('what a figure is and when it holds', () => {
  it('"from 41 a day earlier" is a base a day back, not a rate per day', () => {
    const f = figureIn('The agency raised its death toll to 63 on Tuesday, from 41 a day earlier.', '41', { publishedAt: '2026-10-14' });
    expect(f.unit).not.toBe('per_day');
    expect([f.as_of, f.datePrecision]).toEqual(['2026-10-12', 'day']);
  });

  it('a weekday before its date ("on the night of Thursday 22 October") is that date', () => {
    const text = 'Volunteers counted 347 people sleeping rough on the night of Thursday 22 October.';
    expect(datedIn(text, '347', { publishedAt: '2026-11-19' })).toEqual(['2026-10-22', 'day']);
  });

  it('a call that says which months its quarter covers dates its undated figures by the last of them', () => {
    const text =
      'Operator: Good morning.\n\nDev Malik: Our financial year runs from 1 July, so the quarter we discuss today covers July to September 2026.\n\n' +
      'Graham Pell: Statutory profit before tax was £48.6 million.';
    expect(datedIn(text, '48.6', { publishedAt: '2026-10-29' })).toEqual(['2026-09-01', 'month']);
  });

  it("a statistics office's present perfect tells its month's figures", () => {
    const text =
      'REGIONAL INSTITUTE OF STATISTICS (RIS)\nPress note nr. 118/2026\nMontavera, 30th November 2026\n\n' +
      '1. In the month of October 2026 the accommodation establishments have registered 1.284.530 overnight stays.\n\n' +
      '2. The arrivals of guests were in total 354.170. Of these, the foreign arrivals have been 212.870.';
    expect(datedIn(text, '212.870')).toEqual(['2026-10-01', 'month']);
  });
});
