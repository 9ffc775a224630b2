import { extractFigures } from '../extract-figures';

describe('restatements folded into the figure they repeat', () => {
  it('folds a headline written to fewer decimal places into the body figure, whatever description it credits', () => {
    const text = 'Rainfall up 7% this spring, weather service finds\n\nSpring rainfall was 7.4% above the average, the Met Bureau said.';
    expect(extractFigures(text).map((f) => [f.numberText, f.otherMentions?.length])).toEqual([['7.4', 1]]);
  });

  it('keeps a headline figure that does not round the body figure', () => {
    const text = 'Rainfall up 8% this spring, weather service finds\n\nSpring rainfall was 7.4% above the average, the Met Bureau said.';
    expect(extractFigures(text).map((f) => f.numberText)).toEqual(['8', '7.4']);
  });

  it('folds "the total had reached N" into the same number given just before', () => {
    const text =
      'Rescuers have now found 23 survivors, the coastguard said on Friday. Its log shows the total had reached 23 by Thursday night, up from 9 a day before.';
    expect(extractFigures(text).map((f) => f.value)).toEqual([23, 9]);
  });

  it('keeps "the total" when it gives another number', () => {
    const text = 'Rescuers have now found 23 survivors, the coastguard said. The total had reached 19 by Thursday night.';
    expect(extractFigures(text).map((f) => f.value)).toEqual([23, 19]);
  });
});
