import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g449–g464 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g465–g480 were written to stay unfixed. Every text here is invented.

describe("a release's issuer", () => {
  it('a company named with its legal form under "PRESS RELEASE" ("Brackenmoor Bakeries plc") issues it', () => {
    const text =
      'PRESS RELEASE\n\nBrackenmoor Bakeries plc\nThird quarter trading update\nThursday 8 October 2026\n\n' +
      'Brackenmoor Bakeries plc ("the Group") today publishes its update for the third quarter.\n\nWholesale volumes rose 4.2% in the quarter.';
    expect(figureIn(text, '4.2')).toMatchObject({ source: 'Brackenmoor Bakeries plc', sourceBasis: 'issuer' });
  });

  it('a body whose name runs on with "in" and a place in letters beyond ASCII ("Gallery of Lace in Horní Lípa") issues it', () => {
    const text =
      'PRESS INFORMATION No. 4/2026\n\nGallery of Lace in Horní Lípa\nHorní Lípa, 12th January 2026\n\n' +
      'The Gallery is glad to inform that it was visited by 84,310 persons. The most of them came in July.';
    expect(figureIn(text, '84,310')).toMatchObject({ source: 'Gallery of Lace in Horní Lípa', sourceBasis: 'issuer' });
  });
});

describe('who is not a source', () => {
  it('a heading in capitals on both sides of its colon ("CITY PARADE: HOW MANY CAME?") is no speaker', () => {
    const text =
      'Weekend round-up\n\nCITY PARADE: HOW MANY CAME?\n\nThe parade filled the avenue on Saturday.\n\n' +
      'About 420 stewards were on duty along the route.';
    expect(figureIn(text, '420').source).not.toMatch(/parade/i);
  });

  it('a participle opening a sentence ("Following a review …, the carmaker", "Founded in 1947, …") is not the body a description means', () => {
    const revised =
      'Deliveries rose.\n\nFollowing a review of late registrations, the carmaker has revised its second-quarter deliveries to 301,900 vehicles.';
    expect(figureIn(revised, '301,900').source).not.toBe('Following');
    const founded = 'Founded in 1947, Ostvik Motors builds cars at seven plants. The company employs around 54,000 people.';
    expect(figureIn(founded, '54,000').source).toBe('Ostvik Motors');
  });
});

describe('a publishing body', () => {
  it('"X published full results from …" tells that document\'s figures, as "published its results" does', () => {
    const text = 'Merrow Therapeutics published full results from its trial on Wednesday, showing 72 of 80 patients responded.';
    expect(figureIn(text, '72').source).toBe('Merrow Therapeutics');
  });

  it("the paragraph's later uncredited figures go on with it, as with a body that said them", () => {
    const text = 'Merrow Therapeutics published full results from its trial on Wednesday. The study enrolled 80 adults at 12 sites.';
    expect(figureIn(text, '80')).toMatchObject({ source: 'Merrow Therapeutics', sourceBasis: 'carried' });
  });
});

describe("the period a release's lead names", () => {
  it('"covering the thirteen weeks of June, July and August" dates its later figures by August', () => {
    const text =
      'Trading statement\nWednesday 16 September 2026\n\n' +
      'The Group today publishes its statement for the second quarter, covering the thirteen weeks of June, July and August.\n\n' +
      'Online sales grew 9.6%.';
    expect(datedIn(text, '9.6')).toEqual(['2026-08-01', 'month']);
  });

  it('"in the year 2025" in a translated lead dates its later undated figures by that year', () => {
    const text =
      'Zelená Hora, 9th January 2026\n\nThe Museum is happy to inform that in the year 2025 it was visited by 310 220 persons.\n\n' +
      'The income from tickets was 41,6 million CZK.';
    expect(datedIn(text, '41,6 million')).toEqual(['2025-01-01', 'year']);
  });
});

describe('an event day a section opens with', () => {
  const roundUp =
    'Weekend round-up\nMonday, November 16, 2026\n\nSTREET PARADE\n\nThousands of people marched through the old town on Saturday.\n\n' +
    'About 420 stewards were on duty along the route. Two people were injured.\n\nBUS FARES\n\nAverage fares rose 4% last year.\n\n' +
    'A day ticket costs £5.60.';

  it("dates the section's later past-tense figures with no date of their own", () => {
    expect(datedIn(roundUp, '420')).toEqual(['2026-11-14', 'day']);
  });

  it('not a toll, which keeps rising after its event and holds as reported', () => {
    expect(datedIn(roundUp, 'Two')).toEqual(['2026-11-16', 'day']);
  });

  it("not past the section's end, nor a state that holds now", () => {
    expect(datedIn(roundUp, '£5.60')).toEqual(['2026-11-16', 'day']);
  });

  it('not a day a figure was given out on ("the minister told the council on Tuesday")', () => {
    const text =
      'Friday, November 13, 2026\n\nThe minister told the regional council on Tuesday that the plan was on track.\n\n' +
      'Officials counted 1,240 applications.';
    expect(datedIn(text, '1,240')).toEqual(['2026-11-13', 'day']);
  });
});
