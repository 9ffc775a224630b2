import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { extractFigures } from '../extract-figures';

// Rules found by the held-out batches g881–g912 (held-out-102 to -105, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g913–g944 had been written and scored. Every text here is invented.

describe("a body's own voice", () => {
  it('a one-word name in capitals right above "Annual Report" issues the report', () => {
    const text = 'LANTERNWAY\nAnnual Report and Accounts 2025/26\n\nPublished 2 December 2026\n\nOur income rose by 7 per cent to £48.6 million.';
    expect(figureIn(text, '£48.6 million')).toMatchObject({ source: 'Lanternway', sourceBasis: 'issuer' });
  });
});

describe('who speaks', () => {
  const interview = [
    'THE INTERVIEW',
    '',
    'Declan Hartigan has run the Merrow League since 2023. He talked to Owen Carrick about money and debt.',
    '',
    "Let's start with the money. How big is the new deal?",
    '',
    'It is worth £1.46 billion over four seasons.',
    '',
    'Where does it go?',
    '',
    'We paid £74 million in solidarity payments last season.',
    '',
    'And the clubs?',
    '',
    'Their combined net debt is about £2.3 billion.',
  ].join('\n');

  it("an interview without labels: the answers after each question paragraph are the interviewee's", () => {
    expect(figureIn(interview, '£74 million').source).toBe('Declan Hartigan');
    expect(figureIn(interview, '£2.3 billion').source).toBe('Declan Hartigan');
  });

  it('"the coast guard said", "the fire and rescue service says": bodies by their common names', () => {
    expect(figureIn('The coast guard said 3,214 people landed on the island.', '3,214').source).toBe('coast guard');
    expect(figureIn('The fire and rescue service says it has freed 260 people.', '260').source).toBe('fire and rescue service');
  });

  it('"Starting next year, …" names no one', () => {
    expect(figureIn('Starting next year, the company estimates about 92 percent of developers will use it.', '92').source).toBe('company');
  });
});

describe('a repeat of a specific number', () => {
  it('"3,214" told again with its own credit and date is one figure with two mentions', () => {
    const text =
      'The coast guard said 3,214 people landed on the island between Sunday and Wednesday.\n\n' +
      "The coast guard's count of 3,214 already exceeds the 2,960 people who arrived in all of October, officials said.";
    const figures = extractFigures(text, { publishedAt: '2026-12-03' }).filter((f) => f.value === 3214);
    expect(figures).toHaveLength(1);
    expect(figures[0]?.otherMentions).toHaveLength(1);
  });

  it('a round or short number told twice by different sources stays two figures', () => {
    const text = 'Police said 40 people were arrested on Saturday.\n\nOn Sunday the organisers said 40 people had been treated for injuries.';
    expect(numberTexts(text)).toEqual(['40', '40']);
  });
});
