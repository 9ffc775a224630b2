import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g401–g416 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g417–g432 were written to stay unfixed. Every text here is invented.

describe("a company's results release", () => {
  const release =
    'NEWS RELEASE\n\nHollin Instruments Reports First-Quarter 2027 Results\n\n' +
    'BRACKEN FALLS, April 29, 2027 -- Hollin Instruments Inc. (NASDAQ: HOLN), a maker of lab balances, today announced financial results for the first quarter ended March 31, 2027.\n\n' +
    'Revenue for the first quarter was $186.4 million, compared with $165.7 million a year earlier. Net income was $17.1 million.';

  it('the listed company named after the dateline issues it: its uncredited figures are the company’s', () => {
    expect(figureIn(release, '$17.1 million')).toMatchObject({ source: 'Hollin Instruments', sourceBasis: 'issuer' });
  });

  it('"results for the first quarter ended March 31, 2027" dates its undated figures by the quarter’s last month', () => {
    expect(figureIn(release, '$17.1 million').as_of?.slice(0, 7)).toBe('2027-03');
  });
});

describe("a city's press note", () => {
  it('"INFORMATION FOR MEDIA" under a letterhead marks the city’s own voice', () => {
    const text =
      'CITY OF BRELNIK\nOffice of the Mayor - Service for Public Relations\nTrg 1, Brelnik | tel. 021 441 307\n\nINFORMATION FOR MEDIA\nBrelnik, 10th of December 2027\n\n' +
      'For capital investments are foreseen 38 900 000 EUR, what is 26 % of the budget.';
    expect(figureIn(text, '38 900 000')).toMatchObject({ source: 'City of Brelnik', sourceBasis: 'issuer' });
  });
});

describe('a lead-in naming whose figures follow its colon', () => {
  it('"Some numbers on the effort, from the fire service: 1,140 personnel …" credits the fire service', () => {
    const text =
      'The fire grew overnight.\n\nSome numbers on the firefighting effort, from the fire service: 1,140 personnel are now assigned to the fire.';
    expect(figureIn(text, '1,140').source).toMatch(/fire service/i);
  });

  it('"The fire service\'s morning briefing: the fire had burned 12,400 hectares" credits the fire service', () => {
    const text = "The fire grew overnight.\n\nThe fire service's morning briefing: the fire had burned 12,400 hectares as of 6am.";
    expect(figureIn(text, '12,400').source).toMatch(/fire service/i);
  });

  it('a colon after a plain heading credits nobody', () => {
    const text = 'The fire grew overnight.\n\nThe numbers so far: 1,140 personnel are now assigned to the fire.';
    expect(figureIn(text, '1,140').source).toBe('article');
  });
});

describe("Slavic-language copy's scale abbreviations", () => {
  const text =
    'Published 10 December 2027\n\nTotal revenues are planned in amount of 141,2 mil. EUR. The real deficit will be at least 12 mil. EUR, the councillor said.';

  it('"141,2 mil. EUR" is 141.2 million euros, and "mil." ends no sentence', () => {
    expect(figureIn(text, '141,2 mil. EUR')).toMatchObject({ value: 141_200_000, unit: 'eur' });
  });

  it('"at least 12 mil. EUR" keeps its qualifier', () => {
    expect(figureIn(text, '12 mil. EUR')).toMatchObject({ low: 12_000_000, qualifier: 'at_least' });
  });
});

describe('a described body and its own documents', () => {
  it('"The platform counted about 14 enquiries" and "The directorate made 71,300 decisions" credit the body named before', () => {
    const text =
      'Rents rose again, according to Lettwise, the listings platform. The platform counted about 14 enquiries for every home.\n\n' +
      'The Migration Directorate published its figures on Monday. The directorate made 71,300 first decisions in the year.';
    expect(figureIn(text, '14').source).toMatch(/Lettwise|platform/);
    expect(figureIn(text, '71,300').source).toMatch(/Directorate/i);
  });

  it('"Halden Bank\'s index, out on Friday, tells a cooler story: …" credits the bank', () => {
    const text = "Prices cooled in August.\n\nHalden Bank's index, out on Friday, tells a cooler story: an annual rise of 2.1%.";
    expect(figureIn(text, '2.1')).toMatchObject({ source: 'Halden Bank' });
  });

  it('"Its figures for June, released on Wednesday, showed …" goes back to the body the sentence before named', () => {
    const text =
      'The National Statistics Agency disagrees with both lenders. Its figures for June, released on Wednesday, showed average prices up 2.7%.';
    expect(figureIn(text, '2.7')).toMatchObject({ source: 'National Statistics Agency' });
  });
});

