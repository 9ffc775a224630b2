import { extractFigures } from '../extract-figures';
import { datelineZone, localDay, statedInstant } from './dateline-zone';
import { findPublication } from './publication-date';

const story = (stamp: string, dateline: string): string =>
  `Flood shelters fill up in the lowlands\n\nBy Mira Okafor\n${stamp}\n\n${dateline} Rescue crews evacuated 1,200 residents yesterday, the disaster agency said.\n\nThe agency said schools would stay closed.\n`;

const dated = (text: string, options = {}): { as_of: string | null; dateBasis: string | null } => {
  const figure = extractFigures(text, options).find((f) => f.numberText === '1,200');
  if (!figure) throw new Error('the 1,200 evacuated residents were not extracted');
  return { as_of: figure.as_of, dateBasis: figure.dateBasis };
};

describe('relative dates in the dateline place zone', () => {
  it('a Seoul story stamped late in the GMT day: its "yesterday" is a day later than in UTC', () => {
    const seoul = story('Published 2 November 2024, 22:30 GMT', 'SEOUL (Yonhap) --');
    expect(findPublication(seoul)).toEqual({ date: { y: 2024, m: 11, d: 3 }, zone: 'Asia/Seoul' });
    expect(dated(seoul)).toEqual({ as_of: '2024-11-02', dateBasis: 'relative@Asia/Seoul' });
    // The same stamp with a place the table does not know: the UTC day, as before.
    expect(dated(story('Published 2 November 2024, 22:30 GMT', 'TIMBUKTU --'))).toEqual({ as_of: '2024-11-01', dateBasis: 'relative' });
  });

  it('a New York story stamped early in the UTC day: its "yesterday" is a day earlier', () => {
    const newYork = story('Published 2024-11-03T02:15:00Z', 'NEW YORK (AP) —');
    expect(findPublication(newYork)?.zone).toBe('America/New_York');
    expect(dated(newYork)).toEqual({ as_of: '2024-11-01', dateBasis: 'relative@America/New_York' });
    expect(dated(story('Published 2024-11-03T02:15:00Z', 'Flood waters rose —'))).toEqual({ as_of: '2024-11-02', dateBasis: 'relative' });
  });

  it('reads an ISO instant with an offset, a 12-hour clock with a US zone and a dotted date with CET', () => {
    expect(dated(story('Posted: 2024-11-02T23:40:00+01:00', 'KYIV, Ukraine (AP) —'))).toEqual({
      as_of: '2024-11-02',
      dateBasis: 'relative@Europe/Kyiv',
    });
    expect(dated(story('Nov 2, 2024 10:30 PM EST', 'LONDON (Reuters) -'))).toEqual({ as_of: '2024-11-02', dateBasis: 'relative@Europe/London' });
    expect(dated(story('Updated 02.11.2024 23:10 CET', 'Kyiv —'))).toEqual({ as_of: '2024-11-02', dateBasis: 'relative@Europe/Kyiv' });
    // Without the place, each is the stamped calendar day's "yesterday".
    expect(dated(story('Nov 2, 2024 10:30 PM EST', 'Flood waters rose -'))).toEqual({ as_of: '2024-11-01', dateBasis: 'relative' });
  });

  it('leaves the day alone without a time with a zone', () => {
    expect(dated(story('Published 2 November 2024', 'SEOUL (Yonhap) --'))).toEqual({ as_of: '2024-11-01', dateBasis: 'relative' });
    // A clock time without a zone is no instant.
    expect(dated(story('Published 2 November 2024, 22:30', 'SEOUL (Yonhap) --'))).toEqual({ as_of: '2024-11-01', dateBasis: 'relative' });
    // A timed "Updated" line does not time the untimed "Published" one.
    expect(findPublication(story('Published 2 November 2024\nUpdated 2 November 2024, 23:30 GMT', 'SEOUL (Yonhap) --'))).toEqual({
      date: { y: 2024, m: 11, d: 2 },
    });
  });

  it('keeps a dateline that states its own day, giving it the stamp year', () => {
    const text = story('Published 2 November 2024, 22:30 GMT', 'SEOUL, Nov. 3 (Yonhap) --');
    expect(findPublication(text)).toEqual({ date: { y: 2024, m: 11, d: 3 }, zone: 'Asia/Seoul' });
    expect(dated(text)).toEqual({ as_of: '2024-11-02', dateBasis: 'relative@Asia/Seoul' });
  });

  it('an explicit publication date still wins over the header', () => {
    expect(dated(story('Published 2 November 2024, 22:30 GMT', 'SEOUL (Yonhap) --'), { publishedAt: '2024-11-02' })).toEqual({
      as_of: '2024-11-01',
      dateBasis: 'relative',
    });
  });

  it('notes the zone on figures dated by the publication day itself', () => {
    const text = `Shelters open\nPublished 2 November 2024, 22:30 GMT\n\nSEOUL (Yonhap) -- The agency said 3,400 people are staying in shelters.\n`;
    const figure = extractFigures(text).find((f) => f.numberText === '3,400');
    expect(figure).toMatchObject({ as_of: '2024-11-03', dateBasis: 'published@Asia/Seoul' });
  });
});

describe('dateline zone pieces', () => {
  it('finds the place of a wire dateline or a byline', () => {
    expect(datelineZone(['Headline', 'SEOUL, Nov. 3 (Yonhap) -- Text'])).toBe('Asia/Seoul');
    expect(datelineZone(['WASHINGTON, D.C. (AP) — Text'])).toBe('America/New_York');
    expect(datelineZone(['By Jane Doe in Buenos Aires'])).toBe('America/Argentina/Buenos_Aires');
    expect(datelineZone(['Atlantis (AP) — Text', 'The council said on Monday that 12 people — all adults — left.'])).toBeUndefined();
  });

  it('reads instants with the zone tables, and none without a zone', () => {
    const day = { y: 2024, m: 11, d: 2 };
    expect(statedInstant('Published 2 November 2024, 22:30 GMT', day)).toBe(Date.UTC(2024, 10, 2, 22, 30));
    expect(statedInstant('Nov 2, 2024 10:30 PM EST', day)).toBe(Date.UTC(2024, 10, 3, 3, 30));
    expect(statedInstant('Updated 4:17 PM GMT+1, November 2, 2024', day)).toBe(Date.UTC(2024, 10, 2, 15, 17));
    expect(statedInstant('2024-11-02T22:30:00-05:00', day)).toBe(Date.UTC(2024, 10, 3, 3, 30));
    expect(statedInstant('Published 2 November 2024 at 10:30 on the hour', day)).toBeUndefined();
    expect(statedInstant('Published 2 November 2024, 10:30 est', day)).toBeUndefined();
  });

  it('takes the local day from the platform time-zone data, summer time included', () => {
    expect(localDay(Date.UTC(2024, 10, 2, 22, 30), 'Asia/Seoul')).toEqual({ y: 2024, m: 11, d: 3 });
    // 03:30 UTC on 15 July is 23:30 EDT the day before; in January, 22:30 EST.
    expect(localDay(Date.UTC(2024, 6, 15, 3, 30), 'America/New_York')).toEqual({ y: 2024, m: 7, d: 14 });
    expect(localDay(Date.UTC(2024, 0, 1, 4, 30), 'America/New_York')).toEqual({ y: 2023, m: 12, d: 31 });
  });
});
