import { figureSeed } from './ingestion-ids';

describe('figure seeds', () => {
  const hash = 'a'.repeat(64);

  it("seed an article's figure by its claim, whatever its index in the extractor's output", () => {
    // A newer extractor finds a figure earlier in the text: the same claim moves from index 0 to 3, its seed stays.
    expect(figureSeed(hash, { index: 3, claim: '@48' }, 'src-1')).toBe(figureSeed(hash, { index: 0, claim: '@48' }, 'src-1'));
    expect(figureSeed(hash, { index: 0, claim: '@48' }, 'src-1')).not.toBe(figureSeed(hash, { index: 0, claim: '@90' }, 'src-1'));
  });

  it('seed a structured line by its index, and each credited source apart', () => {
    expect(figureSeed(hash, { index: 2 }, 'src-1')).not.toBe(figureSeed(hash, { index: 3 }, 'src-1'));
    expect(figureSeed(hash, { index: 2, claim: '@48' }, 'src-1')).not.toBe(figureSeed(hash, { index: 2, claim: '@48' }, 'src-2'));
  });
});
