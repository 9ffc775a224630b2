import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g72–g75 (scored before they were written; see the root README).
const credit = (text: string, fragment: string, publishedAt = '2026-03-10') => {
  const f = figureIn(text, fragment, { publishedAt });
  return { source: f.source, basis: f.sourceBasis, asOf: f.as_of };
};

describe("a stock-exchange announcement is its listed company's own voice", () => {
  const filing =
    'ASX ANNOUNCEMENT\n12 February 2026\n\nOrlan Gold Limited (ASX: ORL)\nHalf-year report for the six months to 31 December 2025\n\n' +
    'Orlan Gold Limited ("Orlan" or "the Company") presents its results.\n\n' +
    'The mill treated 2.4 million tonnes. Cash stood at A$96 million, the Company said.';

  it('credits what nobody else says to the company its head lists by ticker, over the period the head names', () => {
    expect(credit(filing, '2.4', '2026-02-12')).toMatchObject({ source: 'Orlan Gold', basis: 'issuer', asOf: '2025-12-31' });
  });

  it('"the Company said" also holds over that period', () => {
    expect(credit(filing, '96', '2026-02-12')).toMatchObject({ source: 'Orlan Gold', asOf: '2025-12-31' });
  });
});

describe("a document in an institution's own voice", () => {
  const release =
    'PRESS RELEASE\n\nHalden Water announces new reservoir\n\n' +
    'OSLO – March 10, 2026 – Halden Water today announced the opening of a reservoir holding 4.5 million cubic metres.\n\n' +
    'The works employed 320 people. On Friday, 1,200 residents visited the site.\n\n' +
    '"We expect bills to fall by 7%," the chief executive, Ola Berg, said.';

  it("credits the figures nobody else says to the issuer, with the reason 'issuer'", () => {
    expect(credit(release, '320')).toMatchObject({ source: 'Halden Water', basis: 'issuer' });
  });

  it("dates the issuer's figures by the document, not by one sentence's day", () => {
    expect(credit(release, '320').asOf).toBe('2026-03-10');
    expect(credit(release, '1,200').asOf).toBe('2026-03-06');
  });

  it('keeps a quoted speaker as the source of what is quoted', () => {
    expect(credit(release, '7').source).toBe('Ola Berg');
  });

  it("an ordinary story is not in anyone's own voice", () => {
    const story = 'Halden Water said on Tuesday it would open a reservoir.\n\nThe works employed 320 people.';
    expect(credit(story, '320').source).toBe('article');
  });

  it('"the agency said" after "the X agency\'s spokesperson" is the agency, and a heading label is no speaker', () => {
    const notes =
      'Briefing notes: grain deliveries resume\n\nRome, 10 March 2026\n\n' +
      "Summary of what was said by the food agency's spokesperson, Luca Conti, at today's briefing.\n\n" +
      'More than 52,000 tonnes of grain arrived this month, the agency said.';
    expect(credit(notes, '52,000')).toMatchObject({ source: 'food agency', basis: 'coreference' });
  });
});

describe('listicles, own acts and matches', () => {
  it("credits a numbered item's heading figure to the sentence that explains it, and takes its date", () => {
    const text = 'Four numbers on rail delays\n\n1. 8,100 cancellations. That is how many trains were cancelled in January, the regulator ORR said.';
    expect(credit(text, '8,100')).toMatchObject({ source: expect.stringMatching(/ORR$/), asOf: '2026-01-01' });
  });

  it('"in four numbers" counts the article\'s parts, not a figure', () => {
    expect(
      extractFigures('Rail delays in four numbers\n\nOperators cancelled 9,000 trains.', { publishedAt: '2026-03-10' }).map((f) => f.numberText),
    ).toEqual(['9,000']);
  });

  it("a named body's own act is credited to it", () => {
    expect(credit('Police made 23 arrests near the port and said the night had been calm.', '23').source).toBe('Police');
    expect(credit('Coastguards rescued 14 sailors off the cape.', '14').source).toBe('Coastguards');
  });

  it('a scoreline after a match verb is not a figure', () => {
    const figures = extractFigures('A crowd of 41,000 saw Riverton beat Dunmore 3-1 at the ground.', { publishedAt: '2026-03-10' });
    expect(figures.map((f) => f.numberText)).toEqual(['41,000']);
  });

  it('"Saturday\'s final" told in the past is last Saturday; "ahead of Saturday\'s final" is ahead', () => {
    expect(credit("A crowd of 41,000 watched Saturday's final, organisers said.", '41,000').asOf).toBe('2026-03-07');
    expect(credit("Organisers said 41,000 tickets were sold ahead of Saturday's final.", '41,000').asOf).toBe('2026-03-10');
  });

  it('an interview transcript\'s "A:" answers belong to the person its header names; its "Q:" is the presenter\'s', () => {
    const text = [
      'VALLEY TALK - LUNCHTIME',
      'Transcript: interview with Harbour Authority chief executive Tomas Lindqvist',
      '',
      'Q: Cargo volumes were up 4 per cent last year. Is that holding?',
      '',
      'A: It is. We handled 2.3 million containers in the first half, and our plan assumes about 6 per cent growth.',
      '',
      'Q: Thank you.',
    ].join('\n');
    expect(credit(text, '2.3 million').source).toBe('Tomas Lindqvist');
    expect(credit(text, 'about 6').source).toBe('Tomas Lindqvist');
    expect(credit(text, '4').source).toBe('article');
    // Without a header naming the interview, an explainer's "A:" is the article's own answer.
    expect(credit('Q: How many ships called?\n\nA: About 1,900 ships called last year.', '1,900').source).toBe('article');
  });
});
