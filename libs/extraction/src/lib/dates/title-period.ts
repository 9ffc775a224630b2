import { monthNumber } from './calendar';

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
