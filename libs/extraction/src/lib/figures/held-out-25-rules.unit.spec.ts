import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g265–g272 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('who gives a figure', () => {
  it('"our own data suggests" in a call transcript is the speaker\'s, not "data"', () => {
    const text = 'Lena Moss: Thanks, everyone. We sold 3.1 million kettles in the quarter, in a market that our own data suggests grew about 2%.';
    expect(figureIn(text, 'about 2', NOT_AFTER).source).toBe('Lena Moss');
  });

  it('"The agency\'s models suggest" credits the agency', () => {
    const text =
      "The Orbital Safety Agency tracks objects in low orbit. The agency's models suggest there are about 38,200 objects larger than a fist.";
    expect(figureIn(text, '38,200', NOT_AFTER).source).toMatch(/Orbital Safety Agency/);
  });

  it('a dateline with its country in brackets is where, not who; the wire in brackets is no citation', () => {
    const text =
      'SAN PEDRO DEL VALLE (Chile), Aug. 16, 2027 (AIN) - Nine people have died after a flood, the Regional Emergency Office (ORE) reported this Monday.\n\n' +
      'The office had put the death toll at seven late yesterday.';
    expect(figureIn(text, 'seven', NOT_AFTER).source).toMatch(/Regional Emergency Office/);
  });
});

describe('when a figure holds', () => {
  it('"Q4 2026 edition" and "autumn term 2026" in a header date the undated figures by the period\'s last month', () => {
    const note =
      'BRICKHOUSE RESEARCH\nCity Rents Monitor\nQ4 2026 edition\n\nPublished 8 February 2027\n\nThe average advertised rent is £1,190 a month.';
    expect(datedIn(note, '1,190', NOT_AFTER)).toEqual(['2026-12-01', 'month']);
    const bulletin =
      'Pupil absence in schools: autumn term 2026\n\nStatistical bulletin\nPublished: 18 March 2027\n\nThe overall absence rate was 6.1%, the department said.';
    expect(datedIn(bulletin, '6.1', NOT_AFTER)).toEqual(['2026-12-01', 'month']);
  });
});

describe('numbers in other notations and things that only look like figures', () => {
  it('"63,5 millimetres" is a decimal comma before a unit', () => {
    expect(figureIn('The station recorded 63,5 millimetres of rain, the weather service said.', '63,5').value).toBe(63.5);
  });

  it('footnote marks, an issue after a bar, a PO box, a slide, an age after a described person, an original headline', () => {
    expect(numberTexts('The absence rate was 6.6%, down from 7.0% a year earlier.[1][5]\n\n[1] Rates are of possible sessions.')).toEqual([
      '6.6',
      '7.0',
    ]);
    expect(numberTexts('ORBIT WEEKLY | Issue 212\n\nThe agency tracks 36,800 objects, it said.')).toEqual(['36,800']);
    expect(numberTexts('Write to Orbit Weekly, PO Box 4471, Bristol. The agency tracks 36,800 objects.')).toEqual(['36,800']);
    expect(numberTexts('Please see slide 2 for the 14.2 million units we shipped, the company said.')).toEqual(['14.2 million']);
    expect(numberTexts('Among the dead are a girl and her grandmother, 66, who were swept away; nine died in all, officials said.')).toEqual([
      'nine',
    ]);
    expect(numberTexts('Eleven people died, the agency said.\n\nTranslated by the desk. Original headline: "Deja 11 muertos la riada"')).toEqual([
      'Eleven',
    ]);
  });
});
