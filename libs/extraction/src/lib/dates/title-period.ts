import { monthNumber, toIso } from './calendar';
import type { AsOf } from './find-as-of';

/** A whole year or a month the text names, dated as periods are (a year by its first day, a month by its first). */
export const yearOf = (y: number | string): AsOf => ({ as_of: `${y}-01-01`, datePrecision: 'year', dateBasis: 'explicit' });
export const monthOf = (y: number, m: number): AsOf => ({ as_of: toIso({ y, m, d: 1 }), datePrecision: 'month', dateBasis: 'explicit' });

// "MONTHLY CLIMATE SUMMARY - NOVEMBER 2026": a periodic document's title names the month its figures cover. (A span of
// months in a heading, "Six-month usage report: April to September 2026", is headingPeriod's, in reference-period.ts.)
const TITLE_MONTH =
  /^[^\n]{0,80}?\b(?:summary|report|bulletin|review|statistics|update|SUMMARY|REPORT|BULLETIN|REVIEW|STATISTICS|UPDATE)[ \t]*[-–—:|][ \t]*([A-Za-z]{3,9})[ \t]+((?:19|20)\d{2})[ \t]*$/m;
/** How far into the text the title may stand. */
const TITLE_CHARS = 400;

/** The month (and its year) a periodic document's title names, when it names one ("Week 48 2026" names none). */
export const titlePeriod = (text: string): { y: number; m: number } | undefined => {
  const title = TITLE_MONTH.exec(text.slice(0, TITLE_CHARS));
  const m = title ? monthNumber(title[1] ?? '') : 0;
  return title && m ? { y: Number(title[2]), m } : undefined;
};

// "Statistical bulletin: Reported road casualties, annual report 2025", "Official Statistics: Waiting Times, October 2026": a
// statistical release's title names the period its undated figures cover.
const RELEASE_TITLE =
  /^[^\n]{0,40}\b(?:Statistical\s+(?:[Bb]ulletin|[Rr]elease)|Official\s+[Ss]tatistics|OFFICIAL\s+STATISTICS)\b[^\n]*?[\s,:]((?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)?\s*((?:19|20)\d{2})[ \t]*$/m;
// "Homefinder House Price Index - November 2026", "Regional Jobs Tracker: October 2026": an index's or survey's title line.
// "Monthly external trade briefing - January 2027 data": a briefing's title names the month its figures cover.
const DATA_TITLE =
  /^[^\n]{0,60}[-–—:|,][ \t]*((?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)?[ \t]*((?:19|20)\d{2})[ \t]+(?:data|figures|statistics)[ \t]*$/m;
const INDEX_TITLE =
  /^[^\n]{0,60}\b(?:Index|Survey|Monitor|Tracker|Barometer)[ \t]*[-–—:|,][ \t]*((?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)?[ \t]*((?:19|20)\d{2})[ \t]*$/m;
// "Q4 2026 edition", "Pupil absence in schools: autumn term 2026": a quarter or a school term ending a header line, dated
// (as periods are) by its last month.
// "FIRST QUARTER 2027 (JANUARY - MARCH)", a quarterly report's heading, likewise.
const QUARTER_OR_TERM =
  /(?:^|[\s,:–-])(?:Q([1-4])|(autumn|spring|summer)\s+term|(first|second|third|fourth)\s+quarter(?:\s+of)?)\s+((?:19|20)\d{2})(?:\s+(?:edition|report|update|review))?(?:\s*\([A-Za-z -–]{3,30}\))?[ \t]*$/i;
export const QUARTER_WORDS = ['first', 'second', 'third', 'fourth'];
const TERM_END: Record<string, number> = { autumn: 12, spring: 3, summer: 7 };
const quarterOrTerm = (text: string): AsOf | undefined => {
  for (const line of text.slice(0, 300).split('\n').slice(0, 6)) {
    const m = line.length <= 100 ? QUARTER_OR_TERM.exec(line) : null;
    const quarter = m ? (m[1] ? Number(m[1]) : QUARTER_WORDS.indexOf((m[3] ?? '').toLowerCase()) + 1) : 0;
    const month = m ? (quarter ? quarter * 3 : (TERM_END[(m[2] ?? '').toLowerCase()] ?? 0)) : 0;
    if (m && month) return monthOf(Number(m[4]), month);
  }
  return undefined;
};
export const releaseTitlePeriod = (text: string): AsOf | undefined => {
  const quarter = quarterOrTerm(text);
  if (quarter) return quarter;
  const m =
    RELEASE_TITLE.exec(text.slice(0, 300)) ?? INDEX_TITLE.exec(text.slice(0, 300)) ?? DATA_TITLE.exec(text.slice(0, 300)) ?? markedTitle(text);
  if (!m) return undefined;
  const month = m[1] ? monthNumber(m[1]) : undefined;
  return month ? monthOf(Number(m[2]), month) : yearOf(m[2]);
};

// "OFFICIAL STATISTICS" or "Statistical release" on a line of its own above the title "Hospital waiting times: February 2027".
const RELEASE_MARK =
  /^[ \t]*(?:Official\s+[Ss]tatistics|OFFICIAL\s+STATISTICS|Statistical\s+(?:[Bb]ulletin|[Rr]elease)|STATISTICAL\s+(?:BULLETIN|RELEASE))[ \t]*$/m;
const MONTH_TITLE =
  /^[^\n]{3,100}?[:,–-][ \t]*((?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)?[ \t]*((?:19|20)\d{2})[ \t]*$/m;
const markedTitle = (text: string): RegExpExecArray | null => {
  const top = text
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 6)
    .join('\n');
  return RELEASE_MARK.test(top) ? MONTH_TITLE.exec(top) : null;
};
