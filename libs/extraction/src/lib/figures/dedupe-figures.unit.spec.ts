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

  it('folds a number after a definite determiner ("the 1,240 figure", "our 1,240") into the same number given earlier', () => {
    const text =
      'The city counted 1,240 people sleeping rough on the night of the survey, the housing department said.\n\n' +
      'Campaigners say the 1,240 figure is too low, and that our 1,240 misses people in cars.';
    expect(extractFigures(text).map((f) => [f.value, f.otherMentions?.length])).toEqual([[1240, 2]]);
  });

  it('keeps the old figure of a revision ("rather than the 0.4% fall first reported") as a claim of its own', () => {
    const text =
      'The economy grew by 0.4% in the third quarter of 2026, the statistics office said.\n\n' +
      'Output in the second quarter of 2026 is now estimated to have fallen by 0.8%, rather than the 0.4% fall first reported.';
    expect(extractFigures(text, { publishedAt: '2026-10-30' }).map((f) => f.value)).toEqual([0.4, 0.8, 0.4]);
  });

  it('keeps a number after "that" ("told a briefing that three people had died"), a conjunction, not a determiner', () => {
    const text = 'Three people were rescued on Monday, police said.\n\nThe chief told a briefing that three people had died.';
    expect(extractFigures(text).filter((f) => f.value === 3)).toHaveLength(2);
  });
});
