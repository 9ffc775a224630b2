import { figureIn } from '../../__fixtures__/find-figure';

// Published on Friday 14 August 2026.
const PUBLISHED = '2026-08-14';
const dateOf = (text: string, fragment: string): [string | null, string] => {
  const f = figureIn(text, fragment, { publishedAt: PUBLISHED });
  return [f.as_of, String(f.dateBasis)];
};

describe('dates of figures in news of any topic', () => {
  it('relative days resolve against the publication date', () => {
    expect(dateOf('The sheriff said late Thursday that 1,400 residents had left.', '1,400')).toEqual(['2026-08-13', 'relative']);
    expect(dateOf('Yesterday 230 people were rescued, police said.', '230')).toEqual(['2026-08-13', 'relative']);
    expect(dateOf('Flights resumed. On Monday 75 of them were cancelled, the airport said.', '75')).toEqual(['2026-08-10', 'relative']);
  });

  it('"by Thursday evening" says when the figure held, "will grow to ... by Friday" does not', () => {
    expect(dateOf('The fire had burned 41,000 acres by Thursday evening, the agency said on Friday.', '41,000')).toEqual(['2026-08-13', 'relative']);
    expect(dateOf('Crews will grow to 2,000 by Friday.', '2,000')[0]).toBe(PUBLISHED);
  });

  it('a figure stated today about an earlier event holds as of the report: "the toll from the 3 August flood has risen to 80"', () => {
    expect(dateOf('The toll from the 3 August flood has risen to 80, officials said.', '80')).toEqual([PUBLISHED, 'published']);
  });

  it('each update of a live page takes its dated header, over the time lines between', () => {
    const text =
      'Storm live\n\nThursday 13 August\n\n18:40\nThe utility says 48,000 homes are without power.\n\nFriday 14 August\n\n07:30\nCrews restored 21,000 properties, it said.';
    expect(dateOf(text, '48,000')).toEqual(['2026-08-13', 'header']);
    expect(dateOf(text, '21,000')).toEqual(['2026-08-14', 'header']);
  });

  it('"this afternoon" under a live page\'s dated header is that update\'s day; "by 6 p.m." is a time', () => {
    const text =
      'Count live\n\nFriday 14 August\n\n03:50\nThe result is due soon.\n\nThursday 13 August\n\n21:00\nThe council said 3,900 postal votes had been returned by this afternoon, by 6 p.m.';
    expect(dateOf(text, '3,900')).toEqual(['2026-08-13', 'relative']);
    expect(figureIn(text, '3,900', { publishedAt: PUBLISHED }).numberText).toBe('3,900');
  });

  it('a month ahead of the reporting ("another cut in September") does not date a figure', () => {
    expect(dateOf('Investors see a 40% chance of another cut in September.', '40')).toEqual([PUBLISHED, 'published']);
  });

  it('a statement carried to the next sentence says so', () => {
    const text = 'The agency said on Wednesday that 300 homes were lost. It said 40 more were damaged.';
    expect(dateOf(text, '40')).toEqual(['2026-08-12', 'carried']);
  });
});
