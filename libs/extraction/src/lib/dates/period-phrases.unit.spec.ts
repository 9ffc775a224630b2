import { figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g97–g104 (scored before they were written). Texts invented.
const at = (text: string, fragment: string): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt: '2026-09-15' });
  return [f.as_of, f.datePrecision];
};

describe('period phrases', () => {
  it('"over the 2025-26 season" holds in the year the season ends', () => {
    expect(at('The league sold 4.1 million tickets over the 2025-26 season, it said.', '4.1')).toEqual(['2026-01-01', 'year']);
  });

  it('"in the 2024/25 financial year" holds as of March of its second year (a UK financial year runs April to March)', () => {
    expect(at('The charity spent £9.6m in the 2024/25 financial year.', '9.6')).toEqual(['2025-03-01', 'month']);
  });
});

describe('a part of a figure holds when the whole does', () => {
  const text = 'Inspectors visited 260 farms during 2024. On 75 of those farms, they said, the slurry tanks leaked.';

  it('"75 of those farms" takes the date of the 260 before it', () => {
    expect(at(text, '75')).toEqual(['2024-01-01', 'year']);
  });

  it('"of them", or a part of something else, is no part of it', () => {
    const other = 'Inspectors visited 260 farms during 2024. They saw 75 of those tanks leaking every week.';
    expect(at(other, '75')[0]).toBe('2026-09-15');
  });

  it('"90 of those farms ... so far" holds now', () => {
    const now = 'Inspectors visited 260 farms during 2024. Fewer than 90 of those farms have been fined so far.';
    expect(at(now, '90')[0]).toBe('2026-09-15');
  });
});

describe('a full year ends when the company says its financial year does', () => {
  const fy = 'Its financial year ends on March 31.';

  it('a full-year forecast holds at the next close', () => {
    expect(at(`The chain now expects full-year sales of £2.1bn, up 4%. ${fy}`, '2.1')).toEqual(['2027-03-31', 'day']);
  });

  it('a full-year result holds at the last close', () => {
    expect(at(`The chain reported full-year sales of £2.1bn. ${fy}`, '2.1')).toEqual(['2026-03-31', 'day']);
  });

  it('without a stated financial year, a full year is the calendar year', () => {
    expect(at('The chain now expects full-year sales of £2.1bn, up 4%.', '2.1')).toEqual(['2026-01-01', 'year']);
  });
});

describe('a forecast for next year', () => {
  it('holds at its target: the end or middle of next year a month, a bare "next year" after the figure the year', () => {
    expect(at('The agency expects the jobless rate to reach 6.2% by the end of next year.', '6.2')).toEqual(['2027-12-01', 'month']);
    expect(at('Exports should peak at about 4.4 million tonnes around the middle of next year.', '4.4')).toEqual(['2027-06-01', 'month']);
    expect(at('Analysts see rents rising 3.5% next year, the survey said.', '3.5')).toEqual(['2027-01-01', 'year']);
  });

  it('is not the date of a figure a later clause merely looks ahead from, nor of "next year\'s budget"', () => {
    expect(at('The club had 12 million euros in cash at the end of August, giving it room to buy players next year.', '12')).toEqual([
      '2026-08-31',
      'day',
    ]);
    expect(at("The council faces a gap of £3.1m in next year's budget.", '3.1')).toEqual(['2026-09-15', 'day']);
  });

  it('a revision of that forecast keeps its target: "We have now lowered that to 1.1%"', () => {
    const text = 'In May we projected growth of 2.0% for the year to June 2027. We have now lowered that to 1.1%, the governor said.';
    expect(at(text, '1.1')).toEqual(['2027-06-01', 'month']);
  });

  it('"a year ago" is a year back, as "a year earlier" is; a change "than a year ago" still holds now', () => {
    expect(at('Rents averaged £1,240 in the city, up from £1,150 a year ago.', '£1,150')).toEqual(['2025-09-15', 'day']);
    expect(at('Rents were 7.8% higher than a year ago, the agency said.', '7.8')).toEqual(['2026-09-15', 'day']);
  });
});

describe('a month that modifies the noun says when the figure holds', () => {
  it('"its September total" and "October\'s figure" hold in that month', () => {
    expect(at('The airport revised its September total from 1.92 million to 1.95 million passengers.', '1.95')).toEqual(['2026-09-01', 'month']);
    expect(at("Police corrected October's figure for burglaries from 41 to 44.", '44')).toEqual(['2025-10-01', 'month']);
  });

  it('"the June concert" is an event in June', () => {
    expect(at('The June concert alone sold 640 tickets, the society said.', '640')).toEqual(['2026-06-01', 'month']);
  });

  it('"the March contract" is a futures contract, not a date', () => {
    expect(at('The March contract settled at $3.98 a bushel on Friday.', '3.98')[0]).not.toBe('2026-03-01');
  });
});

describe('hard-wrapped prose', () => {
  it('a month and its day across a line break ("to September\\n30, down 4.1%") are one date, and the day no figure', () => {
    const text = 'Alder County recorded 18,472 offenses in the 12 months to September\n30, down 4.1% from a year earlier.';
    expect(at(text, '18,472')[0]).toBe('2026-09-30');
    expect(numberTexts(text)).toEqual(['18,472', '4.1']);
  });

  it('a day and its month across a line break ("on 30\\nSeptember") are one date', () => {
    expect(numberTexts('Inspectors found 212 empty homes on 30\nSeptember, the council said.')).toEqual(['212']);
  });

  it('"per\\ncent" across a line break is a percentage', () => {
    expect(figureIn('Unemployment in the county rose to 4.1 per\ncent in October.', '4.1').unit).toBe('percent');
  });

  it('a clock time on the next line is no day ("Sunday 8 November\\n18:40")', () => {
    expect(at('Updated Sunday 8 November\n18:40 Police say 14 people were arrested.', '14')[0]).not.toBe('2026-11-18');
  });
});
