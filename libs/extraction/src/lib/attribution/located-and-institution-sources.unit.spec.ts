import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g97–g104 (scored before they were written). Texts invented.
const source = (text: string, fragment: string): string => figureIn(text, fragment, { publishedAt: '2026-06-02' }).source;

describe('descriptions that name where a body is, or a research institution', () => {
  it('"the Leeds-based company" is the company named before, not a name of its own', () => {
    const text = 'Carrow Motors Group raised its forecast on Tuesday.\n\nProfit rose 5% to 9 million pounds, the Leeds-based company said.';
    expect(source(text, '9 million')).toBe('Carrow Motors Group');
  });

  it('"the observatory" is a body that speaks, and means the observatory named before', () => {
    const text =
      'Snow cover fell to a record low in April, according to data released by the Northern Snow Observatory.\n\n' +
      'The observatory said 14 stations had recorded no snow at all.';
    expect(source(text, '14')).toMatch(/Observatory|observatory/);
  });

  it('"the weather service" is not another service named before it', () => {
    const text =
      'Imagery analysed by the Northern Mapping Service puts the burned area at 9,200 hectares.\n\n' +
      'The weather service warned that winds of up to 70 km/h were forecast for Sunday.';
    expect(source(text, '70')).toBe('weather service');
  });

  it('"the mapping service" still means the Northern Mapping Service', () => {
    const text =
      'Imagery analysed by the Northern Mapping Service puts the burned area at 9,200 hectares.\n\n' +
      'The mapping service said 40 villages lay inside the perimeter.';
    expect(source(text, '40')).toBe('Northern Mapping Service');
  });
});
