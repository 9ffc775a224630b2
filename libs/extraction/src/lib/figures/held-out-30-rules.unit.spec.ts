import { figureIn } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g305–g312 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('numbers and dates in continental and wire forms', () => {
  it('a wire stamp in capitals, "MNW 04-FEB-2027 12:19:07 GMT", gives the yearless dateline its year', () => {
    const text = 'LONDON, Feb 4 (Meridian Newswire) - The bank cut its rate to 3.25%, it said.\n\nMNW 04-FEB-2027 12:19:07 GMT';
    expect(findPublicationDate(text, { y: 2031, m: 1, d: 1 })).toEqual({ y: 2027, m: 2, d: 4 });
  });

  it('"1.742.300, an increase of 2,1%": thousands dots before a comma', () => {
    expect(figureIn('Overnight stays grew less: 1.742.300, an increase of 2,1%, the observatory said.', '1.742.300').value).toBe(1742300);
  });
});

describe('who gives a figure', () => {
  it('"23 hurt" in a headline is people, a repeat of the body\'s credited figure', () => {
    const text =
      'Bus crash: 23 hurt as police and operator disagree\n\nTwenty-three people were hurt when a bus hit a van last night, police said this afternoon.';
    const figure = figureIn(text, 'Twenty-three', NOT_AFTER);
    expect(figure.source).toMatch(/police/i);
    expect(figure.otherMentions).toEqual([text.indexOf('23')]);
  });

  it('an opinion piece\'s first person is its author: "By my calculation"', () => {
    const text =
      'COMMENT\n\nThe poverty numbers ministers would rather you read differently\n\nBy Dr Helen Marsh\n\n' +
      'The department says 200,000 fewer children are poor. By my calculation that is a fall of 110,000.';
    expect(figureIn(text, '110,000', NOT_AFTER).source).toBe('Helen Marsh');
  });
});
