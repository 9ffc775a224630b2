import { bounds, datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g593–g608 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md), fixed
// once g609–g640 had been written and scored. Every text here is invented.

describe('who issues a document', () => {
  it('a body named over "STATISTICAL RELEASE" in capitals issues it', () => {
    const text =
      'Dravia National Statistics Office\n\nSTATISTICAL RELEASE\nLabour market overview: November 2026\n\n' +
      'The employment rate was estimated at 74.6% in July to September 2026.';
    expect(figureIn(text, '74.6')).toMatchObject({ source: 'Dravia National Statistics Office', sourceBasis: 'issuer' });
  });

  it('"Operated by X Ltd" in an annual report\'s header names its issuer', () => {
    const text =
      'ELSWICK CYCLE SHARE\nAnnual Report 2025-26\nYear ended 31 March 2026\n\nOperated by WheelCo Mobility Ltd on behalf of the council\n\n' +
      '- Trips: 1,412,700 (up 18.0%)';
    expect(figureIn(text, '1,412,700')).toMatchObject({ source: 'WheelCo Mobility Ltd', sourceBasis: 'issuer' });
  });

  it('a paper\'s "News | Health" section names no issuer', () => {
    const text =
      'WEXLEY GAZETTE\nNews | Health\nFriday 4 December 2026\n\nBy Owen Tate, health reporter\n\nVisitors will pay £4.80 for parking from January.';
    expect(figureIn(text, '£4.80').sourceBasis).not.toBe('issuer');
  });
});

describe('who speaks', () => {
  it('"Upstream, at Hensey Meadows, …" opens with an adverb, not a body "the agency" could mean', () => {
    const text =
      'The Flood Protection Agency is building walls in the town centre. Upstream, at Hensey Meadows, a storage area will hold ' +
      'water. The agency last month raised its estimate of the cost to £186 million.';
    expect(figureIn(text, '£186 million').source).toBe('Flood Protection Agency');
  });

  it('"a snap poll of 2,000 adults by Panelbase Research" names the pollster whose findings follow', () => {
    const text =
      'A snap poll of 2,000 adults by Ardent Research for this site was published today.\n\nSome 38% of respondents said they would shop elsewhere.';
    expect(figureIn(text, '38').source).toBe('Ardent Research');
  });
});

describe('what a figure is', () => {
  it('a change by a share ("fell by almost a third", "by one quarter") is its percentage', () => {
    const text = 'The subsidy fell by almost a third, the council said. Burglaries decreased by one quarter, police said.';
    expect(bounds(figureIn(text, 'a third'))).toEqual({ value: 100 / 3, qualifier: 'approximately' });
    expect(figureIn(text, 'one quarter').value).toBe(25);
  });

  it('"in the age from 14 to 17 years" and "in the age over 65 years" are ages', () => {
    const text = 'The persons in the age from 14 to 17 years committed 611 criminal acts. Most at risk are those in the age over 65 years.';
    expect(numberTexts(text)).toEqual(['611']);
  });
});

describe('when a figure holds', () => {
  it('a heading\'s period in capitals ("FOR THE PERIOD JANUARY - OCTOBER 2026") dates the bulletin', () => {
    const text =
      'REGIONAL POLICE DIRECTORATE OSTMARK\n\nOstmark, 01.12.2026\n\nSTATISTICAL BULLETIN ABOUT THE CRIMINALITY FOR THE PERIOD JANUARY - OCTOBER 2026\n\n' +
      'The Directorate informs the public.\n\nThe robberies were 96, what is the lowest number in ten years.';
    expect(datedIn(text, '96')).toEqual(['2026-10-01', 'month']);
  });

  it('a header\'s "Year ended 31 March 2026" dates the report; a year ended 31 December is the calendar year', () => {
    const march =
      'ELSWICK CYCLE SHARE\nAnnual Report\nYear ended 31 March 2026\nPublished 18 June 2026\n\nOperated by WheelCo Mobility Ltd\n\n' +
      'There were 27 collisions on the network in the year, two of them serious, and all were reported to the police.';
    expect(datedIn(march, '27')).toEqual(['2026-03-31', 'day']);
    const december =
      'NORTHERN BANK PLC\nAnnual results\nYear ended 31 December 2026\nPublished 20 February 2027\n\n' +
      'There were 27 new branches opened in the year across the north and the west of the country.';
    expect(datedIn(december, '27')).toEqual(['2026-01-01', 'year']);
  });

  it('a change "higher than in April to June" holds in the period stated; a base after a later "from" is that base\'s', () => {
    const text =
      'The employment rate was estimated at 74.6% in July to September 2026, 0.3 percentage points higher than in April to June 2026. ' +
      'The unemployment rate fell to 5.1%, from 5.3% in April to June 2026.';
    expect(datedIn(text, '0.3', { publishedAt: '2026-11-17' })).toEqual(['2026-09-01', 'month']);
    expect(datedIn(text, '5.3', { publishedAt: '2026-11-17' })).toEqual(['2026-06-01', 'month']);
  });
});
