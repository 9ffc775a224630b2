import { figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g289–g296 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

describe('dates told in words', () => {
  it('"Wednesday the third of March 2027" in a podcast\'s opening line dates the episode', () => {
    const text =
      'STREETWISE - Episode 12: "Are buses faster?"\nTranscript\n\nNINA: Hello and welcome. It\'s Wednesday the third of March 2027, and today we ask about buses.\n\nOLA: We counted 4,100 passengers.';
    expect(findPublicationDate(text)).toEqual({ y: 2027, m: 3, d: 3 });
  });

  it('"on the twenty-first of June" is a date', () => {
    expect(figureIn('On the twenty-first of June 2026 the council counted 640 cyclists, it said.', '640').as_of).toBe('2026-06-21');
  });
});

describe('who gives a figure', () => {
  it('a business\'s own results: "X carried 1.924 million TEU"', () => {
    expect(figureIn('Nordhavn Container Line carried 1.924 million TEU in the fourth quarter.', '1.924').source).toBe('Nordhavn Container Line');
  });
});

describe('shares and things that only look like figures', () => {
  it('"one high-speed train in three" is a share', () => {
    expect(figureIn('Only one high-speed train in three is running, the operator said.', 'in three').value).toBe(33.3);
  });

  it("addresses with a building letter and their postcode, opening hours, a wire's date-time group, labels and an age threshold", () => {
    expect(numberTexts('Address: Kuninkaankatu 11 B, 33210 Tampere. The museum had 4,100 visitors, it said.')).toEqual(['4,100']);
    expect(numberTexts('The museum is open Tuesday to Sunday 10-18 and had 4,100 visitors, it said.')).toEqual(['4,100']);
    expect(numberTexts('About 600 firefighters were at work, the prefecture said.\n\nAMP 141830 AUG 2026')).toEqual(['About 600']);
    expect(numberTexts('The slide came down near mile marker 37 and stranded 31 vehicles, police said.')).toEqual(['31']);
    expect(numberTexts('The metro operator says Lines 1 and 14 run, and 40% of buses.')).toEqual(['40']);
    expect(numberTexts('Young persons under 18 years enter free; 38,000 did so, the museum said.')).toEqual(['38,000']);
  });
});
