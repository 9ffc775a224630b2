import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g89–g96 (scored before they were written; see the root README). Texts invented.
// Published on Wednesday 4 March 2026.
const asOf = (text: string, fragment: string): [string | null, string | null] => {
  const f = figureIn(text, fragment, { publishedAt: '2026-03-04' });
  return [f.as_of, f.datePrecision];
};

describe('spans counted back from the day the sentence names', () => {
  it('"a fortnight earlier" counts from the named day, not from publication', () => {
    const text = 'The shelter housed 61 dogs on Tuesday, up from 44 a fortnight earlier, the manager said.';
    expect(asOf(text, '44')).toEqual(['2026-02-17', 'day']);
  });

  it('"three days before" at the end of a clause counts from the named day', () => {
    const text = 'The depot shipped 820 parcels on Friday, against 610 parcels three days before.';
    expect(asOf(text, '610')).toEqual(['2026-02-24', 'day']);
  });

  it('"two weeks ago" counts from publication', () => {
    expect(asOf('Ticket sales passed 8,000 two weeks ago, the organisers said.', '8,000')).toEqual(['2026-02-18', 'day']);
  });

  it('"two weeks before the vote" is a preposition, not a date', () => {
    expect(asOf('Canvassers knocked on 9,300 doors two weeks before the vote.', '9,300')[0]).not.toBe('2026-02-18');
  });
});

describe('a whole-year figure holds for the year', () => {
  it.each([
    ['The airline still expects full-year profit of about 420 million euros, its chief executive said.', '420'],
    ['The port hopes to close the year with 1.2 million containers, the harbour master said.', '1.2'],
  ])('%s', (text, fragment) => {
    expect(asOf(text, fragment)).toEqual(['2026-01-01', 'year']);
  });
});

describe('the base of a comparison', () => {
  it('"N in the same period last year" holds for the current month a year back', () => {
    const text = 'Shops reported 5,300 burglaries since January, against about 4,100 in the same period last year.';
    expect(asOf(text, '4,100')).toEqual(['2025-03-01', 'month']);
  });

  it('a change measured against "the one registered in the same period of the previous year" keeps its own period', () => {
    const text =
      'In the first two months of the year, the port handled 310,000 containers, which surpasses by 6.5% the figure registered in the same period of the previous year.';
    expect(asOf(text, '6.5')).toEqual(['2026-02-01', 'month']);
  });

  it('"from N in 2023" dates the base by its own year, the new figure by its own', () => {
    const text = 'Exports fell to 3,200 tonnes last year, from 3,900 tonnes in 2023, the ministry said.';
    expect(asOf(text, '3,900')).toEqual(['2023-01-01', 'year']);
    expect(asOf(text, '3,200')).toEqual(['2025-01-01', 'year']);
  });

  it('"at the end of January from N at the end of October": each figure takes its own month\'s last day', () => {
    const text = 'The firm said staff numbers fell to 2,400 at the end of January from 2,650 at the end of October.';
    expect(asOf(text, '2,400')).toEqual(['2026-01-31', 'day']);
    expect(asOf(text, '2,650')).toEqual(['2025-10-31', 'day']);
  });

  it('"up three points from the previous survey in early February": the change is not dated by the base', () => {
    const text = 'The Greens are on 18%, up three points from the previous survey in early February, the pollster said.';
    expect(asOf(text, 'three')[0]).not.toBe('2026-02-01');
  });
});

describe('a month naming an event', () => {
  it('"in the May election" dates the figure from it', () => {
    expect(asOf('The Greens won 14% in the May election, official results showed.', '14')).toEqual(['2025-05-01', 'month']);
  });

  it('"signed up for June retakes" names what they signed up for, not when', () => {
    const text = 'The college said on Monday that 75 pupils had signed up for June retakes.';
    expect(asOf(text, '75')).toEqual(['2026-03-02', 'day']);
  });
});

describe('a period that ends on a named day', () => {
  it('"in the seven days to Sunday" also dates the second that-clause', () => {
    const text = 'The clinic said 930 people were seen in the seven days to Sunday, and that 71% waited under an hour.';
    expect(asOf(text, '71')).toEqual(['2026-03-01', 'day']);
  });

  it('a period ending the sentence dates a figure before its "with" clause', () => {
    const text = 'The survey showed a fall of 1.4%, with the average rent at £1,210 in the four weeks to 22 February.';
    expect(asOf(text, '1.4')).toEqual(['2026-02-22', 'day']);
  });

  it('a day that ends no period still belongs to the figure before it', () => {
    const text = 'The dam held 41% of capacity, down from 56% on 2 February.';
    expect(asOf(text, '41')[0]).not.toBe('2026-02-02');
  });
});

describe("a wire dateline's date", () => {
  it('is when the story was filed, not when its figures hold', () => {
    const text = 'Lisbon, 3 Mar 2026 (Agencia Noticias).- Portugal exported 2.1 million tonnes of cork in the month of January, the institute said.';
    expect(asOf(text, '2.1')).toEqual(['2026-01-01', 'month']);
  });
});

describe('a past-tense sentence with no date of its own', () => {
  const text = [
    'The probe separated from its carrier 12 minutes after launch, the mission chief told a briefing on Monday. A tracking dish in Chile picked up its first signal about 30 minutes after separation.',
    '',
    'Four engineers remain on standby at the site.',
  ].join('\n');

  it('goes on with the day of the sentence before it in its paragraph', () => {
    expect(asOf(text, '30')).toEqual(['2026-03-02', 'day']);
  });

  it('a present state in the next paragraph holds as reported', () => {
    expect(asOf(text, 'Four')[0]).toBe('2026-03-04');
  });
});
