import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batches g337–g352 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe('publication dates of translated copy', () => {
  it('"Valparaíso, 3rd of June of 2027" (Spanish "3 de junio de 2027") is a full date', () => {
    const text = 'NAVIERA DEL SUR S.A.\n\nValparaíso, 3rd of June of 2027\n\nThe Company moved 1.240 containers in May.';
    expect(findPublicationDate(text)).toEqual({ y: 2027, m: 6, d: 3 });
  });

  it('"Lyon, 04/11/2026 - 09:40 (APN) -" opens a numeric dateline, day first', () => {
    const text = 'Lyon, 04/11/2026 - 09:40 (APN) - The nurses made strike this Wednesday; 31% stopped work, according to the ministry.';
    expect(findPublicationDate(text)).toEqual({ y: 2026, m: 11, d: 4 });
  });
});

describe('the period a release or report covers, named in its heading', () => {
  it('"Official Statistics" on its own line over "Bus punctuality and ridership: March 2027" dates undated figures to March', () => {
    const text =
      'TRANSPORT STATISTICS UNIT\nOfficial Statistics\n\nBus punctuality and ridership: March 2027\n\nIssued: Thursday 15 April 2027\n\n' +
      'Buses carried 4.2 million passengers, the unit said.';
    expect(datedIn(text, '4.2', { publishedAt: '2027-04-15' })).toEqual(['2027-03-01', 'month']);
  });

  it('"SECOND QUARTER 2027 (APRIL - JUNE)" under a company\'s letterhead dates its figures to June, and speaks for the company', () => {
    const text =
      'SALINAS DEL NORTE S.A.\n\nQUARTERLY REPORT OF OPERATIONS\nSECOND QUARTER 2027 (APRIL - JUNE)\n\nAntofagasta, 21st of July of 2027\n\n' +
      'In the period the Company produced 12.400 tonnes of lithium carbonate.';
    const f = figureIn(text, '12.400');
    expect([f.as_of, f.datePrecision]).toEqual(['2027-06-01', 'month']);
    expect(f.source).toBe('Salinas del Norte S.A.');
    expect(f.sourceBasis).toBe('issuer');
  });
});

describe('money in non-native English', () => {
  it('"US$318 millions" is 318 million dollars, and "US$3,05 per pound" a decimal where dots group thousands', () => {
    const text = 'The Company produced 41.280 tonnes. Revenue reached US$318 millions and the cash cost was US$3,05 per pound, the Company said.';
    expect(figureIn(text, '318').value).toBe(318_000_000);
    expect(figureIn(text, '3,05').value).toBe(3.05);
  });
});

describe('a duration that only sets the window or threshold of another figure', () => {
  it('"81% arrived within 15 minutes", "waits of more than 12 hours", "took longer than 60 minutes", "after 34 years"', () => {
    expect(numberTexts('The airline said 81% of its flights arrived within 15 minutes of schedule.')).toEqual(['81']);
    expect(numberTexts('There were 4,812 waits of more than 12 hours in A&E, the board said.')).toEqual(['4,812']);
    expect(numberTexts('Handovers that took longer than 60 minutes numbered 2,940, the service said.')).toEqual(['2,940']);
    expect(numberTexts('Ann Wood, who kept 40 hives, retires after 34 years, the club said.')).toEqual(['40']);
  });

  it('a duration that is the clause\'s own figure stays: "the line was shut within 40 minutes"', () => {
    expect(numberTexts('The company said that the line was shut within 40 minutes of the alarm.')).toEqual(['within 40']);
  });
});

describe('sources', () => {
  it('a number, a month or a holiday opening the clause names no source', () => {
    expect(figureIn('Twelve confirmed cases have been admitted to hospital, and 3 remain there.', '3').source).toBe('article');
    expect(figureIn("March's figure has been revised from 5,210 to 5,340 after late returns.", '5,210').source).toBe('article');
  });

  it('"Figures from the Statistics Board last month showed …" credits the publisher of the figures', () => {
    expect(figureIn('Figures from the Statistics Board last month showed prices rising 4.2% in the year to May.', '4.2').source).toBe(
      'Statistics Board',
    );
  });

  it('"X (ACR) published its poll …" credits X, and a later "It puts …" means X', () => {
    const text = 'On Monday the Institute for Civic Polling (ICP) published its latest poll, based on 1,850 interviews. It puts the Greens on 21.5%.';
    expect(figureIn(text, '1,850').source).toBe('Institute for Civic Polling');
    expect(figureIn(text, '21.5').source).toBe('Institute for Civic Polling');
  });

  it('"economists at X argue …, and expect it to fall below 5%" credits them', () => {
    expect(figureIn('Economists at Barlow & Finch argue the index lags, and expect it to fall below 5% by next summer.', '5').source).toMatch(
      /Barlow & Finch/,
    );
  });
});

