import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g81–g88 (scored before they were written; see the root README). Texts invented.
const credit = (text: string, fragment: string, publishedAt = '2026-02-10') => {
  const f = figureIn(text, fragment, { publishedAt });
  return { source: f.source, basis: f.sourceBasis, asOf: f.as_of };
};

describe('bodies named only by a description', () => {
  it('"The lifeboat service says": a body never named otherwise is credited as written', () => {
    expect(credit('The coastguard says the trawler had 12 crew on board.', '12').source).toBe('coastguard');
    expect(credit('Storm surges of up to 4 metres were forecast, according to the national hydrographic institute.', '4').source).toBe(
      'national hydrographic institute',
    );
  });

  it('"told reporters at the scene", "said at a briefing": a place after the verb does not make it forward-only', () => {
    expect(credit('At least 22 climbers are still missing, officials told reporters at the base camp.', '22').source).toBe('officials');
    expect(credit('The toll has climbed to 9, fire chief Ola Berg said at a news conference.', '9').source).toMatch(/Ola Berg/);
    // "put the number at" still reports what follows.
    expect(credit('The union put the number at 640 on Monday.', '640').source).toMatch(/union/);
  });

  it('a spokesperson for a described body speaks for it', () => {
    expect(credit('A spokesperson for Dunmore district hospital told us 16 patients are in intensive care.', '16').source).toMatch(/hospital/);
  });

  it("a count's keeper raising or lowering its number is credited with the new number", () => {
    expect(credit('Late on Friday the fire service raised the number of homes destroyed to 57.', '57').source).toMatch(/fire service/);
    // A rate someone cuts is their act, not a revision of a count they keep.
    expect(credit('Lenders cut the fee to 2% for new customers.', '2').source).toBe('article');
  });
});

describe('speakers and subjects that read as something else', () => {
  it('"said the project director, Ana Vidal.": the name in apposition is the speaker', () => {
    expect(credit('"The span can carry 40 tonnes again," said the project director, Ana Vidal.', '40').source).toBe('Ana Vidal');
  });

  it('"according to one broker": a speaker counted by "one"', () => {
    expect(credit('Some 70 ships are waiting, according to one shipping broker, who asked not to be named.', '70').source).toMatch(/broker/);
  });

  it('"Storm claims account for 35%": a verb-like noun before a verb is the subject, not a speaker\'s verb', () => {
    expect(credit('Storm claims account for about 35% of the losses.', '35').source).toBe('article');
  });
});

describe('names behind a capitalised descriptor', () => {
  const text = [
    'RIGA, Feb 10, 2026 (Baltic Wire) - Bicycle and outdoor chain Velomarkt said on Tuesday it would shut 12 shops.',
    '',
    'Sales in the six months to December fell 5.1% to 210 million euros, the company said.',
    '',
    'Chief executive Liga Ozola told investors that the closures would save 9 million euros a year.',
    '',
    'The company cut its outlook for the year to 400 million euros in sales.',
  ].join('\n');

  it('"Bicycle and outdoor chain Velomarkt": the sentence opener is a descriptor, so "the company" means Velomarkt', () => {
    expect(credit(text, '5.1').source).toMatch(/Velomarkt/);
    expect(credit(text, '210 million').source).toMatch(/Velomarkt/);
  });

  it('"Chief executive Liga Ozola" names a person, not a body called "Chief"', () => {
    expect(credit(text, '9 million').source).toBe('Liga Ozola');
    expect(credit(text, '400 million').source).toMatch(/Velomarkt/);
  });

  it('a one-word opener the text also writes in lower case ("Sales ... sales") is no referent', () => {
    const f = extractFigures(text, { publishedAt: '2026-02-10' }).find((x) => x.numberText.startsWith('400'));
    expect(f?.sourceChain ?? []).not.toContain('Sales');
  });

  it('a body with a trade word in its name ("Terminals", "Logistics") is a body for "the company"', () => {
    const t = 'Baltic Logistics said 14 lorries were stuck at the border. The company has offered drivers 3% more pay.';
    expect(credit(t, '3').source).toBe('Baltic Logistics');
  });
});

describe("an institution's own bulletin", () => {
  const bulletin = [
    'NORTHERN WATER AUTHORITY',
    'Drought Bulletin No. 3',
    'Issued: Monday 9 February 2026',
    '',
    'Reservoir storage across the region stands at 41% of capacity.',
    '',
    'Crews have repaired 128 leaks since the last bulletin.',
  ].join('\n');

  it('the letterhead is the issuer of what nobody else says', () => {
    expect(credit(bulletin, '41')).toMatchObject({ source: 'Northern Water Authority', basis: 'issuer' });
    expect(credit(bulletin, '128').source).toBe('Northern Water Authority');
  });

  it('an ordinary news story with a capitalised kicker is not a bulletin', () => {
    const story = 'WORLD NEWS\nReservoir storage across the region stands at 41% of capacity, the paper reported.\n';
    expect(credit(story, '41').basis).not.toBe('issuer');
  });
});

describe('an act told with "last night"', () => {
  it('"X last night approved a rise of N" credits X', () => {
    expect(credit('Dunmore Town Council last night approved a 3.5 per cent rise in parking charges.', '3.5').source).toBe('Dunmore Town Council');
  });
});
