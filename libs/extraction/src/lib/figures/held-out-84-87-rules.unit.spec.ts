import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g721–g768 (held-out-82 to -87, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g785–g816 were being written. Every text here is invented.

describe('what a number is', () => {
  it('a unit of measure written as its symbol names the quantity ("ammonia at 2.4 mg/l")', () => {
    const f = figureIn('A follow-up sample taken at the weir showed ammonia at 2.4 mg/l, the office said.', '2.4');
    expect(f).toMatchObject({ noun: 'mg/l', evidence: 'generic' });
  });

  it("a court's sentence is a figure ('jailed for 32 months'), how long something lasted is not", () => {
    expect(figureIn('Daniel Voss was jailed for 32 months at Dunmere Crown Court on Tuesday.', '32').unit).toBe('months');
    expect(numberTexts('The trial lasted 12 weeks, and 40 witnesses gave evidence.')).toEqual(['40']);
  });

  it("a presenter's clock and a metro's numbered lines are no figures", () => {
    expect(numberTexts("It's six minutes past nine, and metro lines 1 and 4 are running, with 300 trains.")).toEqual([
      expect.stringContaining('nine'),
      '300',
    ]);
  });
});

describe('who a figure is credited to', () => {
  it('"the airline said" means the airline the story named before', () => {
    const text = 'Norvale Air carried 1.42 million passengers in October.\n\nCapacity grew 8.2% over the same period, the airline said.';
    expect(figureIn(text, '8.2')).toMatchObject({ source: 'Norvale Air', sourceBasis: 'coreference' });
  });

  it('"the fire service" is not an earlier "national weather service"', () => {
    const text =
      'The national weather service expects gusts of up to 70 km/h tonight.\n\nThe fire service says the fire had grown to 11,500 hectares.';
    expect(figureIn(text, '11,500').source).not.toMatch(/weather/);
  });

  it('a statistical office\'s "Release No. 318/2026" under its letterhead is in its voice', () => {
    const text =
      'STATISTICAL OFFICE OF THE REPUBLIC OF DORAVIA\nRelease No. 318/2026\nVelgrad, 04.12.2026\n\n' +
      'In October of 2026 the index of industrial production was 108,7.';
    expect(figureIn(text, '108,7')).toMatchObject({ source: 'Statistical Office of the Republic of Doravia', sourceBasis: 'issuer' });
    expect(datedIn(text, '108,7')).toEqual(['2026-10-01', 'month']);
  });

  it('a press release with no sayer and no letterhead is the voice of the body its lead is about', () => {
    const text =
      'PRESS RELEASE\n\nFOR IMMEDIATE RELEASE\nThursday 3 December 2026\n\nBrackmoor Airport passes three million passengers\n\n' +
      'Brackmoor Regional Airport (BKM) welcomed its three-millionth passenger of the year on Tuesday, the first time in its history.\n\n' +
      'Twelve airlines now operate from the airport, serving 48 destinations.';
    expect(figureIn(text, '48').source).toBe('Brackmoor Regional Airport');
  });

  it('a phone-in caller labelled with her place ("SHEILA (BRACKLEY):") speaks for herself', () => {
    const text =
      'LORNA PETRIE: Good morning.\n\nPETRIE: Sheila is in Brackley. Morning, Sheila.\n\n' +
      'SHEILA (BRACKLEY): Morning. In September my rent went from £640 to £815 a month.';
    expect(figureIn(text, '815').source).toBe('Sheila (Brackley)');
  });
});

describe('when a figure holds', () => {
  it('a yearless dateline whose event was the evening before takes the year within the reading year', () => {
    const text =
      'VELSKAR, Nov 19 (Meridian Wire) - An explosion ripped through a resin plant on Wednesday evening, killing 12 people. ' +
      'A smaller fire in the same hall in 2019 injured 14 workers.';
    expect(datedIn(text, '12', { notAfter: '2026-12-07' })[0]?.slice(0, 4)).toBe('2026');
  });
});

describe('a description in a live page, newest entry first', () => {
  it('"the trust says" means the one name in the page that holds "Trust", even below it', () => {
    const text =
      'Sat 5 Dec\n\n10:15 About 60% of clinical systems are now back online, the trust says.\n\n' +
      'Fri 4 Dec\n\n18:00 Health minister Odile Farrant said the attack was "deplorable".\n\n' +
      '09:00 Eastmoor Health Trust says its computer systems were hit by a cyberattack overnight.';
    expect(figureIn(text, '60').source).toBe('Eastmoor Health Trust');
  });
});

describe('a change told with "go from"', () => {
  it('"will go from £17.25 to £19.60 a week" is an old and a new figure, not a range', () => {
    const text = 'The rate for each additional child will go from £17.25 to £19.60 a week, the department said.';
    expect(figureIn(text, '17.25')).toMatchObject({ qualifier: 'exact', value: 17.25 });
  });
});

describe('who a figure is credited to, from held-out-88 to -93', () => {
  it('"On Lukas Brandt:" in an answer is a topic, not a speaker label', () => {
    const text =
      'GERALD VOSS: Good afternoon.\n\nQ: And the transfer fees?\n\nGERALD VOSS: On Lukas Brandt: when we signed him in July we announced a fee of 16 million.';
    expect(figureIn(text, '16 million').source).toBe('Gerald Voss');
  });

  it('a body correcting its own figure credits it ("The Central Electoral Commission (CEC) has corrected turnout to 61.7%")', () => {
    const text = 'The Central Electoral Commission (CEC) has this morning corrected national turnout to 61.7%.';
    expect(figureIn(text, '61.7').source).toBe('Central Electoral Commission');
  });

  it('"according to the scheme\'s latest annual report" credits the scheme the story named', () => {
    const text =
      "The Teachers' Superannuation Scheme pays pensions to former teachers.\n\n" +
      "According to the scheme's latest annual report, it has 712,000 members.";
    expect(figureIn(text, '712,000').source).toBe("Teachers' Superannuation Scheme");
  });
});
