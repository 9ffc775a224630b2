import { isBodyName } from './coreference';
import { letterhead, OUTLET, titleCase } from './letterheads';

// A page in a body's or a writer's own voice with no genre marker: its name alone at the top over first-person prose, a
// body's letterhead that names itself again, a letter's signatory.

/** How far into the text the head's markers may stand. */
const HEAD_CHARS = 300;

// "Kestrel Park Hockey & Cricket Club" or "HOLLIN VALLEY RIVERS TRUST" heading a page whose own sentences say "We …" or "Our …"
// (not inside a quotation): the body's own page, in its voice, though no genre marker says so.
// ("During the year we measured …": in the middle of its sentence too.)
// ("- We raise our forecast": a bullet's too.)
const FIRST_PERSON = /(?:^|\n|[.!?]\s+)(?:[-•*][ \t]+)?(?:We|Our)\s+[a-z]|[a-z,]\s+(?:we|our)\s+[a-z]/g;
const GENRE = /\b(?:Explainers?|Features?|Analysis|Opinion|Comment|Interviews?|Reviews?|Letters?|Obituar(?:y|ies)|Sport|Business|Science)\b/i;
// "Halden & Roske": partners' names joined by an ampersand name a firm.
const FIRM = /^\p{Lu}[\p{L}'’-]+[ \t]+&[ \t]+\p{Lu}[\p{L}'’-]+$/u;
/** How far into the text the page's own first-person sentences may stand. */
const LEAD_CHARS = 1500;
/** The body named alone on the first line of a page in its own first-person voice, or a company's blog. */
export const firstPersonPage = (text: string): string | undefined => {
  // ("HALDEN & ROSKE | GLOBAL RESEARCH | ECONOMICS": the name before its desk's sections; not a station's or a magazine's
  // "RNB News | Kellerton", "EARTH & LIFE | October 2027 | Explainer | p. 34".)
  const line = text.split('\n', 1)[0] ?? '';
  const sections = line.split(/[ \t]\|[ \t]/);
  if (sections.length > 1 && (/\d/.test(line) || OUTLET.test(line) || GENRE.test(line))) return undefined;
  // ("UNITED TRANSPORT AND CIVIC WORKERS' UNION (UTCW)": its acronym after it.)
  const first = sections[0]?.trim().replace(/[ \t]+\(\p{Lu}{2,8}\)$/u, '') ?? '';
  // "Quillstack Engineering Blog": a company's own blog, under its name.
  const blog = /^(\p{Lu}[\p{L}&'’.-]*(?: \p{Lu}[\p{L}&'’.-]*){0,3}?) (?:Engineering |Tech |Product |Company |Official )?Blog$/u.exec(first)?.[1];
  if (blog && !OUTLET.test(blog)) return blog;
  // A name alone: no headline ("… election 2026: count live"), station ident or section label.
  const name = first.length <= 80 && /^[\p{L}&'’. ]+$/u.test(first) && !/^LIVE\b/i.test(first) ? titleCase(first) : '';
  if (!name || !(isBodyName(name) || FIRM.test(name))) return undefined;
  const lead = text.slice(0, LEAD_CHARS);
  const own = [...lead.matchAll(FIRST_PERSON)].some((m) => {
    const paragraph = lead.slice(lead.lastIndexOf('\n\n', m.index ?? 0) + 1, m.index ?? 0);
    return !/["“]/.test(paragraph);
  });
  return own ? name : undefined;
};

// "SALLIS COUNTY FIRE PROTECTION DISTRICT" in capitals on the first line, a body by its words, over a page no reporter
// signs: its own document, whatever its genre's furniture (not a paper's masthead, "THE BRANSCOMBE COURIER").
const REPORTER_BYLINE = /^[ \t]*By\s+[A-Z][\w'’-]+\s+[A-Z]/m;
/** The body of a letterhead in capitals that names itself again in a page no reporter signs. */
export const bodyLetterhead = (text: string): string | undefined => {
  const head = letterhead(text);
  // (And names itself in its body: "…, the Sallis County Fire Protection District said"; a section's "AIRLINE PUNCTUALITY" does not.)
  const named = head !== undefined && text.indexOf(head, text.indexOf('\n')) > 0;
  return head && named && isBodyName(head) && !OUTLET.test(head) && !REPORTER_BYLINE.test(text.slice(0, HEAD_CHARS)) ? head : undefined;
};

// "Dear Friends and Neighbours, …" signed "With best wishes, / Margaret Pryor / Hon. Treasurer": a letter's figures are
// its signatory's.
const SALUTATION = /^[ \t]*Dear\s+[A-Z][^\n]{1,60}$/m;
const SIGN_OFF =
  /^[ \t]*(?:Yours(?:\s+(?:sincerely|faithfully|truly|ever))?|With\s+(?:best\s+|warm\s+|kind\s+|many\s+)?(?:wishes|thanks|regards)|(?:Best|Kind|Warm)\s+(?:wishes|regards)|Regards|Many\s+thanks|Thank\s+you(?:\s+again)?),?[ \t]*\n\s*((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Rev|Cllr)\.?[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*$/m;
/** How far into the text a letter's salutation stands. */
const SALUTATION_CHARS = 800;
/** The person who signs a letter that opens "Dear …", when the text is one. */
export const letterSignatory = (text: string): string | undefined =>
  SALUTATION.test(text.slice(0, SALUTATION_CHARS)) ? SIGN_OFF.exec(text)?.[1] : undefined;

// "The State Superannuation Fund has published its annual report. Here is what the numbers say …": a story that reads
// one body's own report through, near its top, speaks for that body where it names no one else.
const LEAD_REPORT =
  /(?:^|\n|[.!?]\s+)(?:The\s+)?(\p{Lu}[\p{L}'’&.-]*(?:\s+(?:of|for|and|\p{Lu}[\p{L}'’&.-]*))*?)(?:\s+\(\p{Lu}{2,8}\))?\s+(?:has\s+|have\s+)?(?:published|released|issued)\s+(?:its|their)\s+(?:[a-z-]+\s+){0,3}?(?:report|accounts|results|review|statistics|figures|data)\b/u;
/** How far into the text the report's publisher may be named. */
const REPORT_LEAD_CHARS = 600;
export const leadReportPublisher = (text: string): string | undefined => {
  const name = LEAD_REPORT.exec(text.slice(0, REPORT_LEAD_CHARS))?.[1];
  return name && isBodyName(name) && !OUTLET.test(name) ? name : undefined;
};
