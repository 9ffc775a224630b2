import { figureIn } from '../../__fixtures__/find-figure';

// A rule found by the held-out batch g81–g88 (scored before it was written; see the root README). Texts invented.
const asOf = (text: string, fragment: string): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt: '2026-02-10' });
  return [f.as_of, f.datePrecision];
};

describe('a period named by its last month', () => {
  it.each([
    ['Sales in the six months to December fell 5.1%, the company said.', '2025-12-01'],
    ['Profit in the quarter to November rose 12%, the bank said.', '2025-11-01'],
    ['Exports in the year to January grew 3.4%, the office said.', '2026-01-01'],
  ])('%s', (text, iso) => {
    const fragment = /(\d+(?:\.\d)?)%/.exec(text)?.[1] as string;
    expect(asOf(text, fragment)).toEqual([iso, 'month']);
  });

  it('"to" before a month with a day is a date, not a period\'s end', () => {
    expect(asOf('The exhibition drew 4,200 visitors from its opening to February 8.', '4,200')[0]).not.toBe('2026-02-01');
  });
});

// Found by the held-out batch g89–g96 (scored before it was written). Texts invented.
describe('a month before a percentage', () => {
  it('"the year to June, 9% more" is a period ending in June, not "June 9"', () => {
    expect(asOf('The charity handed out 88,000 meals in the year to June, 9% more than a year before.', '88,000')).toEqual(['2025-06-01', 'month']);
  });

  it('"March 9" followed by no percentage is still a day', () => {
    expect(asOf('Rail strikes cancelled 1,200 trains on March 9, the operator said.', '1,200')).toEqual(['2025-03-09', 'day']);
  });
});

describe("a results document's quarter", () => {
  const report = [
    'MARKET ANNOUNCEMENT',
    '',
    'Halloran Gold Limited',
    'Quarterly Report for the three months to 31 December 2025',
    '',
    '- Gold output of 41,200 ounces in the December quarter, up 6% on the September quarter',
    '',
    'Halloran Gold Limited is pleased to report on its operations for the quarter.',
    '',
    'The Ardmore pit moved 2.9 million tonnes of ore in the quarter. Net debt was A$18 million.',
  ].join('\n');

  it('the quarter a heading names by its end day dates its undated figures and "in the quarter"', () => {
    expect(asOf(report, '2.9 million')).toEqual(['2025-12-31', 'day']);
    expect(asOf(report, 'A$18 million')).toEqual(['2025-12-31', 'day']);
  });

  it('"the December quarter" ends on 31 December; "the September quarter" on 30 September', () => {
    expect(asOf(report, '41,200')).toEqual(['2025-12-31', 'day']);
    expect(asOf('Unemployment was 4.4% in the September quarter, the agency said.', '4.4')).toEqual(['2025-09-30', 'day']);
  });
});

describe('a span a figure covers, "between March 2022 and June 2025"', () => {
  it('dates the figure by its end even past another figure, and sets no period for the story', () => {
    const text =
      'The trader took more than £90,000 from 14 customers between May 2023 and August 2025, the court heard. ' +
      'The council said 40 complaints were made.';
    expect(asOf(text, '£90,000')).toEqual(['2025-08-01', 'month']);
    expect(asOf(text, '40')).toEqual(['2026-02-10', 'day']);
  });
});

describe('a figure for a period told on an earlier day', () => {
  it('"In January the office projected growth of 2.4% for the year to June 2026" holds at the period\'s end', () => {
    expect(asOf('In January the office projected growth of 2.4% for the year to June 2026.', '2.4')).toEqual(['2026-06-01', 'month']);
    expect(asOf('In January the office counted 3,100 arrivals.', '3,100')).toEqual(['2026-01-01', 'month']);
  });
});

// Rules found by the held-out batch g113–g120. Texts invented.
describe('a week by its end, a scheduled day, a live blog in a local time zone', () => {
  it('"in the week ending 1 February" holds on that day', () => {
    expect(asOf('Some 640 ships were waiting in the week ending 1 February, the consultancy estimated.', '640')).toEqual(['2026-02-01', 'day']);
  });

  it('"ahead of the review due on 1 July" dates nothing', () => {
    expect(asOf('The rate fell to $1,900 ahead of a tariff review due on 1 July.', '1,900')).toEqual(['2026-02-10', 'day']);
  });

  it('an update header with a zone such as AEDT dates the update under it', () => {
    const text = [
      'Floods live: rivers peak across the state',
      '10 Feb 2026 08:15 AEDT',
      'The river at Kempsey reached 7.2 metres overnight, the bureau said.',
      '9 Feb 2026 20:30 AEDT',
      'Welcome to our coverage. The bureau said about 2,300 homes were under an evacuation order at 8pm.',
    ].join('\n\n');
    expect(asOf(text, '2,300')).toEqual(['2026-02-09', 'day']);
  });
});

describe('targets and effective days ahead of the story', () => {
  it('"expects … to rise 8% by mid-March" holds in the March ahead', () => {
    expect(asOf('He expects fares to rise a further 8% by mid-March if demand holds.', '8')).toEqual(['2026-03-01', 'month']);
  });

  it('"would apply a surcharge of $300 from 1 March" holds from that day', () => {
    expect(asOf('The carrier said this week it would apply a surcharge of $300 per box from 1 March.', '300')).toEqual(['2026-03-01', 'day']);
  });

  it('a yearless month before the story still reads backwards', () => {
    expect(asOf('Output rose 4.1% in November, the office said.', '4.1')).toEqual(['2025-11-01', 'month']);
  });
});

describe('a fiscal year told by its label ("FY27")', () => {
  const report = (body: string) => `Quarterly report for the three months to 30 September 2026\n\nFY26 closed with sales of 4,100 units.\n\n${body}`;
  const on = (text: string, fragment: string) => {
    const f = figureIn(text, fragment, { publishedAt: '2026-10-20' });
    return [f.as_of, f.datePrecision];
  };

  it('closes on the day the document shows its year closing, over the day a figure was given', () => {
    expect(on(report('The firm lowered its FY27 target to 5,000 units, from the 5,400 it gave in May.'), '5,000')).toEqual(['2027-09-30', 'day']);
    expect(on(report('The firm lowered its FY27 target to 5,000 units, from the 5,400 it gave in May.'), '5,400')).toEqual(['2027-09-30', 'day']);
  });

  it('makes "the year" the fiscal year the document closed', () => {
    expect(on(report('"We finished the year with 38 stores," the chief executive said.'), '38')).toEqual(['2026-09-30', 'day']);
  });

  it('without a close the text shows, is the year it ends in', () => {
    expect(on('Analysts expect FY2027 revenue of $2.1 billion, the bank said.', '2.1')).toEqual(['2027-01-01', 'year']);
  });
});
