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
