import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g89–g96 (scored before they were written; see the root README). Texts invented.
const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment, { publishedAt: '2026-05-12' }).source;

describe("a data noun's publisher named by a description", () => {
  it('"according to figures from the X\'s …" credits X, resolved like "the X said"', () => {
    const text =
      "The Tavistock Credit Union said lending rose in April. The average loan grew to £4,120, according to figures from the union's own loan book.";
    expect(source(text, '4,120')).toBe('Tavistock Credit Union');
  });

  it('"according to data the X released" credits X', () => {
    expect(source('Bus journeys fell 7% last month, according to data the transport authority released on Friday.', '7')).toMatch(
      /transport authority/,
    );
  });

  it('"the X\'s survey showed" credits X, not the survey', () => {
    const text = "The Corran Retail Consortium said shop visits fell in April. Sales fell 3.2% in the quarter, the consortium's survey showed.";
    expect(source(text, '3.2')).toBe('Corran Retail Consortium');
  });

  it('"an index from the property website X" credits X past its descriptor', () => {
    expect(source('An index from the rental portal Flatfinder showed average rents of £1,340 a month.', '1,340')).toBe('Flatfinder');
  });
});

describe("a poll's shares in the paragraph after it", () => {
  const text = [
    'Backing for the ruling coalition has dropped to 24%, according to a Northgate Insight poll for the Herald.',
    'The Farmers League is on 19%, while the Labour Front is unchanged on 17%.',
    'Turnout at the last election was 64%, the electoral commission said.',
  ].join('\n\n');

  it('go on with the poll', () => {
    expect(source(text, '19')).toBe('Northgate Insight');
    expect(source(text, '17')).toBe('Northgate Insight');
  });

  it('stop where a paragraph credits someone itself', () => {
    expect(source(text, '64')).toMatch(/electoral commission/);
  });
});
