import { extractFigures } from '../extract-figures';
import { bounds, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { scanNumbers } from '../numbers/scan-numbers';
import { segmentText } from '../text/segment-text';

// The topic-agnostic core on invented sentences from news other than the war: disasters, health, economics, elections.
describe('figures of news in general', () => {
  it('counts what any story counts: acres, structures, customers, cases, seats, votes, jobs, percentages', () => {
    const text =
      'The fire had burned 12,400 acres and destroyed 85 structures. About 3,100 customers lost power. ' +
      'Officials confirmed 214 cases. The party won 44 seats with 31.5% of the vote, and employers added 120,000 jobs.';
    expect(extractFigures(text).map((f) => [f.numberText, f.unit])).toEqual([
      ['12,400', 'acres'],
      ['85', 'count'],
      ['About 3,100', 'people'],
      ['214', 'count'],
      ['44', 'count'],
      ['31.5', 'percent'],
      ['120,000', 'count'],
    ]);
  });

  it('reads counts written as words, "only one of the 20 samples" included', () => {
    expect(numberTexts('Nine hikers remained missing. Only one of the 20 samples tested positive.')).toEqual(['Nine', 'one', '20']);
    expect(numberTexts('It was one of the largest fires this year.')).toEqual([]);
  });

  it('forecast and limit verbs bound the figure: "could rise to" up to, "expected to top" more than, "edged up to" neither', () => {
    expect(bounds(figureIn('The toll could rise to 300, officials said.', '300'))).toEqual({ high: 300, qualifier: 'up_to' });
    expect(bounds(figureIn('Losses are expected to top $5 billion.', '$5 billion'))).toEqual({ low: 5e9, qualifier: 'more_than' });
    expect(bounds(figureIn('Services inflation edged up to 4.1 per cent.', '4.1'))).toEqual({ value: 4.1, qualifier: 'exact' });
    expect(bounds(figureIn('Prices rose 2.1%, above the 1.9% economists had forecast.', '1.9'))).toEqual({ value: 1.9, qualifier: 'exact' });
  });

  it('"revised ... from 40,000 to 95,000" is an old and a new figure, not a range', () => {
    const text = 'Statisticians revised the number of jobs created in the spring from 40,000 to 95,000.';
    expect(scanNumbers(text).map((m) => [m.kind, m.value])).toEqual([
      ['single', 40000],
      ['single', 95000],
    ]);
    expect(scanNumbers('Between 8 and 10 were hurt; from 3 to 5 more are missing.').filter((m) => m.kind === 'range')).toHaveLength(2);
  });

  it('reads dot thousands in a text that never groups with commas, and decimals elsewhere', () => {
    expect(scanNumbers('More than 5.400 houses were damaged and 1.100 destroyed.').map((m) => m.value)).toEqual([5400, 1100]);
    expect(scanNumbers('Output rose 2.125% while 1,200 jobs went.').map((m) => m.value)).toEqual([2.125, 1200]);
    expect(scanNumbers('In total 1.912.400 citizens voted.').map((m) => m.value)).toEqual([1912400]);
  });

  it('keeps a hard-wrapped paragraph together across line breaks after full stops', () => {
    const text =
      'The ministry confirmed 1,284 cases of measles in the current outbreak.\nOf these, 412 patients have been admitted to hospital and seven\nhave died, all of them children who had not been vaccinated at all.\n\nA second paragraph follows here, wrapped like the first one was.\nIt has two lines of prose that are long enough to be wrapped text.';
    expect(segmentText(text).paragraphs).toHaveLength(2);
    expect(figureIn(text, '412').source).toBe('ministry');
  });

  it('ages and reading times are not figures', () => {
    expect(numberTexts('Most of the 40 victims were children under five. 5 min read')).toEqual(['40']);
  });

  it('dollars of other countries keep their letters: "A$48 million", "NZ$3.10 a litre", "C$900,000"', () => {
    const text = 'The miner spent A$48 million on drilling. Fuel cost NZ$3.10 a litre in Otago. The club owes C$900,000, its auditor said.';
    expect(extractFigures(text).map((f) => [f.numberText, f.value, f.unit])).toEqual([
      ['A$48 million', 48e6, 'aud'],
      ['NZ$3.10', 3.1, 'nzd'],
      ['C$900,000', 900000, 'cad'],
    ]);
  });

  it('a share in words is a percent when it is bounded or exact: "fewer than half", "two-thirds"; "about half" is left', () => {
    expect(bounds(figureIn('The ferry operator said fewer than half of its sailings left on time.', 'half'))).toEqual({
      high: 50,
      qualifier: 'up_to',
    });
    const twoThirds = figureIn('Two-thirds of the trees in the park were felled, the council said.', 'Two-thirds');
    expect([Math.round(twoThirds.value ?? 0), twoThirds.unit]).toEqual([67, 'percent']);
    expect(numberTexts('About half the players were injured, and half the stands were empty.')).toEqual([]);
  });
});
