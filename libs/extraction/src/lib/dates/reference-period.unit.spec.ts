import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g97–g104 (scored before they were written). Texts invented.
const at = (text: string, fragment: string, publishedAt = '2026-09-15'): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt });
  return [f.as_of, f.datePrecision];
};

const RESULTS = [
  'Harbourline Ferries made a loss of £7.2 million, its annual report shows, as fuel costs rose faster than fares.',
  'The report, published on Monday and covering the 12 months to 31 March 2026, shows ticket income up 9% to £64.3m.',
  'Staff costs reached £30.1m. The operator carried 2.4 million passengers.',
  'Its shares were down 3.1% at 11:20 GMT.',
].join('\n\n');

describe("a period the lead names by its end is the story's", () => {
  it('dates the figures of the sentence naming it', () => {
    expect(at(RESULTS, '64.3')).toEqual(['2026-03-31', 'day']);
  });

  it("dates the lead's figure stated before it", () => {
    expect(at(RESULTS, '7.2')).toEqual(['2026-03-31', 'day']);
  });

  it('dates later figures with no date of their own', () => {
    expect(at(RESULTS, '30.1')[0]).toBe('2026-03-31');
    expect(at(RESULTS, '2.4')[0]).toBe('2026-03-31');
  });

  it('leaves a figure told at a clock time on the day of the reporting', () => {
    expect(at(RESULTS, '3.1')[0]).toBe('2026-09-15');
  });

  it('"in the quarter" names the period again, even in a forecast-worded clause or from another speaker', () => {
    const text = [
      'Revenue in the three months to Aug. 2 rose 6% to 410 million euros, the group said.',
      'Online sales grew 11% in the quarter, in line with forecasts.',
      'Its finance chief said the group had 95 million euros in cash at the end of the quarter.',
    ].join('\n\n');
    expect(at(text, '11')[0]).toBe('2026-08-02');
    expect(at(text, '95')[0]).toBe('2026-08-02');
  });

  it("a period named deep in the story is not the story's", () => {
    const text = [
      'Volunteers cleared 140 tonnes of litter from the coast, the trust said on Sunday.',
      'The beaches are busier than ever, it said.',
      'Visitors have complained about parking. The car parks hold 900 cars.',
      'The trust reported income of £2m in the year to 31 March 2026.',
      'Wardens collected 300 bags of rubbish.',
    ].join('\n\n');
    expect(at(text, '300')[0]).toBe('2026-09-15');
  });
});

describe('a month followed by a comma and a number', () => {
  it('"in May, 11 points clear" is the month of May, not "May 11"', () => {
    expect(at('The team finished third in May, 11 points behind the leaders.', '11')).toEqual(['2026-05-01', 'month']);
  });
});

describe('a forecast holds at its target', () => {
  it('"by the end of 2031" is its December', () => {
    expect(at('The bank said it would shut up to 40 more branches by the end of 2031.', '40')).toEqual(['2031-12-01', 'month']);
  });

  it('"by 2100" in a projection is the year 2100', () => {
    expect(at('The study projects that sea levels could rise by up to 80 centimetres by 2100.', '80')).toEqual(['2100-01-01', 'year']);
  });

  it('a pledge or a need holds at its target year: "pledged N a year by 2032", "needs between N and M ... by 2029"', () => {
    expect(at('The council has pledged to raise the pace of building, to 2,000 homes a year by 2032.', '2,000')).toEqual(['2032-01-01', 'year']);
    expect(at('The trust says the region needs between 300 and 350 new nurses a year to keep wards open by 2029.', '300')).toEqual([
      '2029-01-01',
      'year',
    ]);
  });

  it('"The plan, presented on 9 January, foresees N by 2029": the aside\'s day dates the presentation, the target the figure', () => {
    const text = 'The plan of the carmaker, presented on 9 January, foresees up to 900 exits by 2029.';
    expect(at(text, '900')).toEqual(['2029-01-01', 'year']);
  });

  it('"..., where 310 people work": a present-tense where-clause holds now, not at the sentence\'s target', () => {
    const text = 'The plan foresees up to 900 exits by 2029 and the closure of the plant of Ostia, where work 310 people.';
    expect(at(text, '310')).toEqual(['2026-09-15', 'day']);
  });

  it('"said the forecast assumed that N would be built" paragraphs later keeps the forecast\'s target', () => {
    const text =
      'Ferra Research estimates that spending will grow to $12 billion by 2031.\n\nOthers are less sure.\n\n' +
      'Its lead author said the forecast assumed that at least three of the planned plants would be built.';
    expect(at(text, 'three')).toEqual(['2031-01-01', 'year']);
  });

  it('the next sentence of the same forecast keeps its target', () => {
    const text = 'The study projects that sea levels could rise by up to 80 centimetres by 2100. With faster cuts, the rise would be 45 centimetres.';
    expect(at(text, '45')).toEqual(['2100-01-01', 'year']);
  });

  it('"by 2019" in a past statement is no target', () => {
    expect(at('The scheme had already planted 12,000 trees by 2019, the council said.', '12,000')[0]).not.toBe('2019-01-01');
  });
});

