import { bounds, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { scanNumbers } from './scan-numbers';

describe('number surface forms', () => {
  it.each([
    ['Officials counted 12,000 troops at the camp.', '12,000', 12000, 'troops'],
    ['A 12,000-strong force crossed the river.', '12,000', 12000, 'troops'],
    ['The army has 1.3 million soldiers.', '1.3 million', 1300000, 'troops'],
    ['The deal was worth $540 million to the regime.', '$540 million', 540000000, 'usd'],
    ['Recruits are offered Rbs3mn to sign up.', 'Rbs3mn', 3000000, 'rub'],
    ['The region has 1.28m people left.', '1.28m', 1280000, 'people'],
    ['The ministry earmarked $3bn for drones.', '$3bn', 3000000000, 'usd'],
    ['The fund holds 3bn roubles.', '3bn', 3000000000, 'rub'],
    ['About 10k soldiers were moved east.', '10k', 10000, 'troops'],
    ['Three thousand soldiers arrived by train.', 'Three thousand', 3000, 'troops'],
    ['A dozen generals went with them.', 'A dozen', 12, 'troops'],
    ['Twenty-five recruits deserted.', 'Twenty-five', 25, 'troops'],
  ])('%s → %s', (text, fragment, value, unit) => {
    const f = figureIn(text, fragment);
    expect(f.value ?? f.low ?? f.high).toBe(value);
    expect(f.unit).toBe(unit);
    expect(f.vague).toBe(false);
  });

  it.each([
    ['Tens of thousands of soldiers were mobilised.', 'Tens of thousands', 10000],
    ['Thousands of troops massed at the border.', 'Thousands', 1000],
    ['Hundreds of soldiers were wounded.', 'Hundreds', 100],
    ['Pyongyang sent millions of rounds of ammunition.', 'millions', 1000000],
    ['Hundreds of thousands of shells were fired.', 'Hundreds of thousands', 100000],
    ['Several thousand recruits signed up.', 'Several thousand', 1000],
  ])('vague "%s" is a lower bound', (text, fragment, low) => {
    const f = figureIn(text, fragment);
    expect(bounds(f)).toEqual({ low, qualifier: 'at_least' });
    expect(f.vague).toBe(true);
  });

  it.each([
    ['Between 10,000 and 12,000 troops are there.', 'Between 10,000 and 12,000', 10000, 12000],
    ['They serve 8 to 10 years in the army.', '8 to 10', 8, 10],
    ['Some 1,000-1,200 volunteers sign up daily.', '1,000-1,200', 1000, 1200],
    ['The plan costs 1.5-2 million dollars.', '1.5-2 million', 1500000, 2000000],
    ['Estimates run from $2bn to $3bn in revenue.', 'from $2bn to $3bn', 2e9, 3e9],
    ['The fleet will take between nine and eleven new ferries.', 'between nine and eleven', 9, 11],
  ])('range "%s"', (text, fragment, low, high) => {
    expect(bounds(figureIn(text, fragment))).toEqual({ low, high, qualifier: 'range' });
  });

  it('does not read a change "from X to Y" as a range', () => {
    const mentions = scanNumbers('The estimate rose from 3,000 to 12,000 troops.');
    expect(mentions.map((m) => [m.kind, m.value])).toEqual([
      ['single', 3000],
      ['single', 12000],
    ]);
  });

  it('reads temperatures, glued or written out, and a range of them', () => {
    expect(bounds(figureIn('Forecasters expect highs of between 31C and 34C inland.', 'between 31C'))).toEqual({
      low: 31,
      high: 34,
      qualifier: 'range',
    });
    expect(figureIn('The lake reached 27°C on Monday.', '27').unit).toBe('celsius');
    expect(figureIn('It felt like 95 degrees Fahrenheit in the shade.', '95').unit).toBe('fahrenheit');
    expect(numberTexts('The ridge turns 30° to the east.')).toEqual([]);
  });

  it('reads a bare "m" as metres when nothing is counted', () => {
    const f = figureIn('The trench is 50m long, officials said.', '50m');
    expect([f.unit, f.value]).toEqual(['m', 50]);
  });

  it('keeps glued units and currency symbols in the surface form', () => {
    const [m] = scanNumbers('within 50km of the border');
    expect(m).toMatchObject({ text: '50km', attached: 'km', value: 50 });
    expect(scanNumbers('a US$1.2bn loan')[0]).toMatchObject({ text: 'US$1.2bn', currency: 'usd', value: 1.2e9 });
  });

  it('does not make a range of "the jump from 3,000 to 10,000"', () => {
    expect(scanNumbers('Is the jump from 3,000 to 10,000 a reflection of new deployments?').map((m) => m.kind)).toEqual(['single', 'single']);
  });

  it('reads "10-12,000" as 10,000 to 12,000', () => {
    expect(bounds(figureIn('It has sent 10-12,000 troops to Russia.', '10-12,000'))).toEqual({ low: 10000, high: 12000, qualifier: 'range' });
  });

  it('reads "20 or 30" as a loose range, but not "10 or more"', () => {
    expect(bounds(figureIn('They walk in groups of 20 or 30 soldiers.', '20 or 30'))).toEqual({ low: 20, high: 30, qualifier: 'range' });
    expect(scanNumbers('They sent 10 or more brigades.').map((m) => m.kind)).toEqual(['single']);
  });
});
