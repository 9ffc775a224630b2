import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g465–g480 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g481–g496 were written to stay unfixed. Every text here is invented.

describe('who issues a document', () => {
  it('"Issued by the X Cell (XC), Ministry of …" under a report\'s title issues it', () => {
    const text =
      'RIVER MAREN FLOODS\nSituation Report No. 3\nIssued by the Emergency Operations Unit (EOU), Ministry of Interior\n\n' +
      '1. HIGHLIGHTS\n\n1.1 As of 2 December, 12,300 people are displaced.';
    expect(figureIn(text, '12,300')).toMatchObject({ source: 'Emergency Operations Unit', sourceBasis: 'issuer' });
  });

  it('"Prepared by:" names an office of the body whose letterhead is above it, not the issuer', () => {
    const text =
      'WELLSPRING AID FOUNDATION\nDrought Response\nSITUATION REPORT No. 4\nPrepared by: Oskar District Office\n\n' +
      'Wellspring trucked 2.6 million litres of water to 41 sites during the period.';
    expect(figureIn(text, '2.6 million').source).not.toBe('Oskar District Office');
  });

  it('a post under its author\'s name and handle ("Fenmoor Fire & Rescue @FenmoorFRS · 3 Dec 2026") is the author\'s', () => {
    const text =
      'Fenmoor Fire & Rescue @FenmoorFRS · 3 Dec 2026, 07:10\n1/ The fire has burned an estimated 2,140 hectares and is 15% contained.\n\n' +
      'Fenmoor Fire & Rescue @FenmoorFRS · 3 Dec 2026, 07:12\n2/ More than 310 firefighters are on the line today.';
    expect(figureIn(text, '310')).toMatchObject({ source: 'Fenmoor Fire & Rescue', sourceBasis: 'issuer' });
  });

  it('a letterhead over its website\'s breadcrumb trail ("ALDREN SPACE AGENCY" over "Missions > …") issues the page', () => {
    const text =
      'VESTRA SPACE AGENCY\nMissions > Lunar exploration > Heron Orbiter > Mission status\n\nHERON ORBITER: MISSION STATUS\n\n' +
      '4 December 2026\nThe burn went to plan. Heron is now in an orbit of 118 km by 3,210 km.';
    expect(figureIn(text, '3,210').source).toBe('Vestra Space Agency');
  });

  it('a university named with its faculty under "NEWS RELEASE" issues it, without the faculty', () => {
    const text =
      'NEWS RELEASE\nUniversity of Kelmarsh, Faculty of Medicine\n\nTrial cuts readmissions\n\n' +
      'The trial recruited 2,904 adults in two regions between 2023 and 2024.';
    expect(figureIn(text, '2,904')).toMatchObject({ source: 'University of Kelmarsh', sourceBasis: 'issuer' });
  });

  it('a first-person note under a capitalised name with "Analytics" in it is that body\'s', () => {
    const text =
      'HOLMGARD RISK ANALYTICS\nCatastrophe Loss Flash\n\n1. Summary\n\n' +
      'This is an upward revision of our first estimate. The total economic loss we estimate at around EUR 3.1 billion.';
    expect(figureIn(text, '3.1 billion').source).toBe('Holmgard Risk Analytics');
  });
});

describe('speaker labels', () => {
  it('a speaker in capitals with the role after a comma ("MARTA OSEI, CFO:") is the speaker, not the operator before', () => {
    const text =
      'OPERATOR: Good morning and welcome to the call.\n\nMARTA OSEI, CHIEF FINANCIAL OFFICER: Net sales for the quarter were $412.6 million.';
    expect(figureIn(text, '412.6 million').source).toBe('Marta Osei');
  });

  it('a wire dateline before a listed company ("HALLOW BAY, April 29, 2027 -- X Inc. (NASDAQ: XX)") is no speaker', () => {
    const text =
      'HALLOW BAY, April 29, 2027 -- Dunmore Robotics Inc. (NASDAQ: DMRB) today announced results.\n\nRevenue for the quarter was $186.4 million.';
    expect(figureIn(text, '186.4 million').source).not.toBe('HALLOW BAY');
  });

  it.each([
    ['FACT CHECK: Have fares really risen "30 per cent in two years"?\n\nThe official index shows fares rose 14.2% over the period.', '14.2'],
    [
      'RESOLVED: That the minutes be approved.\n\nRESOLVED: That the report be noted.\n\nCouncillor Pryce moved an amendment to add £750,000 to the budget.',
      '750,000',
    ],
    ['WARNING\n\nRain: Storm totals of 40 to 70 mm are likely across the warning area.', '40 to 70'],
  ])('furniture labels ("FACT CHECK:", "RESOLVED:", "Rain:") are no speakers: %s', (text, fragment) => {
    expect(figureIn(text, fragment).source).not.toMatch(/^(?:fact check|resolved|rain)$/i);
  });
});

describe('numbers that are no figures', () => {
  it.each([
    ['3/ More than 640 firefighters are on the fire line today.', 'More than 640'],
    ['A replay is available by dialling 1-877-555-0199 and entering passcode 551203. Revenue rose 4.1%.', '4.1'],
    ['Bridge 14 was closed on Friday, and Zones 14, 15 and 17 are under a warning covering 2,300 homes.', '2,300'],
  ])("a thread's post number, a passcode, a bridge or zones by number: %s", (text, kept) => {
    expect(numberTexts(text)).toEqual([kept]);
  });
});

describe('dates', () => {
  it('a yearless obituary\'s day takes the year of the birth and the age ("Born in 1938" … "dies at 88"), not the latest year it names', () => {
    const text =
      'THE MARLOW GAZETTE\nThursday, November 26\n\nFormer harbour master Tom Reddick dies at 88\n\n' +
      'Born in 1938, he ran the harbour from 1979 until he retired in 2011. The harbour board, which moved its offices in 2019, now employs 61 people.';
    expect(datedIn(text, '61', { notAfter: '2026-12-07' })).toEqual(['2026-11-26', 'day']);
  });

  it('"Our third quarter ended October 31, 2026" makes "the third quarter" of its figures that fiscal quarter', () => {
    const text =
      'Kestrel Outdoor Inc. Third Quarter Earnings Call\nThursday, November 19, 2026\n\n' +
      'VP INVESTOR RELATIONS: Good morning. Our third quarter ended October 31, 2026.\n\n' +
      'CHIEF EXECUTIVE: Net sales for the third quarter were $512.4 million. We ended the quarter with 318 stores.';
    expect(datedIn(text, '512.4 million')).toEqual(['2026-10-01', 'month']);
    expect(datedIn(text, '318')).toEqual(['2026-10-01', 'month']);
  });
});
