import fc from 'fast-check';
import { bounds, figureIn, numberTexts } from '../__fixtures__/find-figure';
import { extractFigures } from './extract-figures';

describe('extractFigures', () => {
  it('returns every field the ledger needs', () => {
    const text = "Date: 28/10/2024\n\nSeoul's spy agency said about 3,000 North Korean troops are training in Russia.";
    expect(extractFigures(text)).toEqual([
      {
        value: 3000,
        qualifier: 'approximately',
        unit: 'troops',
        noun: 'troops',
        evidence: 'lexicon',
        metric: 'north_korean_troops_in_russia',
        source: "Seoul's spy agency",
        sourceBasis: 'direct',
        quote: "Seoul's spy agency said about 3,000 North Korean troops are training in Russia",
        quoteOffset: 18,
        numberText: 'about 3,000',
        offset: 42,
        numberOffset: 48,
        as_of: '2024-10-28',
        datePrecision: 'day',
        dateBasis: 'published',
        confidence: expect.any(Number),
        vague: false,
      },
    ]);
  });

  it('quotes the clause, not the dated lead-in or a contrasting clause', () => {
    const f = figureIn('On 25/10/2024, Dutch intelligence confirmed that up to 1,500 troops were sent, though their role is unclear.', '1,500');
    expect(f.quote).toBe('Dutch intelligence confirmed that up to 1,500 troops were sent');
  });

  it('keeps quotes and number texts verbatim at their offsets, whatever the prose', () => {
    const sentence = fc.constantFrom(
      'Kyiv says about 11,000 North Korean troops are in Kursk.',
      '“We count up to 1,500 soldiers,” said Mr Kim.',
      'On 28/10/2024, NATO said 3,000 troops\u00a0had arrived.',
      'The ministry estimates Rbs3mn ($31,000) per recruit; others say 1.28m.',
      'Between 8 and 10 years of service — roughly 600 sq km — tens of thousands of men.',
      'Photo: a 2023 parade\r\n',
      'Ukraine’s army, citing radio intercepts, said 2,500 of the troops had moved.',
    );
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '\n', '\n\n', '\r\n'), (parts, glue) => {
        const text = parts.join(glue);
        for (const f of extractFigures(text)) {
          expect(text.slice(f.quoteOffset, f.quoteOffset + f.quote.length)).toBe(f.quote);
          expect(text.slice(f.offset, f.offset + f.numberText.length)).toBe(f.numberText);
          expect(f.offset).toBeGreaterThanOrEqual(f.quoteOffset);
          expect(f.confidence).toBeGreaterThan(0);
          expect(f.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('copes with synonym-mangled wording', () => {
    const text =
      "Kyiv's spooks reckon that somewhere north of 11,000 of Pyongyang's servicemen have been shipped across, a tally that western officials, for their part, say is closer to 10,000.";
    const [a, b] = extractFigures(text);
    expect(a && bounds(a)).toEqual({ low: 11000, qualifier: 'more_than' });
    expect(a?.unit).toBe('troops');
    expect(b && bounds(b)).toEqual({ value: 10000, qualifier: 'approximately' });
    expect(b?.source).toBe('western officials');
  });

  it('folds the article repeating a credited figure into the credited mention', () => {
    const text = 'North Korea sends 10,000 troops to Russia\n\nThe Pentagon said North Korea had sent 10,000 troops to Russia.';
    const figures = extractFigures(text);
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ source: 'Pentagon', otherMentions: [18] });
  });

  it('folds a headline figure into the body figure it summarises, whatever the headline says about the source', () => {
    const text =
      "North Korea has sent 1,500 special forces to Russia, Seoul says\n\nSouth Korea's spy agency said about 1,500 special forces had left.";
    const figures = extractFigures(text);
    expect(figures.map((f) => [f.numberText, f.source, f.otherMentions])).toEqual([['about 1,500', "South Korea's spy agency", [21]]]);
  });

  it('folds a bulleted "by the numbers" recap into the body figure with the same credit, whatever qualifier or date it drops', () => {
    const text =
      "Syrskyi said in early November that Kyiv held about 800 sq km. The Russian Ministry of Defence claims Ukraine has lost more than 33,000 soldiers.\n\nBY THE NUMBERS\n\n- 800 sq km: territory held by Ukraine, according to Syrskyi\n- 33,000: Ukrainian soldiers lost, according to Russia's defence ministry";
    const figures = extractFigures(text);
    expect(figures.map((f) => [f.numberText, f.otherMentions?.length])).toEqual([
      ['about 800', 1],
      ['more than 33,000', 1],
    ]);
  });

  it('folds a headline bullet rounding a body figure ("near 720,000" over 719,580) into it', () => {
    const text =
      'Key developments:\n\n- Russian casualties near 720,000, General Staff reports\n\nRussia has lost 719,580 troops, the General Staff reported.';
    const figures = extractFigures(text);
    expect(figures.map((f) => [f.numberText, f.otherMentions?.length])).toEqual([['719,580', 1]]);
  });

  it('keeps a bulleted figure that no body figure with the same credit states', () => {
    const text = 'The Pentagon said 10,000 troops had arrived.\n\n- 10,000: troops in Russia, according to Seoul';
    expect(extractFigures(text)).toHaveLength(2);
  });

  it('credits list items to the lead-in that introduces them, as of its date', () => {
    const text = 'The General Staff reported on 1 November 2024 that Russia had lost:\n- 9,402 tanks\n- 19,221 armoured fighting vehicles';
    expect(extractFigures(text).map((f) => [f.value, f.unit, f.source, f.as_of])).toEqual([
      [9402, 'count', 'General Staff', '2024-11-01'],
      [19221, 'count', 'General Staff', '2024-11-01'],
    ]);
  });

  it('reads a rate past a bracketed conversion', () => {
    const figures = extractFigures('Each soldier is paid $2,000 (£1,540) a month.');
    expect(figures.map((f) => [f.unit, f.rateOf, f.conversion ?? false])).toEqual([
      ['per_month', 'usd', false],
      ['per_month', 'gbp', true],
    ]);
  });

  it('keeps the same number credited to two sources as two figures (corroboration)', () => {
    const text = 'Seoul said 10,000 troops had arrived. Kyiv also said 10,000 troops had arrived.';
    expect(extractFigures(text).map((f) => f.source)).toEqual(['Seoul', 'Kyiv']);
  });

  it('marks currency conversions', () => {
    const text = 'Recruits get Rbs3mn ($31,000) each.';
    expect(extractFigures(text).map((f) => [f.unit, f.conversion ?? false])).toEqual([
      ['rub', false],
      ['usd', true],
    ]);
  });

  it('is less confident about bare numbers and number words without a noun than counted ones', () => {
    const counted = figureIn('The Pentagon says 10,000 North Korean troops are in Russia.', '10,000');
    const bare = figureIn('The code was 4417 at the time, officials said.', '4417');
    const word = figureIn('Rescuers said seven were found near the river.', 'seven');
    expect(counted.confidence).toBeGreaterThan(0.9);
    expect(bare.confidence).toBeLessThan(counted.confidence);
    expect(word.confidence).toBeLessThan(counted.confidence);
  });

  it('finds nothing in text without figures', () => {
    expect(extractFigures('')).toEqual([]);
    expect(numberTexts('Nato called it a dangerous escalation in 2024.')).toEqual([]);
  });
});
