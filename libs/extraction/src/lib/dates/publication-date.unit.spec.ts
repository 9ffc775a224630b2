import { parseIso, toIso } from './calendar';
import { findPublicationDate } from './publication-date';

const published = (text: string): string | undefined => {
  const date = findPublicationDate(text);
  return date && toIso(date);
};

describe('publication date from the article header', () => {
  it.each([
    ['Date: 28/10/2024\nWhere: Kyiv\n\nBody.', '2024-10-28'],
    ['Headline\nPublished: 6 November 2024\n\nBody.', '2024-11-06'],
    ['Headline\nPublished On 6 Nov 2024\n\nBody.', '2024-11-06'],
    ['Headline\nFri 1 Nov 2024 05.00 GMT\n\nBody.', '2024-11-01'],
    ['Headline\nBy Jane Doe, October 30, 2024\n\nBody.', '2024-10-30'],
    ['Headline\nPublished 2024-11-20\n\nBody.', '2024-11-20'],
    // US outlets write month first; a 12-hour clock or a US zone gives it away.
    ['Headline\nBy Jane Doe\n11/06/2024 05:00 PM EST\n\nBody.', '2024-11-06'],
    ['Headline\nBy Jane Doe\n06/11/2024 17:00\n\nBody.', '2024-11-06'],
    ['Headline\nUpdated 7 November 2024\nPublished 6 November 2024\n\nBody.', '2024-11-06'],
  ])('%j', (text, iso) => {
    expect(published(text)).toBe(iso);
  });

  it('ignores dates inside the story', () => {
    expect(published('Headline\n\nOn 28 October 2024, officials said 3,000 troops had arrived in the region.')).toBeUndefined();
  });

  it.each([
    ['Headline\n\nKYIV, Nov 12, 2024 (Reuters) - Russia lost 1,950 soldiers.', '2024-11-12'],
    // Day first, as translated European copy writes it; a later date in the body does not displace it.
    ['Headline\n\nGENOA, 4 June 2025 – The port handled 12,000 containers, against a plan adopted on 9 January.', '2025-06-04'],
    // A yearless dateline takes the first year after the latest one the story names whose weekday it mentions.
    [
      'Headline\n\nKYIV, Nov 12 (Reuters) - The General Staff said on Tuesday that Russia has lost 713,000 troops since the February 2022 invasion.',
      '2024-11-12',
    ],
    ['Headline\n\nNov 20 (Reuters) - North Korea has shipped 13,000 containers since December 2023.', '2024-11-20'],
    [
      '(LEAD) Headline\n\nSEOUL, Nov. 27 (Yonhap) -- The spy agency said Wednesday that 11,000 troops were sent, up from 3,000 in 2023.',
      '2024-11-27',
    ],
    // The lead's weekday is the dateline's day: other weekdays the story names (a Tuesday before) do not pick the year.
    [
      'Headline\n\nSEOUL, Nov. 28 (Kyodo) -- The spy agency told lawmakers Thursday that 100 missiles were sent. It said in 2023 that shells were sent. On Tuesday, Russia said 9 vehicles were destroyed.',
      '2024-11-28',
    ],
    // ... or the day after it, across time zones ("Nov 13 (Reuters) - ... said on Tuesday").
    [
      'Headline\n\nNov 13 (Reuters) - The United States said on Tuesday that 10,000 troops were sent. In 2023, officials said on Monday that none were.',
      '2024-11-13',
    ],
  ])('reads a wire dateline: %j', (text, iso) => {
    expect(published(text)).toBe(iso);
  });

  it('leaves a yearless dateline undated when the story names no year', () => {
    expect(published('SEOUL, Nov. 27 (Yonhap) -- The spy agency said Wednesday that 11,000 troops were sent.')).toBeUndefined();
  });

  it('places a yearless dateline in a story naming no year by its weekday, no later than the day it is read', () => {
    const text = 'SEOUL, Nov. 20 (Yonhap) -- The JCS said Wednesday that 3,000 more troops were sent.';
    const read = (notAfter: string): string | undefined => {
      const date = findPublicationDate(text, parseIso(notAfter));
      return date && toIso(date);
    };
    expect(read('2026-12-03')).toBe('2024-11-20');
    expect(read('2024-11-21')).toBe('2024-11-20');
    // A place in two parts; the lead's event day ("on Saturday") is not the day it was said ("said on Monday").
    const twoPart =
      'LUGANO, Switzerland, Mar 9 (Reuters) - A rockfall that hit a hiking trail on Saturday injured 14 people, officials said on Monday.';
    const twoPartDay = findPublicationDate(twoPart, parseIso('2026-12-03'));
    expect(twoPartDay && toIso(twoPartDay)).toBe('2026-03-09');
    // No weekday to check against: no guess.
    expect(findPublicationDate('SEOUL, Nov. 20 (Yonhap) -- 3,000 more troops were sent.', parseIso('2026-12-03'))).toBeUndefined();
  });
});