describe("a body's own pages (held-out-32's rules)", () => {
  it('a statistics office\'s "First Release" with "Reference period: 2nd quarter 2027" credits the office, dated June', () => {
    const text =
      'STATISTICAL OFFICE OF THE REPUBLIC OF VELDARIA\nFirst Release - Transport\n\nRelease date: 25 August 2027\nReference period: 2nd quarter 2027\n\n' +
      'In the quarter 4.6 million passengers travelled by rail, by 1.2% more than a year before.';
    const f = figureIn(text, '4.6');
    expect([f.source, f.as_of, f.datePrecision]).toEqual(['Statistical Office of the Republic of Veldaria', '2027-06-01', 'month']);
  });

  it('a club\'s page whose own sentences say "We …" or "Our …" is in the club\'s voice', () => {
    const text =
      'Marsh End Rowing Club\nHome | Crews | News | Contact\n\nSeason review\n\nWe ended the season with 312 members, our highest ever. ' +
      '"We had 40 new juniors," said the captain, Joe Price.';
    expect(figureIn(text, '312').source).toBe('Marsh End Rowing Club');
  });

  it('a headline on the first line, or "We" only inside a quotation, makes no such page', () => {
    const headline = 'Harbour Council budget 2027: live\n\nThe budget rises by 4.1%. "We had no choice," the leader said.';
    expect(figureIn(headline, '4.1').source).toBe('article');
    const quoted = 'Marsh End Rowing Club\n\nThe club counted 312 members, its captain said: "We had 40 new juniors."';
    expect(figureIn(quoted, '312').source).not.toBe('Marsh End Rowing Club');
  });
});

describe('publication dates told without a header line (held-out-32/33)', () => {
  it('"PORTOLIVA, 18 Oct." alone on its line is a dateline: the latest such day up to the reading day', () => {
    const text = 'AGRICULTURE\n\nGrape harvest falls by a fifth\n\nPORTOLIVA, 18 Oct.\n\nThe harvest fell 21 %, the union said.';
    expect(findPublicationDate(text, { y: 2026, m: 12, d: 1 })).toEqual({ y: 2026, m: 10, d: 18 });
  });

  it('"It\'s ten past nine on Friday the eleventh of June" dates a transcript by the year after the latest the story names', () => {
    const text =
      "RIVER FM - THE MORNING HOUR\nTranscript: phone-in with the Minister\n\nHOST: It's ten past nine on Friday the eleventh of June, and the Minister is here.\n\n" +
      'MINISTER: We built 31,200 homes in 2026.';
    expect(findPublicationDate(text, { y: 2027, m: 12, d: 1 })).toEqual({ y: 2027, m: 6, d: 11 });
  });
});

describe('held-out-36/37 rules', () => {
  it('a factbox heading "1. £4.7 billion" alone in its paragraph is credited by the next paragraph', () => {
    const text =
      'FACTBOX\nFive numbers behind the tram line\n\n1. £1.9 billion\n\nThe final cost of the line, according to the Transit Authority (TA), which built it.\n\n' +
      '2. 24 minutes\n\nThe fastest journey end to end, the TA says.';
    expect(figureIn(text, '£1.9').source).toBe('Transit Authority');
    expect(figureIn(text, '24').source).toBe('Transit Authority');
  });

  it('"Communiqué nº 4" under a letterhead, below a translator\'s bracketed note, speaks for the letterhead\'s body', () => {
    const text =
      '[Translation from Italian. Original: Ufficio Stampa, Protezione Civile di Valmora]\n\nPROTEZIONE CIVILE DI VALMORA\nCommuniqué nº 4 – Flood of the Sesia\n\n' +
      'Valmora, 12/05/2027 – 18:10 h\n\nThe evacuated persons are 1.240 in total.';
    expect(figureIn(text, '1.240').source).toBe('Protezione Civile di Valmora');
  });

  it('"X considers that …" credits X; "Feb." closing a fieldwork span is no source', () => {
    expect(figureIn('The association Rio Vivo considers that the burned surface is 4.000 hectares.', '4.000').source).toMatch(/Rio Vivo$/);
    expect(figureIn('A survey of 480 members, conducted Jan. 12 to Feb. 2, found 61% backed the strike.', '61').source).not.toMatch(/^Feb/);
  });
});

