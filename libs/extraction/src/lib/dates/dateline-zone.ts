import type { DateBasis, DateBasisKind } from '../types';
import { isValidYmd, type YMD } from './calendar';
import { DATELINE_ZONES, ZONE_ABBREVIATIONS } from './zone-data';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?';
// "SEOUL, Nov. 3 (Yonhap) --", "KYIV, Ukraine (AP) —", "KYIV —": the place a story is datelined from, opening its body.
const DATELINE_PLACE = new RegExp(
  `^\\s*([A-Z][A-Za-z.'’ -]{1,30}?)\\s*(?:,\\s+[A-Z][A-Za-z.]*(?:\\s[A-Z][A-Za-z.]*)?)?(?:,\\s+${MONTH}\\s+\\d{1,2}(?:,?\\s+(?:19|20)\\d{2})?)?\\s*(?:\\([A-Za-z][\\w .&'’-]{0,30}\\)\\s*)?(?:-{1,2}|–|—)\\s`,
);
// "By Jane Doe in Seoul": a byline naming where it was filed from.
const BYLINE_PLACE = /^\s*By\s+[^,\n]{2,60}?\s+in\s+([A-Z][A-Za-z.'’ -]{1,30}?)\s*$/;
// "2024-11-02T22:30:00Z", "2024-11-02T22:30+09:00".
const ISO_INSTANT = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})\b/;
// "22:30 GMT", "10:30 PM EST", "23.10 CET", "15:00 GMT+2", "10:30 a.m. EDT".
const CLOCK_WITH_ZONE = /\b(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?\s*\(?\b([A-Z]{1,5})\b(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?/gi;

/** The zone of the place the story is datelined or filed from, when it is a known place. */
export const datelineZone = (lines: readonly string[]): string | undefined => {
  for (const line of lines) {
    const place = DATELINE_PLACE.exec(line)?.[1] ?? BYLINE_PLACE.exec(line)?.[1];
    const zone =
      place === undefined
        ? undefined
        : DATELINE_ZONES[
            place
              .trim()
              .toLowerCase()
              .replace(/[.’']+$/, '')
          ];
    if (zone) return zone;
  }
  return undefined;
};

/**
 * The instant a header line states, as epoch milliseconds: a date together with a clock time and a zone or offset
 * ("Published 2 November 2024, 22:30 GMT", "2024-11-02T22:30:00Z"). A time without a zone is no instant.
 */
export const statedInstant = (line: string, date: YMD): number | undefined => {
  const iso = ISO_INSTANT.exec(line);
  if (iso) {
    const day = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
    return isValidYmd(day) ? instantOf(day, Number(iso[4]), Number(iso[5]), offsetMinutes(iso[6] as string)) : undefined;
  }
  // The first clock time followed by a zone the table knows, written in capitals ("at 10:30 on" is no zone).
  const clock = [...line.matchAll(CLOCK_WITH_ZONE)].find((c) => ZONE_ABBREVIATIONS[c[4] as string] !== undefined);
  if (!clock) return undefined;
  const base = ZONE_ABBREVIATIONS[clock[4] as string] as number;
  let hour = Number(clock[1]);
  const minute = Number(clock[2]);
  const meridiem = clock[3]?.toLowerCase().replace(/\./g, '');
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  const extra =
    clock[5] && (clock[4] === 'GMT' || clock[4] === 'UTC') ? (clock[5] === '-' ? -1 : 1) * (Number(clock[6]) * 60 + Number(clock[7] ?? 0)) : 0;
  return instantOf(date, hour, minute, base + extra);
};

/** The calendar day an instant falls on in an IANA zone, by the platform's time-zone data. */
export const localDay = (instant: number, zone: string): YMD => {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    new Date(instant),
  );
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { y: part('year'), m: part('month'), d: part('day') };
};

const offsetMinutes = (s: string): number => {
  if (s === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};

// A wall-clock time at a fixed offset is UTC minus the offset; the zone rules themselves are the platform's.
const instantOf = (date: YMD, hour: number, minute: number, offset: number): number | undefined =>
  hour > 23 || minute > 59 ? undefined : Date.UTC(date.y, date.m - 1, date.d, hour, minute) - offset * 60_000;

/** A relative or publication day's basis, naming the zone the publication day was taken in. */
export const zonedBasis = (basis: DateBasis, zone: string | undefined): DateBasis =>
  zone !== undefined && (basis === 'relative' || basis === 'published') ? `${basis}@${zone}` : basis;

/** The kind of a basis, without the zone: `relative@Asia/Seoul` is `relative`. */
export const basisKind = (basis: DateBasis): DateBasisKind | null => (basis === null ? null : (basis.split('@')[0] as DateBasisKind));
