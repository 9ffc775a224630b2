import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g68–g71 (scored before they were written; see the root README).
const credit = (text: string, fragment: string, publishedAt = '2026-02-26') => {
  const f = figureIn(text, fragment, { publishedAt });
  return { source: f.source, basis: f.sourceBasis, asOf: f.as_of };
};

describe('who reports a data release', () => {
  it('"according to operative data of the Ministry" credits the Ministry', () => {
    expect(credit('According to operative data of the Ministry, 2.1 million hectares were harvested.', '2.1').source).toBe('Ministry');
  });

  it('"Police recorded N, the statistics office said": the speaker reports what the counter counted', () => {
    const text = 'Police recorded 6.7 million crimes in the year to September 2025, the Office for National Statistics said on Thursday.';
    expect(credit(text, '6.7').source).toBe('Office for National Statistics');
  });

  it("a release's later unattributed figures come from it and cover its period; another source's statement does not", () => {
    const text =
      'Police recorded 6.7 million crimes in the year to September 2025, the Office for National Statistics said on Thursday.\n\n' +
      'Burglaries fell by 8% to about 205,000, the lowest level since records began.\n\n' +
      'The Home Office said the number of police officers had risen to 149,800.\n\n' +
      'Only 6.4% of crimes resulted in a charge, the ONS said.';
    expect(credit(text, '205,000')).toMatchObject({ source: 'Office for National Statistics', basis: 'carried', asOf: '2025-09-01' });
    expect(credit(text, '149,800')).toMatchObject({ source: 'Home Office', asOf: '2026-02-26' });
    // "ONS" is the release's own source, by its initials.
    expect(credit(text, '6.4').asOf).toBe('2025-09-01');
  });

  it('"the national power company" does not mean an airline named before it', () => {
    const text = 'Airline Icelandair says 38 flights were cancelled. The national power company said 1,500 homes were without electricity.';
    expect(credit(text, '1,500').source).toBe('national power company');
  });
});

describe('which day a figure holds', () => {
  it('a sentence naming two days dates its figures, not the statement that follows', () => {
    const text =
      'The airport scrapped 214 departures on Saturday and 187 on Sunday, operator Fraport said. Some 46,000 passengers had been affected, it added.';
    expect(credit(text, '46,000', '2026-06-22').asOf).toBe('2026-06-22');
  });

  it("a second that-clause does not take the first clause's date; the day of the saying dates both", () => {
    const fixed = 'Aerodesk said the fault had been fixed late on Sunday and that 95% of systems were working again.';
    expect(credit(fixed, '95', '2026-06-22').asOf).toBe('2026-06-22');
    const told = 'The chief told reporters on June 19 that 11,000 troops were there and that up to 50,000 were nearby.';
    expect(credit(told, '50,000', '2026-06-22').asOf).toBe('2026-06-19');
  });

  it('"until 1 September" ends a cumulative count on that day; "will stay closed until" does not', () => {
    expect(credit('Until 1 September the grain was harvested from 2.1 million hectares.', '2.1', '2026-09-03').asOf).toBe('2026-09-01');
    expect(credit('The road, used by 4,000 cars a day, will stay closed until 1 October.', '4,000', '2026-09-03').asOf).toBe('2026-09-03');
  });

  it('the base of a comparison is not when the figure holds', () => {
    const text = 'Comparing with the same date of previous year, the harvested area is bigger for 6 percent.';
    expect(credit(text, '6', '2026-09-03').asOf).toBe('2026-09-03');
  });
});
