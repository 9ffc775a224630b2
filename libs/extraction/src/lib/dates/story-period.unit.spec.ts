import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g113–g120 (scored before they were written). Texts invented.
const at = (text: string, fragment: string, publishedAt = '2026-03-10'): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt });
  return [f.as_of, f.datePrecision];
};

describe('a season the lead names', () => {
  const text = [
    'The Northern Basketball Association says crowds grew again in the 2025-26 season, its busiest yet.',
    'Its ticket office was busier than ever, the association said in a review.',
    'The average gate rose to 2,450 per game. The final at Leeds drew 9,812.',
    'The association said ticket prices would rise by 6% next season, compared with 7% in 2025-26.',
    'Season tickets currently cost £310.',
  ].join('\n\n');

  it('dates the later undated figures by the year the season ends', () => {
    expect(at(text, '2,450')).toEqual(['2026-01-01', 'year']);
    expect(at(text, '9,812')).toEqual(['2026-01-01', 'year']);
  });

  it('"next season" is the season after it; "in 2025-26" is the season itself', () => {
    expect(at(text, '6')).toEqual(['2027-01-01', 'year']);
    expect(at(text, '7')).toEqual(['2026-01-01', 'year']);
  });

  it('a state that holds now ("currently") keeps the story\'s day', () => {
    expect(at(text, '310')).toEqual(['2026-03-10', 'day']);
  });
});

describe('a fiscal year the lead names by its start', () => {
  const text = [
    'The county executive on Tuesday proposed a $612 million budget for the fiscal year that begins Oct. 1, a 3.4% increase.',
    'Road spending would climb to $48 million, from $41 million this year. A library trustee said costs would rise 5% next year.',
  ].join('\n\n');

  it("dates the budget and the figures after it at the year's close", () => {
    expect(at(text, '612')).toEqual(['2027-09-30', 'day']);
    expect(at(text, '3.4')).toEqual(['2027-09-30', 'day']);
    expect(at(text, '48')).toEqual(['2027-09-30', 'day']);
  });

  it('"this year" is the fiscal year running now, "next year" the one after it', () => {
    expect(at(text, '41')).toEqual(['2026-09-30', 'day']);
    expect(at(text, '5')).toEqual(['2027-09-30', 'day']);
  });
});

describe('a span of years', () => {
  it('dates a figure in its own clause by the last year', () => {
    expect(at('The trust says it spent £2.4 million on repairs between 2018 and 2022, the audit found.', '2.4')).toEqual(['2022-01-01', 'year']);
  });

  it('in the lead, dates a later figure that names the period again', () => {
    const text = [
      'Wetlands in the delta shrank by 14,000 hectares between 2019 and 2024, according to a survey released on Monday by the group.',
      'Drainage for farming caused about 60% of the loss over the five-year period, the survey said.',
      'Some 300 volunteers helped with the count.',
    ].join('\n\n');
    expect(at(text, 'about 60')).toEqual(['2024-01-01', 'year']);
    expect(at(text, '300')[0]).toBe('2026-03-10');
  });
});

describe('a year naming what a figure covers', () => {
  it.each([
    ['The agency raised its estimate for 2024 to 81,000 tonnes.', '81,000', '2024-01-01'],
    ['A 2023 survey by the growers put the average yield at 7.4 tonnes.', '7.4', '2023-01-01'],
    ['In the 2022 budget the council had £650,000 for roads.', '650,000', '2022-01-01'],
    ['A rival count put the 2025 figure at roughly 12,500.', '12,500', '2025-01-01'],
  ])('%s', (text, fragment, iso) => {
    expect(at(text, fragment)).toEqual([iso, 'year']);
  });
});

describe('the day a figure was given out is not the period it counts', () => {
  it('under a season, "the league said in its review published on Friday" dates the season', () => {
    const text =
      'The Coastal Netball League says crowds grew in the 2025-26 season.\n\n' +
      'Attendance reached 412,000, the league said in its review published on Friday, up from the 398,000 it announced in April.';
    expect(at(text, '412,000')).toEqual(['2026-01-01', 'year']);
    expect(at(text, '398,000')).toEqual(['2026-01-01', 'year']);
  });

  it('a span of years in the clause wins over "a report released on Monday"', () => {
    const text = 'Grasslands lost about 52,000 hectares between 2019 and 2024, according to a report released on Monday by the group.';
    expect(at(text, '52,000')).toEqual(['2024-01-01', 'year']);
  });
});

describe('a transcript answer', () => {
  it('holds when the question it answers says', () => {
    const text = [
      'MS REID: How many of the pumps were working when you visited in 2022?',
      'MR OKAFOR: About 30 per cent of them.',
      'MS REID: The board says it spent over £2 million between 2018 and 2023. Is that right?',
      'MR OKAFOR: Most of it, yes. The repairs came to under £500,000.',
    ].join('\n\n');
    expect(at(text, '30')).toEqual(['2022-01-01', 'year']);
    expect(at(text, '500,000')).toEqual(['2023-01-01', 'year']);
  });
});

describe('bases and years back', () => {
  it('under a season, the base of a change ("rose to N, from M") holds a season earlier', () => {
    const text = 'The Coastal Netball League says crowds grew in the 2025-26 season.\n\nThe average gate rose to 1,820, from 1,640.';
    expect(at(text, '1,640')).toEqual(['2025-01-01', 'year']);
    expect(at(text, '1,820')).toEqual(['2026-01-01', 'year']);
  });

  it('"two years ago" is a year back at year precision; "it published a year ago" is when it was given out', () => {
    expect(at('The reserve had stood at 9.4% two years ago, the treasurer said.', '9.4')).toEqual(['2024-01-01', 'year']);
    expect(at('It raised the count to 812, from the 640 it published a year ago.', '640')[1]).toBe('day');
  });
});
