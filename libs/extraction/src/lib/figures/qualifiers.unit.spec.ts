import { bounds, figureIn, numberTexts } from '../../__fixtures__/find-figure';

const at = (phrase: string): string => `Officials said ${phrase} 5,000 troops were in place.`;

describe('qualifiers', () => {
  it.each([
    'about',
    'around',
    'roughly',
    'approximately',
    'nearly',
    'almost',
    'some',
    'closer to',
    'close to',
    'an estimated',
    'estimated at',
    'just under',
    'near',
    'nearer',
  ])('"%s" → approximately, stored as value', (phrase) => {
    expect(bounds(figureIn(at(phrase), '5,000'))).toEqual({ value: 5000, qualifier: 'approximately' });
  });

  it.each(['up to', 'as many as', 'as high as', 'no more than', 'at most', 'within', 'fewer than', 'less than', 'a maximum of'])(
    '"%s" → up_to, stored as high',
    (phrase) => {
      expect(bounds(figureIn(at(phrase), '5,000'))).toEqual({ high: 5000, qualifier: 'up_to' });
    },
  );

  it.each(['at least', 'no fewer than', 'no less than', 'a minimum of'])('"%s" → at_least, stored as low', (phrase) => {
    expect(bounds(figureIn(at(phrase), '5,000'))).toEqual({ low: 5000, qualifier: 'at_least' });
  });

  it.each(['more than', 'over', 'greater than', 'in excess of', 'upwards of', 'exceeding', 'just over', 'well over'])(
    '"%s" → more_than, stored as low',
    (phrase) => {
      expect(bounds(figureIn(at(phrase), '5,000'))).toEqual({ low: 5000, qualifier: 'more_than' });
    },
  );

  it('a bare number is exact', () => {
    expect(bounds(figureIn(at(''), '5,000'))).toEqual({ value: 5000, qualifier: 'exact' });
  });

  it('includes the qualifier in the number text', () => {
    expect(figureIn(at('no fewer than'), '5,000').numberText).toBe('no fewer than 5,000');
  });

  it('reads trailing qualifiers', () => {
    expect(bounds(figureIn('They sent 5,000 troops or more.', '5,000'))).toEqual({ low: 5000, qualifier: 'at_least' });
    expect(bounds(figureIn('They sent 5,000 or so troops.', '5,000'))).toEqual({ value: 5000, qualifier: 'approximately' });
  });

  it('lets a filler sit between the qualifier and the number', () => {
    expect(bounds(figureIn('It has lost more than an estimated 600,000 troops.', '600,000'))).toEqual({ low: 600000, qualifier: 'more_than' });
    expect(bounds(figureIn('Kyiv says up to some 1,500 soldiers were sent.', '1,500'))).toEqual({ high: 1500, qualifier: 'up_to' });
  });

  it('does not take "estimates that" for an approximation', () => {
    expect(figureIn('The ministry estimates that Russia loses 30,000 soldiers each month.', '30,000').qualifier).toBe('exact');
  });

  it('"may have been as high as" is an upper bound', () => {
    expect(bounds(figureIn('Losses may have been as high as 40,000 troops in October.', '40,000'))).toEqual({ high: 40000, qualifier: 'up_to' });
  });

  it.each(['maybe', 'perhaps', 'possibly'])('"%s" → approximately', (phrase) => {
    expect(bounds(figureIn(at(phrase), '5,000'))).toEqual({ value: 5000, qualifier: 'approximately' });
  });

  it('"over 14 regions" says where, not how many', () => {
    expect(bounds(figureIn('Air defences shot down drones over 14 regions.', '14'))).toEqual({ value: 14, qualifier: 'exact' });
    expect(bounds(figureIn('Russia lost over 1,500 troops.', '1,500'))).toEqual({ low: 1500, qualifier: 'more_than' });
  });

  it.each(['had passed', 'has surpassed', 'has topped', 'now exceeded'])('"casualties %s 600,000" → more_than', (phrase) => {
    expect(bounds(figureIn(`NATO said Russia's casualties ${phrase} 600,000.`, '600,000'))).toEqual({ low: 600000, qualifier: 'more_than' });
  });

  it('"less than the 1,000 it seized" compares with a known figure and does not bound it', () => {
    const text = 'Russia gained about 725 square kilometers, slightly less than the 1,000 square kilometers it seized in October.';
    expect(bounds(figureIn(text, '1,000'))).toEqual({ value: 1000, qualifier: 'exact' });
    expect(bounds(figureIn('Officials said less than 1,000 troops were there.', '1,000'))).toEqual({ high: 1000, qualifier: 'up_to' });
    const rough = 'The survey found 9,100 cases, far more than the roughly 3,000 reported by clinics.';
    expect(bounds(figureIn(rough, '3,000'))).toEqual({ value: 3000, qualifier: 'approximately' });
  });

  it('a line a percentage or a noun is measured against is exact, not a bound', () => {
    // The line a percentage is measured against is no figure at all (held-out-34's rules): only the share is.
    const served = 'Last month 81% of ambulances reached patients within eight minutes, the service said.';
    expect(numberTexts(served)).toEqual(['81']);
    const zone = 'Most farms below 400 metres were flooded, the agency said.';
    expect(bounds(figureIn(zone, '400'))).toEqual({ value: 400, qualifier: 'exact' });
    const bound = 'The agency said the river level remains below 4 metres.';
    expect(bounds(figureIn(bound, '4'))).toEqual({ high: 4, qualifier: 'up_to' });
    expect(bounds(figureIn('The fund would run dry within 18 months, the treasurer said.', '18'))).toEqual({ high: 18, qualifier: 'up_to' });
  });

  it('"for as little as $9,000" is a floor, at_least', () => {
    expect(figureIn('Buyers can now get a plot for as little as $9,000 per acre.', '9,000').qualifier).toBe('at_least');
  });

  it('"revised June\'s figure up to 18,400" is a revision to a level, not a bound', () => {
    expect(figureIn("The office also revised June's figure up to 18,400 homes.", '18,400').qualifier).toBe('exact');
  });

  // g113–g120: a plan's stated level and a revision's direction are exact; only a possibility bounds ("could rise to").
  it('"would rise to N" in a plan is the planned level, exact', () => {
    expect(bounds(figureIn('Under the plan, bus fares would rise to £2.40 in April.', '2.40'))).toEqual({ value: 2.4, qualifier: 'exact' });
    expect(bounds(figureIn('Fares could rise to £2.90 by 2028, the operator warned.', '2.90'))).toEqual({ high: 2.9, qualifier: 'up_to' });
  });

  it('"revised its count for the week ending 3 May up to N" moves the figure, exact', () => {
    const text = 'The agency revised its count for the week ending 3 May up to 4,200 cases.';
    expect(bounds(figureIn(text, '4,200'))).toEqual({ value: 4200, qualifier: 'exact' });
  });
});
