import { monthNumber } from './calendar';

// "MONTHLY CLIMATE SUMMARY - NOVEMBER 2026", "Six-month usage report: April to September 2026": a periodic document's title
// names the month (or the months) its figures cover, dated by the last.
const MONTH = String.raw`([A-Za-z]{3,9})`;
const TITLE_PERIOD = new RegExp(
  String.raw`^[^\n]{0,80}?\b(?:summary|report|bulletin|review|statistics|update|SUMMARY|REPORT|BULLETIN|REVIEW|STATISTICS|UPDATE)[ \t]*[-–—:|][ \t]*(?:${MONTH}[ \t]+(?:to|-|–)[ \t]+)?${MONTH}[ \t]+((?:19|20)\d{2})[ \t]*$`,
  'm',
);
/** How far into the text the title may stand. */
const TITLE_CHARS = 400;

/** The last month (and its year) a periodic document's title names, when it names one. */
export const titlePeriod = (text: string): { y: number; m: number } | undefined => {
  const title = TITLE_PERIOD.exec(text.slice(0, TITLE_CHARS));
  const m = title ? monthNumber(title[2] ?? '') : 0;
  const from = title?.[1] ? monthNumber(title[1]) : 0;
  // (Both words must be months: "Weekly update - Week 48 2026" names none.)
  return title && m && (!title[1] || from) ? { y: Number(title[3]), m } : undefined;
};
