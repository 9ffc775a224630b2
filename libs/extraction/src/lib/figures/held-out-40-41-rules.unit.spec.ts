import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g385–g400 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g401–g416 were written to stay unfixed. Every text here is invented.

describe('German-style scale abbreviations in translated copy', () => {
  const text =
    'Published 14 November 2026\n\nThe revenue of the club in the season was 38,4 Mio. Euro, the treasurer said. ' +
    'The debts of the club are now 61 Mio. Euro. The stadium cost 1,2 Mrd. € to build.';

  it('"38,4 Mio. Euro" is 38.4 million euros, one figure, and "Mio." ends no sentence', () => {
    expect(figureIn(text, '38,4 Mio. Euro')).toMatchObject({ value: 38_400_000, unit: 'eur' });
  });

  it('"61 Mio. Euro" and "1,2 Mrd. €" scale an integer by a million and a decimal by a billion', () => {
    expect(figureIn(text, '61 Mio. Euro')).toMatchObject({ value: 61_000_000, unit: 'eur' });
    expect(figureIn(text, '1,2 Mrd. €')).toMatchObject({ value: 1_200_000_000, unit: 'eur' });
  });
});

describe('a yearless day heading read in the light of the years the story names', () => {
  const text =
    'Council election: the count as it happened\n\nLive coverage from the count, Thursday 6 May into Friday 7 May. Latest entries first.\n\n' +
    'Friday 7 May\n\n07:20 - Final result\n\nWith all wards declared, the Civic Alliance ends the night with 24 of the 61 seats.\n\n' +
    'Turnout was 41.3%, up from 38.7% at the last election in 2023.';

  it('"Friday 7 May" after "the last election in 2023" is not 2021, though 2021 is the latest such Friday before the reading day', () => {
    const seats = extractFigures(text, { notAfter: '2026-12-03' }).find((f) => f.numberText === '24');
    expect(seats?.as_of).toBe('2027-05-07');
  });

  it('with no year named, the latest such day up to the reading day still stands', () => {
    const unnamed = text.replace(' at the last election in 2023', '');
    const seats = extractFigures(unnamed, { notAfter: '2026-12-03' }).find((f) => f.numberText === '24');
    expect(seats?.as_of).toBe('2021-05-07');
  });
});

describe("a release's reference day", () => {
  const release =
    'NATIONAL STATISTICS OFFICE OF BRELLAND\nPRESS RELEASE\n\nEmbargoed until 09:30, Wednesday 28 April 2027\n\n' +
    'CENSUS 2026: FIRST RESULTS\n\n' +
    'The resident population of Brelland was 4,182,917 on Census Day, 15 November 2026, the National Statistics Office announced today.\n\n' +
    'Private households numbered 1,611,404. One-person households made up 31.2% of all households.';

  it('a full past date on the lead figure of an issuer’s release dates its later undated figures ("on Census Day, 15 November 2026")', () => {
    expect(figureIn(release, '1,611,404')).toMatchObject({ as_of: '2026-11-15', dateBasis: 'carried' });
    expect(figureIn(release, '31.2')).toMatchObject({ as_of: '2026-11-15' });
  });

  it('in a news story (no issuer’s voice) a dated lead figure leaves the later ones to their own dates', () => {
    const story =
      'Published 28 April 2027\n\nBrelland had 4,182,917 residents on Census Day, 15 November 2026, officials said today.\n\n' +
      'Separately, the port handled 1,611,404 containers, the harbour board said.';
    expect(figureIn(story, '1,611,404').as_of).toBe('2027-04-28');
  });
});

describe("a parliamentary record's speakers", () => {
  const text =
    'OFFICIAL REPORT\nASSEMBLY OF TARNWICK\nTuesday 16 November 2027\n\nBudget Bill (Second Reading)\n\n[Col. 412]\n\n' +
    'The Minister of Finance (Ms Odile Brackwell): I beg to move, That the Bill be now read a Second time.\n\n' +
    'This Budget sets total public spending for 2028 at 214.3 billion crowns, an increase of 4.6% on this year.\n\n' +
    'Mr Kasimir Velde (Coastal) (Opposition): Her own Red Book shows the deficit at 2.6% of GDP.';

  it('"The Minister of Finance (Ms Odile Brackwell):" labels her speech, and the paragraphs it runs on to', () => {
    expect(figureIn(text, '214.3 billion')).toMatchObject({ source: 'Ms Odile Brackwell' });
  });

  it('"Mr Kasimir Velde (Coastal) (Opposition):" is the next speaker, past his seat and party', () => {
    expect(figureIn(text, '2.6')).toMatchObject({ source: 'Mr Kasimir Velde' });
  });

  it('a column marker "[Col. 412]" is no figure', () => {
    expect(extractFigures(text, {}).some((f) => f.numberText === '412')).toBe(false);
  });
});

describe("translated copy's progressive counts", () => {
  it('"But the Coast Guard is counting 243 persons" and "In the morning the Coast Guard was speaking of 31 missing" credit the Coast Guard', () => {
    const text =
      'The ferry sank near the island on Saturday. In the morning the Coast Guard was speaking of 31 missing. ' +
      'But the Coast Guard is counting 243 persons from the tickets.';
    expect(figureIn(text, '31')).toMatchObject({ source: 'Coast Guard' });
    expect(figureIn(text, '243')).toMatchObject({ source: 'Coast Guard' });
  });
});

describe('a described body acting, and a change told of the figure before', () => {
  it('"The bank\'s monetary policy board lifted the policy rate … to 4.75%" credits the bank named before', () => {
    const text =
      'The Central Bank of Estrava raised its main policy rate on Thursday.\n\n' +
      "The bank's monetary policy board lifted the policy rate by half a percentage point to 4.75%.";
    expect(figureIn(text, '4.75').source).toMatch(/bank/i);
    expect(figureIn(text, '4.75').source).not.toBe('article');
  });

  it('"That was up from 6.8% in January" goes on with the source of the figure before it', () => {
    const text =
      'Estrava Statistics said on Tuesday that consumer prices were 7.1% higher in February than a year earlier. That was up from 6.8% in January.';
    expect(figureIn(text, '6.8')).toMatchObject({ source: 'Estrava Statistics' });
  });
});

describe("a yearless dateline's year told by a span back to a named year", () => {
  const story = (ago: string) =>
    "KESTRA, Valmont, March 12 (Harbour Wire) - The death toll from Tuesday's earthquake rose to 347 on Thursday, the civil protection directorate said.\n\n" +
    `It is the deadliest earthquake since the Orvan disaster ${ago}. That quake, in 2011, killed 1,204 people.`;

  it('"sixteen years ago … That quake, in 2011," places "March 12" in 2027, though weekdays alone fit 2015 too', () => {
    expect(figureIn(story('sixteen years ago'), '347').as_of?.slice(0, 4)).toBe('2027');
  });

  it('without the span the year is left to the weekdays, as before', () => {
    expect(figureIn(story('long ago'), '347').as_of?.slice(0, 4)).not.toBe('2027');
  });
});