describe('a season told by its year', () => {
  it('"forecast at N for this season, down from M last season": this year and last year', () => {
    const text = 'The olive harvest is now forecast at 640,000 tonnes for this season, down from 810,000 tonnes last season.';
    expect(at(text, '640,000')).toEqual(['2026-01-01', 'year']);
    expect(at(text, '810,000')).toEqual(['2025-01-01', 'year']);
  });
});

describe('"a year earlier" counts back from the day or period the figure is about', () => {
  it('from a period end its sentence names', () => {
    const text = 'In the four weeks to 7 February, 91.2% of buses ran on time, compared with 86.5% in the same period a year earlier.';
    expect(at(text, '86.5')[0]).toBe('2025-02-07');
  });

  it("from the story's period when its sentence names none", () => {
    const text = [RESULTS, 'The loss compares with a profit of £3.4m a year earlier, before the new routes opened.'].join('\n\n');
    expect(at(text, '3.4')[0]).toBe('2025-03-31');
  });

  it('a change against a year earlier holds now', () => {
    expect(at('Exports were 2.3% higher than a year earlier, the statistics office said.', '2.3')[0]).toBe('2026-09-15');
  });
});

describe('"the quarter" with no story period', () => {
  it('names the last period an earlier sentence of the story named by its end', () => {
    const text = [
      'Good morning. Three firms, three answers this week.',
      'WHO SOLD WHAT?',
      'Every quarter the research houses publish their numbers within days of each other.',
      'Northfield Research says tablet sales fell 4% in the three months to June.',
      'Brightline puts the average price at $318 in the quarter, up from $301.',
    ].join('\n\n');
    expect(at(text, '$318')).toEqual(['2026-06-01', 'month']);
  });
});

describe('a count on census night', () => {
  it('holds on the day the story says the census was taken, not the day of the update', () => {
    const text = [
      'Census results: live',
      'Our coverage of the first results from the national census, taken on Sunday 5 April.',
      'Tuesday 15 September 2026',
      '10.05 BST\nThe statistics office says 2,914,300 people were resident on census night.',
      '10.20 BST\nThe office says 41,000 forms are still being checked.',
    ].join('\n\n');
    expect(at(text, '2,914,300')).toEqual(['2026-04-05', 'day']);
    expect(at(text, '41,000')).toEqual(['2026-09-15', 'day']);
  });

  it("when the lead says when the census was taken, the story's other counts hold on that day too, unless they name a year", () => {
    const text = [
      'Census results: live',
      'Our coverage of the first results from the national census, taken on Sunday 5 April.',
      'Tuesday 15 September 2026',
      '10.05 BST\nThe office says the north-east grew 7.2%. The capital now has 812,400 residents, up from 790,100 in 2021.',
    ].join('\n\n');
    expect(at(text, '7.2')).toEqual(['2026-04-05', 'day']);
    expect(at(text, '812,400')).toEqual(['2026-04-05', 'day']);
    expect(at(text, '790,100')).toEqual(['2021-01-01', 'year']);
  });
});

describe("a newsletter's story period", () => {
  const issue = [
    'THE GRID | Issue 88 | Thursday, 15 October 2026',
    'Good morning. Today: two surveys of the solar market, and a warning on tariffs.',
    'PANELS',
    'Each quarter the installers report within days of each other.',
    'Sunwise says installations rose 8% to 41,200 homes in the three months to September, the best quarter on record.',
    'Its own second-quarter count was revised up to 38,900 homes. Battery add-ons reached 9,300 homes.',
  ].join('\n\n');

  it("opens its lead after the greeting and its section heading, so the first period named there is the story's", () => {
    expect(at(issue, '9,300', '2026-10-15')).toEqual(['2026-09-01', 'month']);
  });

  it('under a period that ends a quarter, "the second quarter" ends in June', () => {
    expect(at(issue, '38,900', '2026-10-15')).toEqual(['2026-06-01', 'month']);
  });
});