describe("a yearless briefing's year and its story's targets", () => {
  const briefing =
    'KELDWICK MORNING BRIEFING\nFriday 22 January\n\nGood morning. Five things you need to know today.\n\n' +
    "The board said 212 people were killed on the region's roads in 2026, the lowest number on record. " +
    "That was still a long way from the board's target of fewer than 150 deaths a year by 2030.\n\n" +
    'The council said its crews spread 1,100 tonnes of salt on the roads overnight.';

  it('"Friday 22 January" after a story naming 2026 as past is 2027, though a target names 2030', () => {
    const f = extractFigures(briefing, { notAfter: '2026-12-03' }).find((x) => x.numberText === '212');
    expect(f?.as_of).toBe('2026-01-01');
    const today = extractFigures(briefing, { notAfter: '2026-12-03' }).find((x) => x.numberText === '1,100');
    expect(today?.as_of).toBe('2027-01-22');
  });

  it('"Pedestrians made up 58 of the deaths" makes no pedestrians a source', () => {
    const text = 'Road deaths fell, the board said on Thursday. Pedestrians made up 58 of the deaths and cyclists 19.';
    expect(figureIn(text, '58').source).not.toBe('Pedestrians');
  });
});

describe("a paragraph's uncredited figures", () => {
  it('go on with the source credited last in the paragraph ("The Forestry Service said 41 homes burned. Volunteers fed 28 horses.")', () => {
    const text =
      'The fire spread overnight.\n\nThe Forestry Service said at least 41 homes had been destroyed. Volunteers fed 28 horses at the showground.';
    expect(figureIn(text, '28')).toMatchObject({ source: 'Forestry Service', sourceBasis: 'carried' });
  });

  it('stop at the paragraph’s end', () => {
    const text = 'The Forestry Service said at least 41 homes had been destroyed.\n\nVolunteers fed 28 horses at the showground.';
    expect(figureIn(text, '28').source).toBe('article');
  });

  it("leave the article's own market and weather lines to the article", () => {
    const text = 'Movilia said it would cut 1,200 jobs. Its shares fell 4.2% in morning trading. Temperatures reached 24C by midday.';
    expect(figureIn(text, '4.2').source).toBe('article');
    expect(figureIn(text, '24C').source).toBe('article');
  });
});

describe("a release's note on when its figures hold, and a count's polling day", () => {
  it('"All figures are at 23:59 on Wednesday 25 August 2027" dates the release\'s undated figures', () => {
    const text =
      'PRESS RELEASE\n\nUniversities Admissions Board\nFor immediate release: Thursday 26 August 2027\n\n' +
      'Overall, 418,920 applicants of all ages had been placed, 1.8% more than at the same point last year.\n\n' +
      'Notes to editors\n\n1. All figures are at 23:59 on Wednesday 25 August 2027, seven days after results day, unless otherwise stated.';
    expect(figureIn(text, '418,920').as_of).toBe('2027-08-25');
  });

  it('a transcript past midnight dates the ballot\'s votes and electorate by "the referendum held on Thursday 4 March 2027"', () => {
    const text =
      'BRENWICK DISTRICT COUNCIL\nLocal referendum on the bridge scheme\nTranscript of the declaration and press briefing\nCivic Hall - Friday 5 March 2027, 01:55\n\n' +
      'Present: the Counting Officer; the Deputy Counting Officer; members of the press.\n\n[DECLARATION]\n\n' +
      'COUNTING OFFICER: I, being the Counting Officer for the local referendum held on Thursday 4 March 2027, give notice that the turnout was 42.9%.\n\n' +
      'DEPUTY: We issued 16,850 postal votes and 14,830 came back.';
    expect(figureIn(text, '16,850').as_of).toBe('2027-03-04');
  });
});
