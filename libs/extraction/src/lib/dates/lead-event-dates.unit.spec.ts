import { figureIn } from '../../__fixtures__/find-figure';

// A rule found by the held-out batch g81–g88 (scored before it was written; see the root README). Texts invented.
const dateOf = (text: string, fragment: string): string | null => figureIn(text, fragment, { publishedAt: '2026-03-04' }).as_of;

describe("the lead's dated ballot or gathering dates what goes back to it", () => {
  const ballot = [
    "Dunmore voters rejected the new harbour levy in yesterday's plebiscite.",
    '',
    'The No side took 57.2% of the vote, the returning officer said. Turnout was 38.5%.',
    '',
    'Polling suggests 61% of residents now favour a smaller levy.',
  ].join('\n');

  it('the result of a ballot the lead dates holds on the ballot day', () => {
    expect(dateOf(ballot, '57.2')).toBe('2026-03-03');
    expect(dateOf(ballot, '38.5')).toBe('2026-03-03');
  });

  it('a present-tense figure that does not go back to the vote keeps the publication date', () => {
    expect(dateOf(ballot, '61')).toBe('2026-03-04');
  });

  const gathering = [
    'Kelby Borough Council last night approved a 3.5 per cent rise in parking charges.',
    '',
    'The rise will bring in £410,000 a year, the treasurer told the meeting. Members voted 31 to 9 in favour.',
  ].join('\n');

  it('"told the meeting", "voted" after "the council last night approved": the meeting\'s day', () => {
    expect(dateOf(gathering, '410,000')).toBe('2026-03-03');
    expect(dateOf(gathering, '31')).toBe('2026-03-03');
  });
});

// Found by the held-out batch g89–g96 (scored before it was written). Texts invented.
describe("the lead's dated filings", () => {
  const filings = [
    'Two retailers disclosed store closures in regulatory filings on Monday.',
    '',
    'Karlsson Home, the Stockholm-listed furniture chain, said in a stock exchange filing that it would close 48 stores.',
  ].join('\n');

  it('"said in a stock exchange filing" goes back to the filings the lead dates', () => {
    expect(dateOf(filings, '48')).toBe('2026-03-02');
  });

  it('a filing the lead does not date keeps the publication date', () => {
    expect(dateOf('Karlsson Home said in a stock exchange filing that it would close 48 stores.', '48')).toBe('2026-03-04');
  });
});

// A class recurring in g47 and g52 (the generality set). Texts invented.
describe("the lead's dated walkout or march", () => {
  const strike = [
    'Thousands of nurses walked out on Monday in the largest health strike in a generation.',
    '',
    "The nurses' union said 71% of its members took part. The health board put the number of cancelled operations at 1,240.",
    '',
    'About 15,000 people marched to the parliament building, police estimated.',
    '',
    'The union says 80% of members would back a second walkout.',
  ].join('\n');

  it('what the story tells in the simple past holds on the walkout day', () => {
    expect(dateOf(strike, '71')).toBe('2026-03-02');
    expect(dateOf(strike, '1,240')).toBe('2026-03-02');
    expect(dateOf(strike, '15,000')).toBe('2026-03-02');
  });

  it('a present or forward-looking figure keeps the publication date', () => {
    expect(dateOf(strike, '80')).toBe('2026-03-04');
  });

  it('"Yesterday\'s march" dates the arrests told after it', () => {
    expect(dateOf("Yesterday's march passed off peacefully. Police made 23 arrests.", '23')).toBe('2026-03-03');
  });
});
