import { datedIn } from '../../__fixtures__/find-figure';

// Financial, tax and school years told relatively or by their two years, and lists of figures each with its own year
// (found again in held-out-74's council and regulator texts, eighth session). Every text here is invented.

const NOV = { publishedAt: '2026-11-27' };

describe('a list of figures, each followed by its own period', () => {
  it('dates each item by the period after it, not by the one closing the item before', () => {
    const text = 'The council said the bill reached £3.4 million in 2022-23, £4.9 million in 2023-24 and £6.1 million in 2024-25.';
    expect(datedIn(text, '3.4', NOV)).toEqual(['2023-03-01', 'month']);
    expect(datedIn(text, '4.9', NOV)).toEqual(['2024-03-01', 'month']);
    expect(datedIn(text, '6.1', NOV)).toEqual(['2025-03-01', 'month']);
  });

  it('reads months the same way', () => {
    const text = 'Deaths fell to 31 in March, 27 in April and 19 in May, the agency said.';
    expect(datedIn(text, '27', NOV)).toEqual(['2026-04-01', 'month']);
  });

  it('keeps a comparison base for the figure it follows ("4,400 fewer than in September")', () => {
    const text = 'There were 265,400 unemployed people in October, 4,400 fewer than in September, the office said.';
    expect(datedIn(text, '265,400', NOV)).toEqual(['2026-10-01', 'month']);
  });
});

describe('a financial, tax or school year counted from publication', () => {
  it('"the last financial year" is the one that closed last March; "this financial year" closes next March', () => {
    const text = 'The trust spent £6.8 million on agency staff in the last financial year. It expects to spend £4 million this financial year.';
    expect(datedIn(text, '6.8', NOV)).toEqual(['2026-03-01', 'month']);
    expect(datedIn(text, '4 million', NOV)).toEqual(['2027-03-01', 'month']);
  });

  it('a school year closes in July, and "so far this financial year" is a running total on the day', () => {
    expect(datedIn('Schools lost 1,200 teachers last school year, the union said.', '1,200', NOV)).toEqual(['2026-07-01', 'month']);
    expect(datedIn('The trust has treated 4,100 patients so far this financial year, it said.', '4,100', NOV)).toEqual(['2026-11-27', 'day']);
  });

  it('a year the story says ends in December is a calendar year', () => {
    const text = 'The charity said its costs had risen to £236 million in the last financial year, which ended in December.';
    expect(datedIn(text, '236', { publishedAt: '2026-03-10' })).toEqual(['2025-01-01', 'year']);
  });
});

describe("a story's two-year periods", () => {
  it('take the close the story states ("the year ended 31 March") over the one its currency suggests', () => {
    const text =
      'In the 2025-26 financial year, the year ended 31 March, the Service collected $184.7 billion. ' +
      'We wrote off $640 million in 2025-26, the commissioner said.';
    expect(datedIn(text, '640', { publishedAt: '2026-07-07' })).toEqual(['2026-03-01', 'month']);
  });

  it('take a close stated in capitals ("ANNUAL ACCOUNTS FOR THE YEAR ENDED 30 SEPTEMBER 2026")', () => {
    const text =
      'ANNUAL ACCOUNTS FOR THE YEAR ENDED 30 SEPTEMBER 2026\n\nDear Friends,\n\n' +
      "I gave the cost of electricity and gas for 2024-25 as £4,410 in last year's letter, the treasurer wrote.";
    expect(datedIn(text, '4,410', { publishedAt: '2026-11-14' })).toEqual(['2025-09-01', 'month']);
  });

  it('are not seasons because a "campaign group" is quoted', () => {
    const text =
      "The bill reached £3.4 million in 2022-23, the council said.\n\nThe Ratepayers' Alliance, a campaign group, said the real bill was higher.";
    expect(datedIn(text, '3.4', NOV)).toEqual(['2023-03-01', 'month']);
  });

  it("date a report's undated figures when its lead says which reporting year it covers", () => {
    const text =
      'This summary sets out how the eleven companies we regulate performed in the 2025-26 reporting year.\n\n' +
      'We imposed penalties totalling £48.6 million on five companies, the regulator said.';
    expect(datedIn(text, '48.6', NOV)).toEqual(['2026-03-01', 'month']);
  });

  it('but not by a year still to come ("fees for the 2027-28 academic year")', () => {
    const text =
      'The regents voted on Thursday to raise tuition in the 2027-28 academic year.\n\nThe university enrolled 21,340 students this semester, it said.';
    expect(datedIn(text, '21,340', { publishedAt: '2026-02-05' })).toEqual(['2026-02-05', 'day']);
  });
});
