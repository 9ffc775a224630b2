import { figureIn } from '../../__fixtures__/find-figure';
import { isoWeekDate } from '../dates/calendar';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g169–g176 (scored once before them, 6 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.
const at = (text: string, fragment: string, publishedAt?: string) => figureIn(text, fragment, publishedAt ? { publishedAt } : {});

describe('publication dates a header or footer states in other ways', () => {
  it("a yearless dateline takes the year of the wire's copyright line", () => {
    // 5 March 2025 was a Wednesday: the lead's "said on Thursday" alone would place the story in another year.
    const text =
      'TRURO, England, Mar 5 (Harbour Wire) - The harbour board said on Thursday it had logged 1,240 vessel calls in February.\n\n' +
      'The board said winter storms had closed the port for nine days.\n\n(c) Harbour Wire 2025';
    expect(findPublicationDate(text)).toEqual({ y: 2025, m: 3, d: 5 });
  });

  it('an ISO week date labelled "pub:" is the publication day; a desk stamp "upd: 05MAR26" is an update', () => {
    const text =
      '[DATA NOTE] Ferry punctuality\nref: dn-ferries | pub: 2026-W10-3 | upd: 06MAR26 0900Z\n\n' +
      '- Ferries ran 91% of sailings on time this winter, the operator said.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 3, d: 4 });
  });

  it('ISO week dates: week 1 holds 4 January, and only long years have a week 53', () => {
    expect(isoWeekDate(2026, 1, 1)).toEqual({ y: 2025, m: 12, d: 29 });
    expect(isoWeekDate(2026, 53, 5)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(isoWeekDate(2025, 53, 1)).toBeUndefined();
  });
});

describe('who speaks: headlines, letterheads and press markers', () => {
  it('a kicker opening the headline ("BUSINESS LIVE: …") is no transcript speaker', () => {
    const text =
      'BUSINESS LIVE: Steel output after the strike\n\nMonday 2 March 2026\n\n09:10 GMT\n' +
      'Good morning. Steelmakers produced 410,000 tonnes in February, the trade association Steel Wales said.\n\n' +
      '11:30 GMT\nThe benchmark price touched £612 a tonne before lunch.';
    expect(at(text, '410,000').source).toMatch(/Steel Wales/);
    expect(at(text, '£612').source).not.toMatch(/Business Live/i);
  });

  it('the body on its own line under "PRESS RELEASE" issues it, not the headline in capitals below', () => {
    const text =
      'PRESS RELEASE\nMillbrook Museum & Gardens\nIssued Tuesday 3 March 2026\n\nWINTER LIGHTS TRAIL DRAWS RECORD CROWDS\n\n' +
      'Millbrook welcomed 58,200 visitors to its winter lights trail between December and February, the busiest winter in its history.';
    expect(at(text, '58,200').source).toBe('Millbrook Museum & Gardens');
  });

  it('"Press information of the X Union (its name in Czech), Brno, …" names its issuer up to the parenthesis', () => {
    const text =
      'Fruit growers count a smaller crop\n\nPress information of the Fruit Growers Union of Moravia (Svaz ovocnářů Moravy), Brno, 3. 3. 2026.\n\n' +
      'The apple harvest was 41.200 tonnes, informs the union.';
    expect(at(text, '41.200').source).toBe('Fruit Growers Union of Moravia');
  });
});

describe('what is not a name', () => {
  it('"That\'s" and "I\'d" opening a sentence name no one; "she" goes back to the person the sentence named', () => {
    const text =
      'Podcast: Culture Desk, recorded Friday 6 March 2026\n\n' +
      "KEMP: The council grant will go from £80,000 to £50,000. That's a big cut.\n\n" +
      'HOST: Your chair, Ann Bell, was on the show in May, and she told me the hall received "well over £200,000" a year in support.\n\n' +
      "KEMP: I'd say the rent subsidy is worth £40,000 at most.";
    expect(at(text, '£200,000').source).toBe('Ann Bell');
    expect(at(text, '£40,000').source).toBe('Kemp');
  });

  it('"it" never means a person named in between', () => {
    const text =
      'Harwick Rowing Club said on Monday that it had 412 members. "It has been a great year," said Jane Moss, the captain. ' +
      'Juniors make up about 40% of the membership, it said.';
    expect(at(text, 'about 40').source).toBe('Harwick Rowing Club');
  });

  it('a common noun opening a sentence ("Paddleboarders and kayakers …", "Fuel for …") is no body for "the charity"', () => {
    const text =
      'The Seaward Trust said on Monday it had rescued 310 seals this year. Paddleboarders and kayakers disturbed many pups on the beaches. ' +
      'Fuel for the rescue boats cost more than ever. The charity said 120 of the calls came from walkers.';
    expect(at(text, '120').source).toBe('Seaward Trust');
  });

  it('"Operators reported N, says trade body X": X tells the figure the operators counted', () => {
    const text = 'Operators reported 18.6 million trips in the year to June, says trade body Moveable UK.';
    expect(at(text, '18.6 million').source).toBe('Moveable UK');
  });
});

describe("a body's document, or its acronym in brackets, cites it", () => {
  it('"the X Alliance\'s annual survey, published in March, put …" credits the alliance', () => {
    const text = "Nationally, the Roadstone Industry Alliance's annual survey, published in March, put the cost of the backlog at £9.1 billion.";
    expect(at(text, '£9.1 billion').source).toBe('Roadstone Industry Alliance');
  });

  it('"The department\'s provisional figure … had been N" resolves the department', () => {
    const text =
      "The Department for Rail (DfR) said 2,210 signals failed in 2025. The department's provisional figure, published in May, had been 2,050.";
    expect(at(text, '2,050').source).toMatch(/Department for Rail|DfR/);
  });

  it('"Deaths: 19 in 2025 (DfR)" in a fact box cites the defined acronym; a unit in brackets cites nobody', () => {
    const text =
      'KEY FIGURES\n- The Department for Rail (DfR) publishes the counts each September.\n- Deaths: 19 in 2025 (DfR).\n- Capacity: 4.2 gigawatts (GW) in 2025.';
    expect(at(text, '19').source).toMatch(/Department for Rail|DfR/);
    expect(at(text, '4.2').source).not.toBe('GW');
  });
});