describe('held-out-36 rules', () => {
  it('a letterhead, a department\'s line, then "MONETARY NOTE No. 3/2027": the letterhead\'s body speaks', () => {
    const text =
      'CENTRAL BANK OF OSTRAVIA\nEconomic Research Department\n\nMONETARY NOTE No. 3/2027\nPrices in May 2027\n\nOstrava, 12th of June 2027\n\n' +
      'The annual inflation was slowing to 3,9 % in May.';
    expect(figureIn(text, '3,9').source).toBe('Central Bank of Ostravia');
  });

  it('"between April and June" in the lead is the quarter its undated figures cover, dated June', () => {
    const text =
      'Passengers made 21.4 million journeys on the tram network between April and June, the operator said on Tuesday.\n\n' +
      'The night trams carried 310,000 of them.';
    expect(datedIn(text, '310,000', { publishedAt: '2027-07-14' })).toEqual(['2027-06-01', 'month']);
  });
});

describe("a round-up's items", () => {
  it("the first item's quarter does not date the later items' figures", () => {
    const text =
      'AIRLINES IN BRIEF\n\nMARLOW AIR: strong summer\n\nMarlow Air flew 4.1 million passengers between July and September. It filled 88% of its seats.\n\n' +
      'SKYFERRY: strike\n\nA strike at Ostend led to 96 cancellations, the operator said.\n\nNORDLINK: new jets\n\nNordlink said it had ordered 12 jets.';
    expect(datedIn(text, '88', { publishedAt: '2026-11-05' })).toEqual(['2026-09-01', 'month']);
    expect(datedIn(text, '96', { publishedAt: '2026-11-05' })[0]).toBe('2026-11-05');
  });
});

describe('financial years by the currency a story counts in', () => {
  it('"the 2026-27 financial year" closes in June where the story counts in Australian dollars, in March where in pounds', () => {
    const aud = 'Overtime cost A$128.6 million in the 2026-27 financial year, the commissioner said.';
    expect(datedIn(aud, '128.6', { publishedAt: '2027-09-03' })).toEqual(['2027-06-01', 'month']);
    const gbp = 'Overtime cost £128.6 million in the 2026-27 financial year, the commissioner said.';
    expect(datedIn(gbp, '128.6', { publishedAt: '2027-09-03' })).toEqual(['2027-03-01', 'month']);
  });
});

describe('numbers that are no figures, and a decimal comma (held-out-30/35/37)', () => {
  it('"via Roma 12", "Bulevar Kralja 4" are addresses; "Ana Ruiz \'27" a class year', () => {
    expect(numberTexts('The office, at via Roma 12, counted 3,400 visitors, the council said.')).toEqual(['3,400']);
    expect(numberTexts("By Ana Ruiz '27, News Editor\n\nThe college enrolled 4,120 students, it said.")).toEqual(['4,120']);
  });

  it('a survey\'s sample is no finding: "a survey of 512 students", "612 riders who responded"', () => {
    expect(numberTexts('A survey of 512 students found 64% worked during term, the union said.')).toEqual(['64']);
    expect(numberTexts('In our survey, 71% of the 612 riders who responded felt unsafe, the group said.')).toEqual(['71']);
  });

  it('"to 4,2 nights" is 4.2 where thousands are grouped by dots or spaces', () => {
    const text = 'Arrivals rose to 245.300 and overnight stays to 810.400. The average stay fell to 4,2 nights, the office said.';
    expect(figureIn(text, '4,2').value).toBe(4.2);
  });
});
