import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g497–g512 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g513–g528 were written to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('a company with its ticker on any exchange after a title-case dateline ("Harlby, 3 December 2026 - X (BRX: SKYV)")', () => {
    const text =
      'PRESS RELEASE\n\nFernwing Air: November passengers up 6.1%\n\n' +
      'Harlby, 3 December 2026 - Fernwing Air (BRX: FNWG) today published its traffic statistics for November 2026.\n\n' +
      'In November, Fernwing carried 984,300 passengers.';
    expect(figureIn(text, '984,300').source).toBe('Fernwing Air');
  });

  it('a letterhead with its acronym over "Press communiqué n° 118/2026" (an "é" before the number) issues it', () => {
    const text =
      'NATIONAL AGENCY FOR FOOD SAFETY (ANSA)\nPress communiqué n° 41/2026\nValderon, the 30 of November of 2026\n\n' +
      'Since the 1 of January, the Agency has received 137 complaints of consumers.';
    expect(figureIn(text, '137').sourceBasis).toBe('issuer');
  });

  it('a body\'s name before its news section ("University of Kelby | News and events") issues the page; a station\'s does not', () => {
    const page = 'University of Kelby | News and events | Research news\n\n18 November 2026\n\nThe team recorded 1,847 species.';
    expect(figureIn(page, '1,847').source).toBe('University of Kelby');
    const station = 'Wolds Sound 96.3 FM | News | Education\n\n19 August 2027\n\nSeventeen students achieved three A* grades.';
    expect(figureIn(station, 'Seventeen').sourceBasis).not.toBe('issuer');
  });

  it('"The survey found 498 species" in the issuer\'s own page, with no one else named for it, is the issuer\'s', () => {
    const page =
      'University of Kelby | News and events | Research news\n\n18 November 2026\n\nTen years on, the heath has more species.\n\n' +
      'The survey found 498 species of flowering plants.';
    expect(figureIn(page, '498').source).toBe('University of Kelby');
  });
});

describe('who counted and who tells', () => {
  it('"According to data compiled by the X Unit, officers recorded 18,642 offenses": the unit tells what officers counted', () => {
    const text = "According to data compiled by the department's Crime Analysis Unit, officers recorded 18,642 offenses in 2025.";
    expect(figureIn(text, '18,642').source).toMatch(/Crime Analysis Unit/);
  });
});

describe("the period a release's head or lead names", () => {
  it('"Data as of 30 November 2026 | Published 2 December 2026" dates its undated figures by the 30th', () => {
    const text =
      'RELIEF AGENCY\nSituation Update No. 19\nData as of 30 November 2026 | Published 2 December 2026\n\n' +
      'Protection teams have identified at least 214 unaccompanied children.';
    expect(datedIn(text, '214')).toEqual(['2026-11-30', 'day']);
  });

  it('"released the department\'s crime statistics for calendar year 2025" dates its undated figures by 2025', () => {
    const text =
      'HALLOW BAY POLICE DEPARTMENT\n\nFOR IMMEDIATE RELEASE\nMonday, February 9, 2026\n\n' +
      "Police Chief Ada Morrow today released the department's crime statistics for calendar year 2025.\n\n" +
      'Burglaries fell 14% to 2,310.';
    expect(datedIn(text, '2,310')).toEqual(['2025-01-01', 'year']);
  });
});

describe('more periods a lead or title names', () => {
  it('"published its traffic statistics for November 2026" dates its later undated figures by November', () => {
    const text =
      'PRESS RELEASE\n\nHarlby, 3 December 2026 - Fernwing Air today published its traffic statistics for November 2026.\n\n' +
      'Fernwing operated 9,842 flights.';
    expect(datedIn(text, '9,842')).toEqual(['2026-11-01', 'month']);
  });

  it('a title "HARVEST REPORT 2026" dates the report\'s undated figures by its year', () => {
    const text =
      "TARROW GROWERS' COOPERATIVE\nHARVEST REPORT 2026\nIssued to members Friday 27 November 2026\n\n" + 'The area harvested was 11,870 hectares.';
    expect(datedIn(text, '11,870')).toEqual(['2026-01-01', 'year']);
  });

  it('"between April and September this year" in the lead dates later undated figures by September', () => {
    const text =
      'Published 18 November 2026\n\nResearchers recorded 1,847 species during fieldwork carried out between April and ' +
      'September this year.\n\nThe team found 61 species of ground beetle.';
    expect(datedIn(text, '61')).toEqual(['2026-09-01', 'month']);
  });
});

describe('numbers that are no figures', () => {
  it.each([
    ['SPECIAL BULLETIN N. 047 - The plume reached 2,300 metres.', '2,300'],
    ['Call 101, quoting incident 412, if you saw the crash that injured 14 people.', '14'],
    ['Our Scope 1 and 2 emissions were 17% lower than in FY25.', '17'],
    ['Police said the men, aged 19 and 23, are among the 31 people still in hospital.', '31'],
    ['About 71% of those who died were older than 75.', 'About 71'],
  ])('a reference number, a scope, a list of ages or "older than 75": %s', (text, kept) => {
    expect(numberTexts(text)).toEqual([kept]);
  });
});
