import { numberTexts } from '../../__fixtures__/find-figure';

// Found by the held-out batch g89–g96 (scored before it was written). Texts invented.
describe('"N times": a count of occurrences or a multiplier', () => {
  it('after a verb, ending its clause, it counts occurrences', () => {
    expect(numberTexts('The ferry has sailed 40 times, 38 of them on schedule, the operator said.')).toContain('40');
  });

  it('before what it multiplies it is no figure', () => {
    expect(numberTexts('The new dam holds 3 times the water of the old one.')).not.toContain('3');
  });
});
