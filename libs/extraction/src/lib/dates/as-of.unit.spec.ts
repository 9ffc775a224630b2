import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

const PUBLISHED = '2024-11-01'; // a Friday

const asOf = (text: string, fragment: string, publishedAt: string | null = PUBLISHED): [string | null, string | null] => {
  const f = figureIn(text, fragment, publishedAt ? { publishedAt } : {});
  return [f.as_of, f.datePrecision];
};

describe('the date a figure refers to (as_of)', () => {
  it.each([
    ['On 28/10/2024 officials counted 3,000 troops.', '2024-10-28'],
    ['Officials counted 3,000 troops on 28 October 2024.', '2024-10-28'],
    ['Officials counted 3,000 troops on October 28, 2024.', '2024-10-28'],
    ['Officials counted 3,000 troops on 2024-10-28.', '2024-10-28'],
    ['Officials counted 3,000 troops on 28 October.', '2024-10-28'],
    ['Officials counted 3,000 troops on October 28.', '2024-10-28'],
  ])('explicit: %s', (text, iso) => {
    expect(asOf(text, '3,000')).toEqual([iso, 'day']);
  });

  it.each([
    ['The ministry said on Thursday that 3,000 troops had arrived.', '2024-10-31', 'day'],
    ['The ministry said on Friday that 3,000 troops had arrived.', '2024-11-01', 'day'],
    ['The ministry said last Friday that 3,000 troops had arrived.', '2024-10-25', 'day'],
    ['The ministry said yesterday that 3,000 troops had arrived.', '2024-10-31', 'day'],
    ['The ministry said today that 3,000 troops had arrived.', '2024-11-01', 'day'],
    ['The ministry said last week that 3,000 troops had arrived.', '2024-10-21', 'day'],
    ['On Monday this week, the ministry said 3,000 troops had arrived.', '2024-10-28', 'day'],
    ['The ministry said last month that 3,000 troops had arrived.', '2024-10-01', 'month'],
    ['In October, 3,000 troops arrived.', '2024-10-01', 'month'],
    ['In December, 3,000 troops arrived.', '2023-12-01', 'month'],
    ['In September 2023, 3,000 troops arrived.', '2023-09-01', 'month'],
    ['In 2023, 3,000 troops arrived.', '2023-01-01', 'year'],
  ])('relative to publication: %s', (text, iso, precision) => {
    expect(asOf(text, '3,000')).toEqual([iso, precision]);
  });

  it('applies a dated paragraph prefix to the figures after it in the paragraph only', () => {
    const text = 'On 25/10/2024, Seoul said 1,500 troops had left. Kyiv put the number at 3,000 troops.\nSeoul now counts 11,000 troops.';
    expect(extractFigures(text, { publishedAt: PUBLISHED }).map((f) => [f.value, f.as_of, f.dateBasis])).toEqual([
      [1500, '2024-10-25', 'paragraph'],
      [3000, '2024-10-25', 'paragraph'],
      [11000, '2024-11-01', 'published'],
    ]);
  });

  it('applies a date-only line to the paragraphs under it, live-blog style', () => {
    const text = '29 October 2024\n\nSeoul said 1,500 troops had left.\n\n30 October 2024\n\nKyiv counted 3,000 troops.';
    expect(extractFigures(text, { publishedAt: PUBLISHED }).map((f) => f.as_of)).toEqual(['2024-10-29', '2024-10-30']);
  });

  it('does not take a lone byline date for a heading', () => {
    const text = 'Headline of the story\nBy Jane Roe\n2 November 2024\n\nSeoul said 1,500 troops had left for Russia.';
    expect(extractFigures(text, { publishedAt: PUBLISHED }).map((f) => [f.as_of, f.dateBasis])).toEqual([[PUBLISHED, 'published']]);
    expect(extractFigures(text).map((f) => f.as_of)).toEqual(['2024-11-02']);
  });

  it('dates a figure by a sentence-opening "By <date>," (the total as of then)', () => {
    expect(asOf('By Oct. 28, the Pentagon put the total at roughly 10,000 troops.', '10,000')).toEqual(['2024-10-28', 'day']);
    expect(asOf('The force will grow to 10,000 troops by Oct. 28.', '10,000')[0]).not.toBe('2024-10-28');
  });

  it('does not date a figure by the start of a period', () => {
    expect(asOf('An estimated 600,000 troops have been killed since the war started in 2022.', '600,000')).toEqual([PUBLISHED, 'day']);
    expect(asOf('Nearly 200 have been killed since they entered combat last month.', '200')).toEqual([PUBLISHED, 'day']);
  });

  it('does not date a figure by an upcoming event', () => {
    expect(asOf("Some 3,000 troops may matter before Tuesday's election.", '3,000')).toEqual([PUBLISHED, 'day']);
  });

  it('leaves a date to the later figure it stands next to', () => {
    const text = 'Kyiv holds about 600 sq km, down from 1,300 sq km in August.';
    expect(asOf(text, '600')).toEqual([PUBLISHED, 'day']);
    expect(asOf(text, '1,300')).toEqual(['2024-08-01', 'month']);
  });

  it('dates every figure governed by a dated verb', () => {
    const text = 'Mr Kim said on Thursday that about 8,000 troops are within 50km of the border.';
    expect(extractFigures(text, { publishedAt: PUBLISHED }).map((f) => f.as_of)).toEqual(['2024-10-31', '2024-10-31']);
  });

  it('defaults to the publication date, or null without one', () => {
    expect(asOf('North Korea has 1.3 million active soldiers.', '1.3 million')).toEqual([PUBLISHED, 'day']);
    expect(asOf('North Korea has 1.3 million active soldiers.', '1.3 million', null)).toEqual([null, null]);
    expect(asOf('The ministry said on Thursday that 3,000 troops had arrived.', '3,000', null)).toEqual([null, null]);
  });

  it('reads the publication date from a "Date: DD/MM/YYYY" header', () => {
    expect(asOf('Date: 28/10/2024\nWhere: Kursk\n\nNorth Korea has 1.3 million active soldiers.', '1.3 million', null)).toEqual([
      '2024-10-28',
      'day',
    ]);
  });

  it('prefers publishedAt over the header', () => {
    expect(asOf('Date: 28/10/2024\n\nNorth Korea has 1.3 million active soldiers.', '1.3 million')).toEqual([PUBLISHED, 'day']);
  });

  it('does not carry a date into a contrasting clause unless it opens the sentence', () => {
    expect(asOf('The UK last month pledged £2.26bn, while Washington has committed $20bn.', '$20bn')).toEqual([PUBLISHED, 'day']);
    expect(asOf('Last month, the UK pledged £2.26bn, while Washington committed $20bn.', '$20bn')).toEqual(['2024-10-01', 'month']);
  });

  it('lets a date past an "including ..." aside date the figure before the aside', () => {
    const text = 'HUR says around 12,000 soldiers, including 500 officers and three generals, arrived in October.';
    expect(asOf(text, '12,000')).toEqual(['2024-10-01', 'month']);
    expect(asOf(text, '500')).toEqual(['2024-10-01', 'month']);
  });

  it('does not date a figure by a relative clause', () => {
    expect(asOf('In Kursk, where troops crossed in August, Kyiv holds roughly 800 sq km.', '800')).toEqual([PUBLISHED, 'day']);
    expect(asOf('Officials say 11,000 troops are in Kursk, where Kyiv launched an incursion in August.', '11,000')).toEqual([PUBLISHED, 'day']);
  });

  it('dates a running total "this year" by the report, a yearly amount by the year', () => {
    expect(asOf('Umerov said Ukraine had produced more than 1.5 million drones this year.', '1.5 million')).toEqual([PUBLISHED, 'day']);
    expect(asOf('Russia will spend close to 3 trillion roubles on bonuses this year.', '3 trillion')).toEqual(['2024-01-01', 'year']);
  });

  it('reads "for October" and "all of October" as months, and "by Nov. 5" as a day', () => {
    expect(asOf('The figure for October was close to 42,000 casualties.', '42,000')).toEqual(['2024-10-01', 'month']);
    expect(asOf('Russia gained about 2,350 sq km in all of October.', '2,350')).toEqual(['2024-10-01', 'month']);
    expect(extractFigures('Some soldiers had been killed in Kursk by Nov. 5, officials said.', { publishedAt: PUBLISHED })).toEqual([]);
  });

  it('without a publication line, takes the latest day the story names as the report date', () => {
    const text =
      'Key developments on Nov. 18:\n\nRussia has lost 720,090 troops, the General Staff said on Nov. 18.\n\nPhoto: soldiers near Chasiv Yar on Nov. 10, 2024.\n\nIt also lost 9,329 tanks.';
    expect(extractFigures(text).map((f) => [f.value, f.as_of])).toEqual([
      [720090, '2024-11-18'],
      [9329, '2024-11-18'],
    ]);
  });

  it('"one week earlier", "two weeks ago" count back from the publication date, but not inside a comparison', () => {
    expect(asOf('The service had put the number at 7,000 troops only one week earlier.', '7,000')).toEqual(['2024-10-25', 'day']);
    expect(asOf('Two weeks ago, officials counted 3,000 troops.', '3,000')).toEqual(['2024-10-18', 'day']);
    expect(asOf('We confirmed 2,361 more deaths than in our previous update two weeks ago.', '2,361')).toEqual([PUBLISHED, 'day']);
  });

  it('"He added that ..." was said on the day the sentence before says it was', () => {
    const text =
      'General Syrskyi said on Thursday that Ukraine held 800 square kilometres. He added that Russia had lost about 38,000 soldiers there.';
    expect(asOf(text, '38,000')).toEqual(['2024-10-31', 'day']);
    // A date scoping a figure rather than the saying does not carry over.
    const scoped = 'Syrskyi said Russia lost 40,000 troops in October. He added that 1,000 a day are lost now.';
    expect(asOf(scoped, '1,000')).toEqual([PUBLISHED, 'day']);
  });

  it('"in the first nine months of 2024", "the first half of the year" end in that month', () => {
    expect(asOf('Regions spent at least 130 billion rubles in the first nine months of 2024.', '130 billion')).toEqual(['2024-09-01', 'month']);
    expect(asOf('Officials gave a figure of 190,000 recruits for the first half of the year.', '190,000')).toEqual(['2024-06-01', 'month']);
  });

  it("a described speaker's relative clause dates its own event, not the figure", () => {
    expect(asOf('Ivan, a 42-year-old who signed a contract in October, told Meduza he received 2.5 million rubles.', '2.5 million')).toEqual([
      PUBLISHED,
      'day',
    ]);
  });

  it('speech running on in a quotation keeps the day its speaker said it', () => {
    const text = 'Foreign Minister Andrii Sybiha posted on X, formerly Twitter, on Sunday: "Troops are already in Kursk. 11,000 of them."';
    expect(asOf(text, '11,000')).toEqual(['2024-10-27', 'day']);
    // A date in the that-clause dates what it says, not later speech.
    const scoped = 'The minister said that on Sunday troops moved. "We count 11,000 of them now."';
    expect(asOf(scoped, '11,000')).toEqual([PUBLISHED, 'day']);
  });

  it('the date inside the that-clause holding the figure beats the day it was said', () => {
    const text = 'Healey told Parliament on Tuesday that Russia had suffered 1,523 casualties a day on average in October.';
    expect(asOf(text, '1,523')).toEqual(['2024-10-01', 'month']);
    expect(asOf('Healey said on Tuesday that Russia had suffered 1,523 casualties a day.', '1,523')).toEqual(['2024-10-29', 'day']);
  });

  it('"said in September" carries to "by his estimate" in the next sentence', () => {
    const text =
      'Kyrylo Budanov said in September that half the shells came from North Korea. Russia fires roughly 10,000 shells a day, by his estimate.';
    expect(asOf(text, '10,000')).toEqual(['2024-09-01', 'month']);
  });

  it('an aside saying when a figure was first given does not date the clause it interrupts', () => {
    expect(asOf('The death toll, first given in October, now stands at 3,000, the mission said on Monday.', '3,000')).toEqual(['2024-10-28', 'day']);
    expect(asOf('The tally of injured, first released in September, stood at 3,000.', '3,000')).toEqual([PUBLISHED, 'day']);
    // Not an aside: the date is the clause's own.
    expect(asOf('The tally, which rose sharply, stood at 3,000 in October.', '3,000')).toEqual(['2024-10-01', 'month']);
  });

  it('a date past "up from" dates what the figure is compared with, not the figure', () => {
    expect(asOf('As of Oct. 20, the North had shipped 3,000 containers, up from an estimate it gave in September.', '3,000')).toEqual([
      '2024-10-20',
      'day',
    ]);
  });

  describe('the day of a statement carries to the paragraphs that go on with it', () => {
    const lead = "On Tuesday, Russia fired 91 drones at Ukrainian cities, Ukraine's air force said.\n\n";

    it('same source, by name, pronoun or a shorter name, in the next paragraph', () => {
      const text = `${lead}The air force said its crews shot down 62 of the drones. Another 27 were lost to jamming, it said.`;
      expect(asOf(text, '62')).toEqual(['2024-10-29', 'day']);
      expect(asOf(text, '27')).toEqual(['2024-10-29', 'day']);
    });

    it('not to another source, a running total, or a paragraph further on', () => {
      expect(asOf(`${lead}The ministry said 40 buildings were damaged.`, '40')).toEqual([PUBLISHED, 'day']);
      expect(asOf(`${lead}The air force said it has downed 2,000 drones since the summer.`, '2,000')).toEqual([PUBLISHED, 'day']);
      expect(
        asOf(
          `${lead}Residents sheltered in the metro overnight.\n\nSchools moved classes online.\n\nThe air force said 40 drones were jammed.`,
          '40',
        ),
      ).toEqual([PUBLISHED, 'day']);
    });

    it('not from a week or a month, which scope a figure rather than date a statement', () => {
      const text = 'Last week, the air force reported downing 410 drones.\n\nThe air force said 40 more were jammed.';
      expect(asOf(text, '40')).toEqual([PUBLISHED, 'day']);
    });
  });

  it('a later sentence back at the lead\'s dated gathering ("told the council") holds on its day', () => {
    const lead =
      "The foreign minister told the UN Security Council on Tuesday that 11,000 troops were fighting.\n\nRussia's envoy disputed the figure.\n\n";
    expect(asOf(`${lead}He told the council that Ukraine needed at least 19 air defence systems.`, '19')).toEqual(['2024-10-29', 'day']);
    // Not without the gathering, nor for a running total.
    expect(asOf(`${lead}He said Ukraine needed at least 19 air defence systems.`, '19')).toEqual([PUBLISHED, 'day']);
    expect(asOf(`${lead}He told the council that Russia has lost 38,000 troops since August.`, '38,000')).toEqual([PUBLISHED, 'day']);
  });
});
