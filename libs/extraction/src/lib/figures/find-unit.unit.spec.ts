import { figureIn } from '../../__fixtures__/find-figure';

describe('units and quantity nouns', () => {
  it.each([
    ['It sent 3,000 North Korean troops.', '3,000', 'troops', 'troops'],
    ['The army has 900 soldiers here.', '900', 'troops', 'soldiers'],
    ['Some 400 military personnel arrived.', '400', 'troops', 'military personnel'],
    ['About 700 servicemen deployed.', '700', 'troops', 'servicemen'],
    ['Nearly 250 fighters joined.', '250', 'troops', 'fighters'],
    ['It recruited 30,000 recruits this year.', '30,000', 'troops', 'recruits'],
    ['The strike left 40 dead.', '40', 'people', 'dead'],
    ['There were 1,200 casualties.', '1,200', 'people', 'casualties'],
    ['The battle left 3,000 killed and wounded.', '3,000', 'people', 'killed and wounded'],
    ['About 800 civilians fled.', '800', 'people', 'civilians'],
    ['They fired 9,000 rounds.', '9,000', 'count', 'rounds'],
    ['They delivered 6,000 artillery shells.', '6,000', 'count', 'artillery shells'],
    ['The front is 1,000 km long.', '1,000', 'km', 'km'],
    ['The front is 1,000 kilometres long.', '1,000', 'km', 'kilometres'],
    ['The front is 1,000 kilometers long.', '1,000', 'km', 'kilometers'],
    ['Units moved within 50km of the border.', '50km', 'km', 'km'],
    ['Kyiv holds 600 sq km of land.', '600', 'km2', 'sq km'],
    ['Kyiv holds 600 square kilometres of land.', '600', 'km2', 'square kilometres'],
    ['Kyiv holds 600km2 of land.', '600km2', 'km2', 'km2'],
    ['It earned 500 million dollars.', '500 million', 'usd', 'dollars'],
    ['It earned USD 500 million.', 'USD 500 million', 'usd', ''],
    ['Bonuses reach 400,000 roubles.', '400,000', 'rub', 'roubles'],
    ['Bonuses reach 400,000 rubles.', '400,000', 'rub', 'rubles'],
    ['Bonuses reach RUB 400,000.', 'RUB 400,000', 'rub', ''],
    ['Conscripts serve 10 years.', '10', 'years', 'years'],
  ])('%s', (text, fragment, unit, noun) => {
    const f = figureIn(text, fragment);
    expect([f.unit, f.noun]).toEqual([unit, noun]);
  });

  it.each([
    ['Russia loses 1,200 soldiers per day.', 'per_day'],
    ['Russia loses 1,200 soldiers a day.', 'per_day'],
    ['Russia loses 1,200 soldiers daily.', 'per_day'],
    ['Russia loses 1,200 daily casualties.', 'per_day'],
    ['Russia loses 30,000 soldiers per month.', 'per_month'],
    ['Russia loses 30,000 soldiers a month.', 'per_month'],
    ['Russia loses 30,000 soldiers monthly.', 'per_month'],
    ['Russia incurs 30,000 casualties in the war each month.', 'per_month'],
    ['The monthly toll reached 30,000.', 'per_month'],
  ])('rate: %s', (text, unit) => {
    const f = figureIn(text, text.match(/\d[\d,]*/)?.[0] ?? '');
    expect(f.unit).toBe(unit);
  });

  it('says what a rate counts', () => {
    const f = figureIn('Recruits are paid $2,000 a month.', '$2,000');
    expect([f.unit, f.rateOf]).toEqual(['per_month', 'usd']);
  });

  it('counts killed or wounded troops as people', () => {
    expect(figureIn('An estimated 600,000 troops have been killed or wounded.', '600,000').unit).toBe('people');
  });

  it('finds the noun before the number when none follows', () => {
    const f = figureIn('Most of those soldiers - about 8,000 - are in Kursk.', '8,000');
    expect([f.unit, f.noun]).toEqual(['troops', 'soldiers']);
  });

  it('borrows the unit of the previous figure for "the number" and "of them"', () => {
    const text = 'Seoul says 11,000 soldiers are in Russia. The Pentagon puts the number at 10,000, and says 8,000 of them are in Kursk.';
    expect(figureIn(text, '10,000').unit).toBe('troops');
    expect(figureIn(text, '8,000').unit).toBe('troops');
  });

  it('carries a rate to "that rate" in the next sentence', () => {
    const text = 'Russia suffers 30,000 casualties a month. That casualty rate may have reached 40,000 in October.';
    expect(figureIn(text, '40,000').unit).toBe('per_month');
  });

  it('treats demonyms as troops in a military context', () => {
    expect(figureIn('Some 500 North Koreans were deployed to the front.', '500').unit).toBe('troops');
    expect(figureIn('Some 500 North Koreans study in Moscow.', '500').unit).toBe('people');
  });

  it.each([
    ['Russia launched 96 Shahed-type attack and decoy drones.', '96', 'count', 'drones'],
    ['It has 1,250 multiple launch rocket systems.', '1,250', 'count', 'systems'],
    ['They destroyed at least two Su-34 fighter-bombers.', 'two', 'count', 'fighter-bombers'],
    ['It sent around 100 KN-23 ballistic missiles.', '100', 'count', 'ballistic missiles'],
    ['Soldiers earn around 2,000 U.S. dollars a month.', '2,000', 'per_month', 'dollars'],
    ['Air defences downed 66 of 96 Russian drones.', '66', 'count', 'drones'],
  ])('reads the noun past adjuncts, model names and abbreviations: %s', (text, fragment, unit, noun) => {
    const f = figureIn(text, fragment);
    expect([f.unit, f.noun]).toEqual([unit, noun]);
  });

  it('reads "2m roubles" as millions, not metres', () => {
    const f = figureIn('Recruits receive up to 2m roubles.', '2m');
    expect([f.unit, f.high]).toEqual(['rub', 2e6]);
  });

  it('reads a bare "1.3m" as millions next to a counted "3m"', () => {
    const f = figureIn('Russia makes about 3m artillery shells a year and buys perhaps another 1.3m abroad.', '1.3m');
    expect([f.unit, f.rateOf, f.value]).toEqual(['per_year', 'count', 1.3e6]);
  });

  it.each([
    ['Air defences shot down 56 drones, while another 24 were lost.', '24', 'count'],
    ['Air defences shot down 66 drones, while 28 others were lost.', '28', 'count'],
    ['North Korea has sent 20,000 containers. That is up from 13,000 in October.', '13,000', 'count'],
    ['Losses averaged 1,354 soldiers a day in October. That compared with 1,271 in September.', '1,271', 'per_day'],
  ])('borrows the unit of the figure a bare number points back to: %s', (text, fragment, unit) => {
    const f = figureIn(text, fragment);
    expect([f.unit, f.noun]).toEqual([unit, '']);
    expect(f.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('does not borrow a duration for "of them"', () => {
    const text = 'The army floated about 40 balloons, the first launch in two weeks. About 20 of them landed in Seoul.';
    expect(figureIn(text, 'About 20').unit).toBe('count');
  });

  it('counts "maybe 40 of them" even when what they are was said further back', () => {
    expect(figureIn('"We saw maybe 40 of them in one column," he said.', '40').confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('counts a number the clause calls a tally even with nothing before it to borrow from', () => {
    expect(
      figureIn("Ukraine's General Staff publishes a daily tally, which on Wednesday stood at 696,810.", '696,810').confidence,
    ).toBeGreaterThanOrEqual(0.5);
  });

  it('reads "in a single day" as a daily rate', () => {
    expect(figureIn('Ukraine recorded 1,770 casualties in a single day.', '1,770').unit).toBe('per_day');
  });

  it('lets a bare number share the noun of the number it is coordinated with', () => {
    const f = figureIn('The enemy made 38 and 36 attempts to advance.', '38');
    expect([f.unit, f.noun]).toEqual(['count', 'attempts']);
  });

  it('counts what a table row is labelled with', () => {
    const f = figureIn('The army destroyed:\n\nMLRS – 1,253 (+2)\nspecial equipment – 3,652 (+2)', '3,652');
    expect([f.unit, f.noun]).toEqual(['count', 'special equipment']);
  });

  it('reads "over past day" as a daily rate', () => {
    expect(figureIn('Russia loses another 1,530 soldiers in Ukraine over past day', '1,530').unit).toBe('per_day');
  });

  it('"Of these, 60 were shot down, while 30 were lost" count what the figure before counted', () => {
    const text =
      'Overnight, Russia launched 96 Shahed-type drones at Ukraine, the air force said. Of these, 60 were shot down, while 30 were "lost" to jamming, it said.';
    expect(figureIn(text, '60').unit).toBe('count');
    expect(figureIn(text, '30').unit).toBe('count');
    expect(figureIn(text, '30').source).toBe('air force');
  });

  it('"Of these, 76 were shot down and 50 lost": a bare participle after the number points back too', () => {
    const text = 'Overnight, Russia fired 132 drones at Ukraine, the air force said. Of these, 76 were shot down and 50 lost.';
    expect(figureIn(text, '50').unit).toBe('count');
    expect(figureIn(text, '50').source).toBe('air force');
  });

  it('counts senators and lawmakers as people', () => {
    expect(figureIn('The upper house approved it with 172 senators voting in favour.', '172').unit).toBe('people');
  });

  it('"15 were "locationally lost"": an adverb may sit before the participle', () => {
    const text =
      'Russia launched 35 drones overnight, the air force said. It said 20 of the drones had been shot down, while 15 were "locationally lost".';
    expect(figureIn(text, '15').unit).toBe('count');
  });
});
