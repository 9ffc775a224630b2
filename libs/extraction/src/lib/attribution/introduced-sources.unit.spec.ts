import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g113–g120 (scored before they were written). Texts invented.
const source = (text: string, fragment: string): string => figureIn(text, fragment, { publishedAt: '2026-05-13' }).source;

describe('bodies the text introduced by a description', () => {
  it('"The group, which …, said" is the group named as "the research group X" before', () => {
    const text =
      'Peatlands in the north lost 8,400 hectares last year, according to a study by the research group Turbera Viva.\n\n' +
      'The group, which maps peat with drones, said 2,100 hectares had burned.';
    expect(source(text, '2,100')).toBe('Turbera Viva');
  });

  it('"the report said" is the body that released it ("a report … by X")', () => {
    const text =
      'Rivers in the valley carried 40% more silt in 2025, according to a report published on Monday by Clearwater Trust.\n\n' +
      'Farm run-off caused about 70% of it, the report said.';
    expect(source(text, '70')).toBe('Clearwater Trust');
  });

  it('a description with its name in apposition: "The haulage firm, Northway Freight, said"', () => {
    const text = 'Fire crews said 6,000 litres of diesel leaked. The haulage firm, Northway Freight, said fewer than 2,000 litres had escaped.';
    expect(source(text, '2,000')).toBe('Northway Freight');
  });

  it('a defined term ("the Company") is the name it defines', () => {
    const text =
      'PRESS RELEASE\n\nLyon, 2 May 2026 - Altavene Biotech SA (the "Company") announces results.\n\n' +
      'The trial enrolled 420 patients. In March, the Company had reported a response rate of 52%.';
    expect(source(text, '52')).toMatch(/^Altavene Biotech/);
  });

  it('a name given two defined terms ("Tarvo" or "the Company") is what either stands for, without its legal form', () => {
    const text =
      'Tarvo Minerals Limited ("Tarvo" or "the Company") reports its half-year.\n\n' +
      'Sales rose to 61,300 ounces. The Company said its debt stood at $88 million. Tarvo said it hired 140 people.';
    expect(source(text, '88')).toBe('Tarvo Minerals');
    expect(source(text, '140')).toBe('Tarvo Minerals');
  });

  it('"the league said" is the league named before', () => {
    const text = 'The Western Rugby League says crowds grew this season.\n\nThe league said ticket prices would rise by 4% next season.';
    expect(source(text, '4')).toMatch(/Western Rugby League/);
  });
});

describe('studies and estimates by a named body', () => {
  it('"A separate study by X, which …, put the figure at N" credits X', () => {
    const text = 'A separate study by the Highland Soil Institute in Perth, which samples every farm, put the 2025 loss at roughly 3,100 tonnes.';
    expect(source(text, '3,100')).toMatch(/Highland Soil Institute/);
  });

  it('"He put total revenue for 2025-26 at N" goes on with the speaker before', () => {
    const text = 'Club chair Dana Whitby said gate receipts rose again. He put total club revenue for 2025-26 at £12.4 million.';
    expect(source(text, '12.4')).toMatch(/Whitby/);
  });
});

describe('a named index reads itself', () => {
  it('"The rival Baltic Grain Index, published daily, added 12.5 points" credits the index', () => {
    const text = 'Wheat freight rose again. The rival Baltic Grain Index, published daily, added 12.5 points to close at 1,104.';
    expect(source(text, '12.5')).toBe('Baltic Grain Index');
    expect(source(text, '1,104')).toBe('Baltic Grain Index');
  });
});

describe('a transcript speaker reporting others', () => {
  it('"MR X: They put the repair at N" is told by the speaker', () => {
    const text = [
      'MS LANE: What did the surveyors say the roof would cost?',
      'MR OYELARAN: They put the full repair at £1.9 million.',
      'MS LANE: Thank you.',
    ].join('\n\n');
    expect(source(text, '1.9')).toMatch(/Oyelaran/);
  });
});

describe('people and desks named by a common noun', () => {
  it('"where a volunteer said N" and "one Paris-based desk said N" name their speakers', () => {
    expect(source('The charity opened a hall at the school, where a volunteer said about 90 people had arrived.', '90')).toMatch(/volunteer/);
    expect(source('Other traders were cautious: one Paris-based desk said prices would settle near $1,200.', '1,200')).toMatch(/desk/);
  });
});
