import { bounds, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';
import { extractFigures } from '../extract-figures';

// Rules found by the held-out batches g153–g160 and g161–g168 (each scored once before them, 6 Dec; see
// libs/extraction/HELD-OUT.md). Every text here is invented.
const at = (text: string, fragment: string, publishedAt?: string) => figureIn(text, fragment, publishedAt ? { publishedAt } : {});

describe('publication dates in headers', () => {
  it('a labelled date inside a barred byline is the publication date', () => {
    const text =
      'Ferries carry record freight\n\nBy Ann Roe and Tom Vale | Harbour and Coastal Trade Weekly | Published Thursday 8 October 2026\n\n' +
      'Island ferries carried 41,300 trailers in the season, the operators said.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 10, d: 8 });
  });

  it("a written answer's 'Answered on' date, not the day the question was tabled", () => {
    const text =
      'Written question\nUIN 1203, tabled on 2 March 2026\nAnswered on 9 March 2026\n\n' +
      'Answered by Jo Penn, Minister of State\n\nThe service employed 2,140 wardens, the minister said.';
    expect(at(text, '2,140').as_of).toBe('2026-03-09');
  });

  it('a central European dotted date with spaces ("Kranj, 14. 5. 2026") is a date, not three figures', () => {
    const text = 'Press communication\nKranj, 14. 5. 2026\n\nThe union counted 3400 members in April, says the union.';
    expect(numberTexts(text)).toEqual(['3400']);
    expect(at(text, '3400').as_of).toBe('2026-04-01');
  });
});

describe('transcripts whose header declares speaker initials', () => {
  const transcript =
    'TRANSCRIPT: Morning Call, Radio Fenby\nBroadcast Monday 9 March 2026\n' +
    'Presenter: Jo Lake (JL). Guest: Councillor Ravi Shah (RS), Fenby Council.\n\n' +
    'JL: Councillor, what did the count find?\n\n' +
    'RS: On the night of the count, 12 February, our teams found 230 people sleeping rough. That is up from 190 a year earlier.\n\n' +
    'JL: The charity Open Door says the true number is at least 400.\n\n' +
    'RS: We will open 60 more beds in April.';

  it("an initialled answer is its speaker's, a presenter's line is not", () => {
    expect(at(transcript, '230').source).toBe('Councillor Ravi Shah');
    expect(at(transcript, '60').source).toBe('Councillor Ravi Shah');
    expect(at(transcript, '400').source).not.toMatch(/Jo Lake/);
  });

  it('a date in apposition after the label ("RS: On the night of the count, 12 February,") dates the paragraph', () => {
    expect(at(transcript, '230').as_of).toBe('2026-02-12');
    expect(at(transcript, '190').as_of).toBe('2025-02-12');
  });

  it('initials that do not spell the name are no speaker', () => {
    const text = 'Guest: the Ministry of Ports (MOP).\n\nMOP: The ports handled 12,000 ships, the ministry said.';
    expect(at(text, '12,000').source).not.toBe('the Ministry of Ports');
  });
});

describe('an issuer named by its press office or under its letterhead', () => {
  it('"NEWS RELEASE / X Council - Communications Team": the council speaks', () => {
    const text =
      'NEWS RELEASE\nDunmore District Council - Communications Team\nWednesday 9 September 2026\n\n' +
      'Average uptake of school lunches reached 88% this year across the district.';
    expect(at(text, '88')).toMatchObject({ source: 'Dunmore District Council', sourceBasis: 'issuer' });
  });

  it('a "Press communication" under the body\'s name is in its voice', () => {
    const text = 'Carniolan Growers Union\nPress communication\nKranj, 14. 5. 2026\n\nThe growers lost 12,5 % of their orchards in the frost.';
    expect(at(text, '12,5')).toMatchObject({ source: 'Carniolan Growers Union', sourceBasis: 'issuer' });
  });
});

describe('furniture', () => {
  it("a newsletter's 'TOP STORY:' is a section, not a speaker; its issue number is no figure", () => {
    const text =
      'GRID WEEKLY\nIssue 214 | Monday 12 January 2026\n\nTOP STORY: Coverage passes 80%\n\n' +
      'Coverage reached 81.5% of homes at the end of December.';
    expect(numberTexts(text)).not.toContain('214');
    expect(at(text, '81.5').source).toBe('article');
  });

  it('"Routes 12 and 14" name services', () => {
    expect(numberTexts('Routes 12 and 14 are among the worst hit, with 40 trips cut, the operator said.')).toEqual(['40']);
  });
});

describe('who "it" and "the company" are', () => {
  it('"Separately, developer Nordhav said …. The company …": the company a trade introduced', () => {
    const text =
      'Industry group Green Power North put losses at 380 million crowns. Separately, developer Nordhav Energi said 14 turbines had stopped. ' +
      'The company initially told investors the outage cost about 60 GWh.';
    expect(at(text, '60').source).toBe('Nordhav Energi');
  });

  it('a greeting opens no subject, and "it" after a colon is the sentence\'s own subject', () => {
    const text = 'Mayor Ann Cole said services were thin.\n\nGood morning. CityBus has revised the figure again: it now says 151 services were lost.';
    expect(at(text, '151').source).toBe('CityBus');
  });

  it('"the council" is the council, not a councillor', () => {
    const text =
      'Fenby Borough Council said costs had risen. Councillor Priya Dean welcomed the scheme. The council estimates that each family saves £470 a year.';
    expect(at(text, '470').source).toMatch(/Fenby Borough Council/);
  });
});

describe('periods with no year', () => {
  it('"in the third quarter" holds as of its last month, the latest one before publication', () => {
    expect(at('Wind farms produced 9.8 TWh in the third quarter, the grid operator said on Wednesday.', '9.8', '2026-11-04').as_of).toBe(
      '2026-09-01',
    );
  });

  it('a span of months holds as of its last month: "between April and June", "July to September"', () => {
    expect(at('Volunteers collected 312 samples between April and June, the group said.', '312', '2026-07-24').as_of).toBe('2026-06-01');
    const text = 'The operator had said that output for July to September reached 10.3 TWh.';
    expect(at(text, '10.3', '2026-11-04').as_of).toBe('2026-09-01');
    expect(extractFigures('The figure for October – close to 42,000 – was a record, officials said.', { publishedAt: '2026-11-08' })[0]?.as_of).toBe(
      '2026-10-01',
    );
  });

  it('"at the end of December", "end-June": the last day of the month', () => {
    expect(at('Coverage reached 87.3% of premises at the end of December, the regulator said.', '87.3', '2026-01-12').as_of).toBe('2025-12-31');
    expect(at('The end-June order backlog stood at $48.7 billion, the company said.', '48.7', '2026-07-23').as_of).toBe('2026-06-30');
  });

  it('"the financial year that ended in March" holds as of March: the period\'s end, not a boundary', () => {
    expect(at('In the financial year that ended in March there were 1,532 donors, the service said.', '1,532', '2026-06-23').as_of).toBe(
      '2026-03-01',
    );
  });

  it('a quarter with its year is unchanged', () => {
    expect(bounds(at('Sales rose 4% in the third quarter of 2025, the company said.', '4', '2026-11-04'))).toEqual({ value: 4, qualifier: 'exact' });
    expect(at('Sales rose 4% in the third quarter of 2025, the company said.', '4', '2026-11-04').as_of).toBe('2025-09-01');
  });
});
