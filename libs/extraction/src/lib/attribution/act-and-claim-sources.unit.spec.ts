import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g76–g80 (scored before they were written; see the root README).
const credit = (text: string, fragment: string, publishedAt = '2026-05-14') => {
  const f = figureIn(text, fragment, { publishedAt });
  return { source: f.source, basis: f.sourceBasis, asOf: f.as_of };
};

describe('acts and claims credit their actor', () => {
  it("a court's own act after a wire dateline, with the day it acted", () => {
    const text = 'BERN, May 14, 2026 (Alpine Wire) - The Federal Court on Tuesday raised the fine to 3.1 million francs.';
    expect(credit(text, '3.1')).toMatchObject({ source: 'Federal Court', asOf: '2026-05-12' });
  });

  it('a claim: what a party sought or asked for is its own figure', () => {
    expect(credit('Prosecutors had sought a sentence of 12 years in prison for the broker.', '12').source).toBe('Prosecutors');
    expect(credit('Their lawyer, Ana Ruiz, had asked for 2 million pesos in damages.', '2 million').source).toBe('Ana Ruiz');
  });

  it('an actor in a later clause: "while the Red Cross has distributed 900 blankets and 40 tents"', () => {
    const text = 'About 300 residents slept in the school, while the Red Cross has distributed 900 blankets and 40 tents.';
    expect(credit(text, '900').source).toMatch(/Red Cross/);
    expect(credit(text, '40').source).toMatch(/Red Cross/);
    expect(credit(text, '300').source).toBe('article');
  });

  it("an act of the story itself is not a report: a country launching drones stays the article's", () => {
    expect(credit('Russia launched 120 drones overnight.', '120').source).toBe('article');
  });

  it('"the ministry plans a deficit of 2.9%" credits the planner; "plans to spend" does not', () => {
    expect(credit('The finance ministry plans a deficit of 2.9% of GDP.', '2.9').source).toMatch(/finance ministry/);
    expect(credit('The town plans to spend 40 million on roads, according to its draft budget.', '40').source).not.toBe('The town');
  });
});

describe('who says it, in other shapes', () => {
  it('"..., informed today the mayor X" names the speaker after the verb; "According to him" goes on with him', () => {
    const text =
      'The storm has left 52 homes without roofs, informed today the mayor Ivan Petrov.\n\nAccording to him, repairs will cost 300 thousand euro.';
    expect(credit(text, '52').source).toMatch(/Ivan Petrov/);
    expect(credit(text, '300').source).toMatch(/Ivan Petrov/);
  });

  it('"the ruling said" is the court that ruled', () => {
    const text = 'The Supreme Court on Monday upheld the ban.\n\nThe airline must refund 4,100 passengers, the ruling said.';
    expect(credit(text, '4,100').source).toMatch(/Supreme Court/);
  });

  it('"the clubs said in a joint statement" credits the clubs', () => {
    expect(credit('The seller will receive 20 per cent of any future fee, the clubs said in a joint statement.', '20').source).toMatch(/clubs/);
  });
});

describe('numbers and dates', () => {
  it('"between 1% and 3%" is one range', () => {
    const f = figureIn('Analysts expect prices to rise by between 1% and 3% next year.', '1%', { publishedAt: '2026-05-14' });
    expect(f).toMatchObject({ qualifier: 'range', low: 1, high: 3, unit: 'percent' });
  });

  it('"a five-year contract" is how long, not a figure', () => {
    expect(extractFigures('He signed a five-year contract worth £90,000 a week.', { publishedAt: '2026-05-14' }).map((f) => f.numberText)).toEqual([
      '£90,000',
    ]);
  });

  it("a restrictive relative clause's day dates the subject's event, not the present perfect after it", () => {
    expect(credit('The fire which broke out on Sunday has destroyed 41 homes, officials said.', '41').asOf).toBe('2026-05-14');
  });

  it('"The court heard that ..." and a passive sanction ("was fined") credit the court; a closing ", the jury heard" is left to the article', () => {
    const text = 'A landlord was jailed at Dunmore Crown Court. The court heard that he had collected £96,000 in rent from 31 tenants.';
    expect(credit(text, '£96,000').source).toBe('court');
    expect(credit('The van held 4,000 cigarettes, the jury heard.', '4,000').source).toBe('article');
    expect(credit('The builder was fined £12,000 and ordered to pay £3,400 in costs.', '£12,000').source).toBe('court');
    expect(credit('The builder was fined £12,000 and ordered to pay £3,400 in costs.', '£3,400').source).toBe('court');
  });

  it('"She ordered him to pay £9,000" credits whoever she is, as "she said" would', () => {
    const text = 'Judge Mary Okoro dismissed the appeal. She ordered the landlord to pay £9,000 in damages.';
    expect(credit(text, '£9,000').source).toBe('Judge Mary Okoro');
    expect(credit('Judge Mary Okoro dismissed the appeal. She was one of 58 judges in the district.', '58').source).toBe('article');
  });

  it('a revision "after late data from X" is the reviser\'s, not X\'s; "after data from X showed" is X\'s', () => {
    const text = 'Kestrel Analytics quietly revised its spring figure to 41.2 million units after late data from Korean suppliers.';
    expect(credit(text, '41.2').source).toBe('Kestrel Analytics');
    expect(credit('Shares fell after data from the Statistics Bureau showed prices up 3.1%.', '3.1').source).toBe('Statistics Bureau');
  });

  it('a firm placing a figure is its source: "Corvid gives Nokia a 12% share", "Lumen has Oppo at 9%", "splits the difference at"', () => {
    expect(credit('Corvid Research gives Nokia a 12% share of the market.', '12').source).toBe('Corvid Research');
    expect(credit('Lumen has Oppo lower, at 9%, in its count.', '9').source).toBe('Lumen');
    expect(credit('Halden Data splits the difference at nearly 48 million.', '48 million').source).toBe('Halden Data');
    expect(credit('The school has Year 9 at 30 pupils.', '30').source).toBe('article');
  });
});
