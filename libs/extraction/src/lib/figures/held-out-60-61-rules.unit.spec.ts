import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g545–g560 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g561–g592 were written to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it("a research desk's letterhead of sections ('MARLOW & FENN | MACRO RESEARCH | RATES') issues its first-person note", () => {
    const text =
      'MARLOW & FENN | MACRO RESEARCH | RATES\n\nOutlook for Dravia\n\n4 December 2026\n\n' +
      '- We raise our 2027 inflation forecast to 2.9% from 2.6%, as energy tariffs rise in spring.';
    expect(figureIn(text, '2.9')).toMatchObject({ source: 'Marlow & Fenn', sourceBasis: 'issuer' });
  });

  it("a magazine's masthead with its issue date and section is no issuer", () => {
    const text =
      'FIELD & STREAM WEEKLY | March 2027 | Explainer\n\nWhy our lakes are warming\n\n' +
      'We looked at the records. The lake warmed by 1.4C in a decade, the Water Institute says.';
    expect(figureIn(text, '1.4C').sourceBasis).not.toBe('issuer');
  });

  it("a league named alone on its first line issues the report written in its voice ('We welcomed …')", () => {
    const text =
      'Northern Hockey League\n2026 Season Report\n\n1. Crowds\n\nWe welcomed 212,400 spectators to our 96 matches this season, ' +
      'more than in any of our previous nine seasons.';
    expect(figureIn(text, '212,400')).toMatchObject({ source: 'Northern Hockey League', sourceBasis: 'issuer' });
  });

  it('a letterhead with its name in quotes over a "PRESS NOTE Nr." issues it', () => {
    const text =
      'NATURE RESERVE "SILVER MARSHES"\nPublic Institution - Office for Visitors\nPRESS NOTE Nr. 12/2026\n\n' +
      'In the season 2026 were registered 88,400 visitors, what is 3.1% more than in the season 2025.';
    expect(figureIn(text, '88,400')).toMatchObject({ source: 'Nature Reserve Silver Marshes', sourceBasis: 'issuer' });
  });

  it('a letterhead over "PRESS STATEMENT Nr." issues it', () => {
    const text =
      'DIRECTORATE OF INLAND WATERWAYS\nPRESS STATEMENT Nr. 9/2026\nHolmvik, 01.12.2026\n\n' +
      'The number of barges passing the locks this year is 14,210, which is 6 percent less than last year.';
    expect(figureIn(text, '14,210')).toMatchObject({ source: 'Directorate of Inland Waterways', sourceBasis: 'issuer' });
  });
});

describe('who speaks', () => {
  it("a parliamentary record's speaker on a line of their own speaks the paragraphs below, until the next speaker", () => {
    const text =
      'Ferry Services: Funding\n\nVolume 811: debated on Tuesday 1 December 2026\n\n2.30 pm\n\n' +
      'Alys Penhale (Skerry West) (Ind)\nI beg to move that this House has considered ferry funding.\n\n' +
      'The islands lost 412 sailings last winter to breakdowns.\n\n' +
      'Tomas Reid (Harbour East) (Con)\nWill the hon. Lady give way?\n\nAlys Penhale\nI will not.\n\n' +
      'The Minister for Transport (Owen Garvey)\nThe operator has been given £31 million this year.';
    expect(figureIn(text, '412').source).toBe('Alys Penhale');
    expect(figureIn(text, '£31 million').source).toBe('Owen Garvey');
  });

  it('a bare name heading a paragraph once, as a signature, speaks for nothing below it', () => {
    const text = 'A note from our chair\n\nJane Morrow\nChair of trustees\n\nThe museum had 41,000 visitors in 2025, the trust said.';
    expect(figureIn(text, '41,000').source).not.toBe('Jane Morrow');
  });

  it('a body that "means that" a figure holds (a translation of "meint, dass") gives it', () => {
    const text =
      'The Farmers Union (LBF) means that the new rules will cost the sector at least 40 million crowns in 2027. ' +
      'This means that about 300 farms are at risk, it said.';
    expect(figureIn(text, '40 million').source).toMatch(/Farmers Union/);
  });

  it("a bench's sentence is its own act: magistrates and a district judge fine", () => {
    const text =
      'A shop owner was fined for selling fireworks to children.\n\nMagistrates fined him £660 and ordered him to pay £85 costs.\n\n' +
      'District judge Helen Marsh fined a second trader £2,400 on Wednesday.';
    expect(figureIn(text, '£660').source).toBe('Magistrates');
    expect(figureIn(text, '£2,400').source).toBe('Helen Marsh');
  });
});

describe('when a figure holds', () => {
  const published = { publishedAt: '2026-11-20' };

  it('"the same quarter of 2025" is the quarter the text is about, a year back', () => {
    const text = 'Housing starts rose to 38,420 in the third quarter of 2026 from 36,250 in the same quarter of 2025, the ministry said.';
    expect(datedIn(text, '38,420', published)).toEqual(['2026-09-01', 'month']);
    expect(datedIn(text, '36,250', published)).toEqual(['2025-09-01', 'month']);
  });

  it('"the same period of 2025" in the next sentence takes the period stated before it', () => {
    const text =
      'Landings of cod from January to October 2026 were 36 214 tonnes, the directorate said. ' +
      'In the same period of 2025 the landings were 41 908 tonnes.';
    expect(datedIn(text, '41 908', published)).toEqual(['2025-10-01', 'month']);
  });

  it('a span of days across months is dated by its last month; one within a month, or the year to date, by its last day', () => {
    const text =
      'We welcomed 541,200 spectators to the 132 matches played between 7 March and 26 September, the league said. ' +
      'Police made 38 arrests between 3 and 9 November, the force said. ' +
      'In all, 28,415 people arrived between Jan. 1 and Aug. 31, the ministry said.';
    expect(datedIn(text, '541,200', published)).toEqual(['2026-09-01', 'month']);
    expect(datedIn(text, '38', published)).toEqual(['2026-11-09', 'day']);
    expect(datedIn(text, '28,415', published)).toEqual(['2026-08-31', 'day']);
  });
});
