import { datedIn, figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g577–g592 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g593–g608 had been written and scored to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('a letterhead over "… - INCIDENT UPDATE No. 14" issues it', () => {
    const text =
      'MARLOW COUNTY FIRE PROTECTION DISTRICT\nASHBY FIRE - INCIDENT UPDATE No. 6\nThursday, October 8, 2026, 7:00 a.m.\n\n' +
      'AT A GLANCE\nAcres burned: 12,650\nContainment: 35%';
    expect(figureIn(text, '12,650')).toMatchObject({ source: 'Marlow County Fire Protection District', sourceBasis: 'issuer' });
  });

  it('a letterhead over a "Six-month usage report" or a "MONTHLY CLIMATE SUMMARY" issues it', () => {
    const report =
      'EASTLINE FOOD BANK NETWORK\nSix-month usage report: April to September 2026\nPublished 29 October 2026\n\n' +
      'Food banks in the network distributed 48,260 emergency food parcels.';
    expect(figureIn(report, '48,260')).toMatchObject({ source: 'Eastline Food Bank Network', sourceBasis: 'issuer' });
    const summary =
      'NORDMARK METEOROLOGICAL INSTITUTE\nMONTHLY CLIMATE SUMMARY - NOVEMBER 2026\nIssued: Wednesday 2 December 2026\n\n' +
      'National rainfall was 158 mm, or 142% of the average.';
    expect(figureIn(summary, '142')).toMatchObject({ source: 'Nordmark Meteorological Institute', sourceBasis: 'issuer' });
  });

  it("a company's engineering blog is the company's", () => {
    const text =
      'Ferncloud Engineering Blog\n\nPostmortem: the November 17 routing outage\n\nPosted on November 19, 2026\n\n' +
      'For 64 of those minutes most requests failed outright, and we are sorry.';
    expect(figureIn(text, '64')).toMatchObject({ source: 'Ferncloud', sourceBasis: 'issuer' });
  });

  it('a body in capitals on the first line that names itself in the body issues its page, with no marker; a section title does not', () => {
    const own = 'HARBOUR VALLEY WATER TRUST\n\nHarbour Valley Water Trust fixed 2,480 leaks in November, we said.';
    expect(figureIn(own, '2,480')).toMatchObject({ source: 'Harbour Valley Water Trust', sourceBasis: 'issuer' });
    const section = 'AIRLINE PUNCTUALITY\n\nRegional carriers slip\n\nAverage arrival delay lengthened to 17 minutes.';
    expect(figureIn(section, '17').sourceBasis).not.toBe('issuer');
  });
});

describe('who speaks', () => {
  it("a poll write-up's findings are its pollster's", () => {
    const text =
      'The opposition has moved into a four-point lead, according to the latest Ardent Research poll for The Courier.\n\n' +
      'Ardent interviewed 1,204 adults online. Some 14% of respondents said they did not know how they would vote.';
    expect(figureIn(text, '14').source).toBe('Ardent Research');
  });
});

describe('when a figure holds', () => {
  it('a yearless dateline takes the year in which it falls on the latest weekday its lead names', () => {
    const text =
      'TARVESH, Nov 27 (Meridian News Agency) - The number of people killed by the earthquake that struck late on Thursday ' +
      'rose to at least 143 on Friday, the Interior Ministry said.';
    expect(datedIn(text, '143', { notAfter: '2026-12-07' })).toEqual(['2026-11-27', 'day']);
  });

  it('a local site\'s "Mon 30 Nov, 5.42pm" is its publication day', () => {
    const text = 'Kellbridge Post\nLocal news | Roads\nMon 30 Nov, 5.42pm\n\nThe repair bill has jumped by £1.4 million, the council said.';
    expect(datedIn(text, '£1.4 million', { notAfter: '2026-12-07' })).toEqual(['2026-11-30', 'day']);
  });

  it("a poll's shares hold on the last day of its fieldwork", () => {
    const text =
      'Civic Alliance leads, according to the latest Ardent Research poll.\n\nThe survey puts the Alliance on 31%. ' +
      'Ardent interviewed 1,204 adults online between Thursday 26 and Monday 30 November.';
    expect(datedIn(text, '31', { publishedAt: '2026-12-02' })).toEqual(['2026-11-30', 'day']);
  });

  it("a ballot's result holds on the day of the election its lead names, past the council named before it", () => {
    const text =
      "The Civic Party has lost its majority on Branscombe City Council, winning 27 of the 60 seats in Thursday's election.\n\n" +
      'Turnout was 34.7%, up from 31.2% four years ago.';
    expect(datedIn(text, '34.7', { publishedAt: '2026-05-08' })).toEqual(['2026-05-07', 'day']);
  });

  it('"at the last general strike, on 9 October" is an earlier occasion, not the day the story tells of', () => {
    const text =
      'Such gaps are nothing new: at the last general strike, on 9 October, the ministry counted 41,000 marchers.\n\n' +
      'The union, which organised the strike, insists the crowd was 210,000.';
    expect(datedIn(text, '210,000', { publishedAt: '2026-12-03' })).toEqual(['2026-12-03', 'day']);
  });

  it("a periodic document's title names the month its figures cover", () => {
    const text =
      'NORDMARK METEOROLOGICAL INSTITUTE\nMONTHLY CLIMATE SUMMARY - NOVEMBER 2026\nIssued: Wednesday 2 December 2026\n\n' +
      'Sunshine totalled 41 hours, just 68% of the average.';
    expect(datedIn(text, '41')).toEqual(['2026-11-01', 'month']);
  });
});
