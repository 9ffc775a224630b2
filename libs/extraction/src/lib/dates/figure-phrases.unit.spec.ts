import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g97–g104 (scored before they were written). Texts invented.
// 2026-08-16 is a Sunday.
const at = (text: string, fragment: string): string | null => figureIn(text, fragment, { publishedAt: '2026-08-16' }).as_of;

describe('a scheduled day counts forward', () => {
  it('"are due to arrive on Monday" is the next Monday', () => {
    expect(at('Three rescue teams from Italy are due to arrive on Monday, the ministry said.', 'Three')).toBe('2026-08-17');
  });

  it('"arrived on Monday" is still the last Monday', () => {
    expect(at('Three rescue teams from Italy arrived on Monday, the ministry said.', 'Three')).toBe('2026-08-10');
  });
});

describe('the time of the data a figure is read from', () => {
  it('", based on images taken on Saturday," dates the figure', () => {
    expect(at('Its latest estimate, based on images taken on Saturday, puts the flooded area at 2,300 hectares.', '2,300')).toBe('2026-08-15');
  });

  it('", first given on Friday," still dates another statement', () => {
    expect(at('The estimate of 2,300 hectares, first given on Friday, has not been revised.', '2,300')).not.toBe('2026-08-14');
  });
});

describe("a figure inside the first figure's phrase does not take its date away", () => {
  it('"killed 600 birds along a stretch of 4 kilometres in July" dates both', () => {
    expect(at('The spill killed 600 birds along a stretch of 4 kilometres of coast in July 2025.', '600')).toBe('2025-07-01');
  });

  it('"fell to 600, from 900 in July" still dates only the base', () => {
    expect(at('The count fell to 600 this week, from 900 in July 2025.', '600')).not.toBe('2025-07-01');
  });
});

describe('figures that go on with the one before', () => {
  it('"That is equivalent to 40% of income" holds when the figure it restates does', () => {
    const text = "Rent arrears reached £3.2m in 2025. That is equivalent to 40% of the landlord's income.";
    expect(at(text, '40')).toBe('2025-01-01');
  });

  it('a sentence that restates nothing keeps the reporting day', () => {
    const text = 'Rent arrears reached £3.2m in 2025. Tenants owe 40% more than the landlord expected.';
    expect(at(text, '40')).toBe('2026-08-16');
  });

  it('"in 2019 and 2021 ... 12% and 15% respectively" pairs years and figures in order', () => {
    const text = 'Only the droughts of 2019 and 2021, when harvests fell 12% and 15% respectively, were worse.';
    expect(at(text, '12')).toBe('2019-01-01');
    expect(at(text, '15')).toBe('2021-01-01');
  });

  it('", supported by 30 lorries," does not take the day from the clause it interrupts', () => {
    const text = 'Some 400 volunteers, supported by 30 lorries, were clearing the roads on Saturday morning, the mayor said.';
    expect(at(text, '400')).toBe('2026-08-15');
  });
});
