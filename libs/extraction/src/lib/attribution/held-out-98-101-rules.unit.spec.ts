import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g849–g880 (held-out-98 to -101, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g881–g912 had been written and scored. Every text here is invented.

describe('whose figures a story reads', () => {
  it("a story that reads one body's newly published report through speaks for that body", () => {
    const text = [
      'The Westmarch Teachers Pension Fund has published its annual report. Here is what it says about your savings.',
      '',
      'The headline is a net return of 6.1% for the year to 31 March, after fees.',
    ].join('\n');
    expect(figureIn(text, '6.1')).toMatchObject({ source: 'Westmarch Teachers Pension Fund', sourceBasis: 'issuer' });
  });

  it("a court transcript's answers are the witness's its heading names, until the next witness", () => {
    const text = [
      'Day 2, evidence of Dr Nadia Ferreira, traffic engineer called by the claimants:',
      '',
      'Q: How long was the diversion?',
      'A: About eleven miles for a car.',
      '',
      'Day 4, evidence of Owen Blakely, transport planner called by the council:',
      '',
      'Q: And the traffic?',
      'A: I get an average of 27,800 vehicles a day.',
    ].join('\n');
    expect(figureIn(text, 'eleven').source).toBe('Dr Nadia Ferreira');
    expect(figureIn(text, '27,800').source).toBe('Owen Blakely');
  });

  it('a judge who "ruled" gives the ruling\'s figures', () => {
    const text = 'Mrs Justice Okafor ruled that the contractor was liable for 70% of the losses.';
    expect(figureIn(text, '70').source).toBe('Mrs Justice Okafor');
  });

  it("a body's whole name in brackets after a figure cites it", () => {
    const text = '- Heat-related hospital admissions since Sunday: 1,240 (Health Protection Directorate)';
    expect(figureIn(text, '1,240').source).toBe('Health Protection Directorate');
  });
});

describe("a body's own papers", () => {
  it('a listed company behind a long dateline, its legal form after a comma, issues its release', () => {
    const text = [
      'Harwick Instruments Reports Third Quarter Results',
      '',
      'PORTLAND, Ore., Nov. 5, 2026 (BUSINESS NEWSLINE) -- Harwick Instruments, Inc. (NYSE: HWK) today reported its results.',
      '',
      '- Revenue was $412.6 million, up 6.2%.',
    ].join('\n');
    expect(figureIn(text, '$412.6 million')).toMatchObject({ source: 'Harwick Instruments', sourceBasis: 'issuer' });
  });

  it("a minute's number before the member who proposed ('4.4 Councillor Kowalczyk proposed …')", () => {
    expect(figureIn('4.4 Councillor Kowalczyk proposed a council tax increase of 4.99%.', '4.99').source).toBe('Councillor Kowalczyk');
  });

  it('"A Meridian Research survey … put" and "the commission\'s figure at the close of polls was"', () => {
    const poll = 'A Meridian Research survey for this newspaper last month put the Alliance on 36%.';
    expect(figureIn(poll, '36').source).toBe('Meridian Research');
    const text = "The Electoral Commission opened the count at 9pm. The commission's provisional figure at the close of polls was 66.2%.";
    expect(figureIn(text, '66.2')).toMatchObject({ source: 'Electoral Commission', sourceBasis: 'coreference' });
  });
});

describe("a broadcast script's speakers", () => {
  it('"[SOUNDBITE - JEN ALVAREZ, HYDRO LAKESHORE]:" is Jen Alvarez speaking', () => {
    const text = '[ANCHOR - DANA REYES]: Good evening.\n\n[SOUNDBITE - JEN ALVAREZ, HYDRO LAKESHORE]: We have about 1,150 crews out tonight.';
    expect(figureIn(text, '1,150').source).toBe('Jen Alvarez');
  });

  it('a sentence opening "Using records from …" names no one', () => {
    expect(figureIn('Using records from eleven weather stations, they find that summers warmed by 1.7C.', '1.7').source).toBe('article');
  });
});

describe('bodies by what they do', () => {
  it('"the unions representing teachers claim": a participle phrase between the unions and their verb', () => {
    expect(figureIn('The unions representing teachers claim that more than 80 per cent stayed away.', '80').source).toBe('unions');
  });

  it('"has published its afternoon figure: 27.6 per cent …": the publisher of a single figure', () => {
    const text = 'The Ministry of Public Administration has published its afternoon figure: 27.6 per cent of civil servants were on strike.';
    expect(figureIn(text, '27.6').source).toBe('Ministry of Public Administration');
  });
});

describe("a wire's yearless dateline", () => {
  it('takes the weekday of the main clause\'s saying, not of a figure reported earlier ("reported on Tuesday, … said on Friday")', () => {
    const text = [
      'PORT HALLOW, Dec 4 (Meridian News) - Oil from the stranded carrier has now reached 41 kilometres of coastline, almost double',
      'the 22 km reported on Tuesday, the coastguard said on Friday. The ship was built in 2008.',
    ].join(' ');
    expect(figureIn(text, '41', { notAfter: '2026-12-07' }).as_of).toBe('2026-12-04');
  });
});
