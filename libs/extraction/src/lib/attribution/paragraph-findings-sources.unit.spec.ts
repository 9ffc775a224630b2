import { figureIn } from '../../__fixtures__/find-figure';

// Still-missed classes of g64–g67 (see libs/extraction/HELD-OUT.md), written as general rules. Texts invented.
const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment, { publishedAt: '2026-04-20' }).source;

describe('a paragraph\'s "said" past a sentence opening with a capitalised common noun', () => {
  it('carries into a copular sentence ("Card numbers of about 90,000 members were ...")', () => {
    const text = [
      'Harlow Gym Group said on Monday that hackers had reached its member database.',
      '',
      'The company raised the number of affected members to 1.2 million, it said in a statement. Card numbers of about 90,000 members were also copied.',
    ].join('\n');
    expect(source(text, '90,000')).toBe('Harlow Gym Group');
  });

  it('carries a named speaker\'s "said" the same way', () => {
    const text = 'The regulator said 40 firms had been fined this year. Penalties of more than £3 million were among them.';
    expect(source(text, '£3 million')).toMatch(/regulator/);
  });

  it('still leaves a named body\'s own act to it ("Police made 11 arrests")', () => {
    const text = 'Organisers said 30,000 people joined the march. Police made 11 arrests during the afternoon.';
    expect(source(text, '11')).toBe('Police');
  });
});

describe("a document's finding closing the next sentence", () => {
  it('credits the unattributed sentence before it in the same paragraph', () => {
    const text = [
      'The national bird survey, published on Tuesday by the Wetland Trust, counted 412,000 breeding pairs.',
      '',
      'Norfolk again had the most pairs, with 61,000, followed by Suffolk with 38,500. But numbers on the west coast fell by about 8%, the survey found.',
    ].join('\n');
    expect(source(text, '61,000')).toMatch(/Wetland Trust|survey/);
    expect(source(text, '38,500')).toMatch(/Wetland Trust|survey/);
  });

  it('does not take a pledge the finding is measured against', () => {
    const text = 'The city has pledged to cut traffic by 30% by 2030. By last year it had cut it by 9%, the report found.';
    expect(source(text, '30')).toBe('article');
  });

  it('does not reach into another paragraph', () => {
    const text = ['Valley towns had 1,400 new homes last year.', '', 'Building costs rose 6%, the review found.'].join('\n');
    expect(source(text, '1,400')).toBe('article');
  });
});

// A class of g90 and g99: the people or things a figure counts taken as its source.
describe('a counted subject is no source', () => {
  it('"Two firms disclosed ...": the figure counting its own subject is the article\'s', () => {
    expect(source('Two firms disclosed fresh store closures in filings on Monday.', 'Two')).toBe('article');
  });

  it('"Visitors made 2.4 million trips": a common noun the text writes in lower case too does not act as a body', () => {
    const text = 'Visitors made 2.4 million trips to the park last year. Most visitors came by car.';
    expect(source(text, '2.4 million')).toBe('article');
  });

  it('still credits a body that acts ("Police made 11 arrests") and a body that speaks', () => {
    expect(source('Police made 11 arrests after the match. The police said it was calm.', '11')).toBe('Police');
    expect(source('The agency said 4,000 people were displaced.', '4,000')).toMatch(/agency/);
  });
});
