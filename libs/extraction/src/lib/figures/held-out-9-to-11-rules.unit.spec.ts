import { bounds, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g137–g144 and g145–g152 (each scored once before them, 6 Dec; see
// libs/extraction/HELD-OUT.md).
// Every text here is invented.
const at = (text: string, fragment: string, publishedAt = '2026-06-09') => figureIn(text, fragment, { publishedAt });

describe('a duration in two units is one figure in the larger unit', () => {
  it('"41 minutes and 12 seconds" is 41.2 minutes, and the month after it still dates it', () => {
    const text = 'Callers in Dale waited an average of 41 minutes\nand 12 seconds for a reply last month, the council said.';
    const f = at(text, '41');
    expect(f.value).toBeCloseTo(41.2, 5);
    expect(f.noun).toBe('minutes');
    expect(f.as_of).toBe('2026-05-01');
    expect(numberTexts(text, { publishedAt: '2026-06-09' })).toHaveLength(1);
  });

  it('"8 minutes 50 seconds" without "and" too; seconds alone stay their own figure', () => {
    const text = 'The crews averaged 8 minutes 50 seconds, the service said. A reset takes 45 seconds, the service said.';
    expect(at(text, '8').value).toBeCloseTo(8.8333, 3);
    expect(at(text, '45').value).toBe(45);
  });
});

describe('qualifiers', () => {
  it('a forecast to rise to "about" a level is approximately that level, not a ceiling', () => {
    const text = 'Pear output is expected to rise to about 12.5 million tonnes this year, the farm ministry said.';
    expect(bounds(at(text, '12.5'))).toEqual({ value: 12_500_000, qualifier: 'approximately' });
    const bare = 'Pear output is expected to rise to 12.5 million tonnes this year, the farm ministry said.';
    expect(bounds(at(bare, '12.5'))).toEqual({ high: 12_500_000, qualifier: 'up_to' });
  });

  it('a price "from" or "starting at" is the lowest price', () => {
    expect(bounds(at('A week on the barge costs from €1,240 per person, the operator said.', '1,240'))).toEqual({
      low: 1240,
      qualifier: 'at_least',
    });
    expect(bounds(at('Fares starting at £29 go on sale on Friday, the airline said.', '29'))).toEqual({ low: 29, qualifier: 'at_least' });
  });

  it('"takes under 40 minutes" bounds the time: a verb is not a plural noun measured against a line', () => {
    expect(bounds(at('A full charge takes under 40 minutes, the company said.', '40'))).toEqual({ high: 40, qualifier: 'up_to' });
  });

  it('comparative adjectives bound a figure: "shorter than 12 metres", "longer than 300 metres"', () => {
    expect(at('Most of the boats are shorter than 12 metres, the minister said.', '12').qualifier).toBe('up_to');
    expect(at('The new tunnel is longer than 300 metres, the builder said.', '300').qualifier).toBe('more_than');
  });
});

describe('sources', () => {
  it('a release whose marker names its issuer ("Press release of the …") is in that issuer\'s voice', () => {
    const text =
      'Ministers agree river quotas for 2027\n\nStrasbourg, 3 November 2026\n\nPress release of the Rhine Basin Council\n\n' +
      'The agreement sets a quota of 12,400 tonnes for eel. "It is a fair result," said Minister Anna Weiss.';
    expect(at(text, '12,400', '2026-11-03')).toMatchObject({ source: 'Rhine Basin Council', sourceBasis: 'issuer' });
  });

  it('a body described before its name sets a figure in its own act, letters beyond ASCII included', () => {
    const text = "In Lyon, the regional growers' body Comité Poire set the quota at 8,200 kilograms per hectare.";
    expect(at(text, '8,200').source).toBe('Comité Poire');
  });

  it('an adviser\'s "had advised a catch of no more than …" is the adviser\'s figure', () => {
    expect(at('The ICES had advised in May a catch of no more than 57,000 tonnes for the stock.', '57,000').source).toBe('ICES');
  });

  it('"a spokesman for the trust" is the health or service body named before, not another one-word name', () => {
    const text =
      'Brightwater Water Services said it had repaired 1,200 leaks in May. Its engineer, Dr Tom Hale, said the work was hard. ' +
      'A spokesman for the trust said 310 staff had worked overtime.';
    expect(at(text, '310').source).toBe('Brightwater Water Services');
  });

  it('a common noun measured at the start of a sentence ("Output of pears") is no body for "the company" to mean', () => {
    const text = 'Output of pears rose to 9 million tonnes, the ministry said. A charge takes under 40 minutes, the company said.';
    expect(at(text, '40').source).not.toBe('Output');
  });

  it('a correction note ("An earlier version of this article said") is the article speaking', () => {
    const text = 'The average was 47 minutes, the board said. An earlier version of this article said the March average was 51 minutes.';
    expect(at(text, '51')).toMatchObject({ source: 'article', sourceBasis: 'article' });
  });
});

describe('dates', () => {
  it('"the 2025 harvest, at 37.7 million" holds for that year', () => {
    const f = at('The 2025 harvest, at 37.7 million tonnes, was the smallest in decades.', '37.7');
    expect(f).toMatchObject({ as_of: '2025-01-01', datePrecision: 'year' });
  });
});

describe('found by g145–g152', () => {
  it('a yearless wire dateline is not placed after a plan\'s year ("due to be completed in 2031")', () => {
    const text =
      'PANAMA CITY, April 16 (Meridian Wire) - The canal authority said on Thursday it would cut daily slots to 27.\n\n' +
      'A new reservoir, due to be completed in 2031, would add 15 slots a day.';
    expect(figureIn(text, '27', { notAfter: '2026-12-06' }).as_of).toBe('2026-04-16');
  });

  it('a committee transcript\'s mixed-case labels ("Dr Brennan:", "Q104 Owen Pritchard:") name the speaker', () => {
    const text =
      'Oral evidence: agency budget\nWednesday 11 February 2026\n\n' +
      'Q101 Chair: What is the budget?\n\nDr Brennan: Our settlement is £612 million.\n\n' +
      'Q102 Owen Pritchard: And staff?\n\nDr Brennan: We have 560 civil servants.';
    expect(at(text, '612', '2026-02-11').source).toBe('Dr Brennan');
    expect(at(text, '560', '2026-02-11').source).toBe('Dr Brennan');
  });

  it('"Update:" or "Members present:" is header furniture, not a speaker', () => {
    const text = 'Update: Road closures\n\nUpdate: The council said 40 roads were shut on Monday.';
    expect(at(text, '40').source).toBe('council');
  });

  it('a quarter with its year ("Q3 2026", "the first quarter of 2026") holds as of its last month', () => {
    const text = 'Revenue was £1.42 billion in Q3 2026, the regulator said. Sales were 3.1 million in the first quarter of 2026.';
    expect(at(text, '1.42')).toMatchObject({ as_of: '2026-09-01', datePrecision: 'month' });
    expect(at(text, '3.1')).toMatchObject({ as_of: '2026-03-01', datePrecision: 'month' });
  });

  it("a statistics bulletin under its issuer's letterhead is in the issuer's voice, over the span its heading names", () => {
    const text =
      'HARBOUR LIGHTS REGULATORY AUTHORITY\n\nStatistics bulletin: Licensing statistics, April to June 2026 (Q2)\n\n' +
      'Release date: Friday 31 July 2026\n\n1. Main points\n\n' +
      'Licence fees were £42.6 million in Q2 2026.\n\nThe number of active licences averaged 8,300 in the quarter.';
    expect(at(text, '42.6', '2026-07-31')).toMatchObject({
      source: 'Harbour Lights Regulatory Authority',
      sourceBasis: 'issuer',
      as_of: '2026-06-01',
    });
    expect(at(text, '8,300', '2026-07-31')).toMatchObject({ source: 'Harbour Lights Regulatory Authority', as_of: '2026-06-01' });
  });
});

describe('found by g153–g160', () => {
  it('European notation: thousands grouped by spaces and a decimal comma before a scale or a percent', () => {
    const text =
      'Tallinn Daily\n14 February 2026\n\nIn year 2025 the readers made 2 146 000 loans, what is 6,1% more, the library said. ' +
      'The preliminary number was 2,12 millions loans. The registered readers were 93 480, the library said.';
    expect(numberTexts(text)).toEqual(['2 146 000', '6,1', '2,12 millions', '93 480']);
    expect(at(text, '2 146 000').value).toBe(2_146_000);
    expect(at(text, '6,1').value).toBeCloseTo(6.1, 5);
    expect(at(text, '2,12').value).toBe(2_120_000);
  });

  it('a lone space-grouped pair, or one in a text that groups with commas, stays two numbers', () => {
    expect(numberTexts('Of the 2,340 bridges, 17 100-year-old ones were shut, the council said.')).not.toContain('17 100');
  });

  it("a wire's exchange-rate note is no figure", () => {
    const text = 'Operating profit rose to 612 billion won ($441 million), the company said. ($1 = 1,388.0000 won)';
    expect(numberTexts(text, { publishedAt: '2026-06-09' })).not.toEqual(expect.arrayContaining(['1,388.0000']));
    expect(numberTexts(text, { publishedAt: '2026-06-09' }).some((t) => t.startsWith('1,388') || t === '1')).toBe(false);
  });
});
