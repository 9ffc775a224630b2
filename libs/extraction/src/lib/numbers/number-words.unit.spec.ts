import { NUMBER_WORDS_RE, parseNumberWords } from './number-words';

describe('parseNumberWords', () => {
  it.each([
    ['three', 3],
    ['twelve', 12],
    ['twenty-five', 25],
    ['three thousand', 3000],
    ['three thousand five hundred', 3500],
    ['two hundred thousand', 200000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['a thousand', 1000],
    ['half a million', 500000],
    ['one and a half million', 1500000],
    ['a hundred and fifty', 150],
  ])('reads "%s" as %d', (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });

  it('joins "and" only after a scale word: "nine and eleven" are two numbers', () => {
    expect('between nine and eleven, or a hundred and five'.match(NUMBER_WORDS_RE)).toEqual(['nine', 'eleven', 'a hundred and five']);
  });

  it('rejects words that are not numbers', () => {
    expect(parseNumberWords('three blind mice')).toBeUndefined();
  });
});
