import type { Sentence } from '../text/segment-text';
import { bodyOfSpeaker, isBodyName } from './coreference';
import type { Attribution } from './find-attributions';
import { withoutLegalForm } from './defined-names';
import { subjectOf } from './sentence-subject';
import { letterhead, OUTLET, titleCase } from './letterheads';
import { bodyLetterhead, firstPersonPage, leadReportPublisher, letterSignatory } from './own-page';

// A document in an institution's own voice (a press release, briefing notes, a statement) speaks for its issuer
// throughout: a figure nobody else is credited with is the issuer's, not the article's. The marker is the genre's
// own furniture at the top of the text; the issuer is the first sayer its lead names.

// "Leamvale Water > Help and advice > Drought": a page of the body's own website, under its breadcrumb trail.
const BREADCRUMB = /^[ \t]*([A-Z][\w&'’.]*(?:[ \t]+[A-Z][\w&'’.]*){0,4})[ \t]+>[ \t]+\S[^\n]*>/;
// The genre's furniture that marks a document in its issuer's own voice, at the start of a line in its head.
const OWN_VOICE_MARKERS = [
  // ("FOOD SECURITY SNAPSHOT No. 9": a cluster's periodic snapshot.)
  String.raw`(?:[A-Z][\w'’-]*\s+){0,3}(?:[Bb]ulletin|BULLETIN|Situation\s+(?:[Rr]eport|[Uu]pdate)|SITUATION\s+(?:REPORT|UPDATE)|Snapshot|SNAPSHOT)\b`,
  // ("Measles outbreak, Carrick Vale: situation update 9", "REDFERN FIRE - INCIDENT UPDATE No. 14": a numbered update after its subject.)
  String.raw`[A-Z][^\n:]{0,60}:[ \t]*(?:[Ss]ituation|[Oo]utbreak|[Ii]ncident)\s+(?:report|update)\s+(?:No\.?\s*)?\d`,
  String.raw`(?:[A-Z][\w'’-]*[ \t]+){0,4}[-–—:]?[ \t]*(?:INCIDENT|SITUATION|OUTBREAK)[ \t]+(?:UPDATE|REPORT)\b`,
  // "Six-month usage report: April to September 2026", "MONTHLY CLIMATE SUMMARY - NOVEMBER 2026": a body's periodic report.
  String.raw`(?:Six|Three|Nine|Twelve|SIX|THREE|NINE|TWELVE)-(?:month|MONTH)[ \t]+(?:[A-Za-z]+[ \t]+)?(?:[Rr]eport|REPORT|[Rr]eview|REVIEW)\b`,
  String.raw`(?:MONTHLY|WEEKLY|ANNUAL)[ \t]+(?:[A-Z]+[ \t]+){0,2}(?:SUMMARY|REPORT|BULLETIN|REVIEW)\b`,
  // "Homefinder House Price Index - November 2026": a body's own index, released under its title and period.
  // ("Mortgage Lending Monitor – May 2027": a lender's own monthly monitor.)
  String.raw`[A-Z][^\n]{0,60}\b(?:Index|Tracker|Barometer|Monitor)[ \t]*[-–—:|][ \t]*(?:[A-Z][a-z]+[ \t]+)?(?:19|20)\d{2}[ \t]*$`,
  String.raw`FOR\s+IMMEDIATE\s+RELEASE`,
  // "EMBARGOED UNTIL 00:01 BST, THURSDAY 10 JUNE 2027": only the issuer's own release sets an embargo.
  String.raw`EMBARGOED\s+(?:UNTIL|TO)\b|Embargoed\s+(?:until|to)\b|EMBARGO\s*:`,
  // ("PRESS STATEMENT Nr. 31/2026" under a directorate's letterhead.)
  // ("ASX / MEDIA RELEASE": an exchange announcement's.)
  String.raw`(?:[A-Z]{2,6}[ \t]*\/[ \t]*)?(?:PRESS|NEWS|MEDIA)\s+(?:RELEASE|COMMUNICATION|COMMUNIQU[EÉ]|NOTE|INFORMATION|STATEMENT)`,
  // "INFORMATION FOR MEDIA" under a city's letterhead: a press note in its issuer's voice.
  String.raw`INFORMATION\s+FOR\s+(?:THE\s+)?(?:MEDIA|PRESS)\b|Information\s+for\s+(?:the\s+)?(?:media|press)\b`,
  // ("Press communiqué n° 118/2026": no word boundary after an "é" to a plain \b; a translator's "Press communicate nr. 418".)
  String.raw`(?:Press|News|Media)\s+(?:[Rr]elease|[Cc]ommunication|[Cc]ommuniqu[eé]|[Cc]ommunicate|[Nn]ote|[Ii]nformation)(?!\w)`,
  String.raw`(?:Press\s+)?[Bb]riefing\s+notes?\b`,
  // "INFLATION NOTE No. 8/2027": a central bank's or an office's numbered note.
  // ("INFORMATIVE NOTE Nr. 11/2026": a translator's "Nr.".)
  String.raw`(?:[A-Z][A-Za-z]+\s+){0,3}(?:NOTE|Note)\s+(?:No\.?|Nr\.?|N[º°]\.?)\s*\d`,
  // ("Release No. 318/2026" under a statistical office's letterhead.)
  String.raw`(?:[A-Z][A-Za-z]+\s+){0,2}(?:Release|RELEASE)\s+(?:No\.?|Nr\.?|N[º°]\.?)\s*\d`,
  // "Monthly Volume Note - October 2026": a company's periodic note.
  String.raw`(?:Monthly|Weekly|Quarterly)\s+(?:[A-Z][a-z]+\s+){0,2}(?:Note|Update|Bulletin|Summary|Review)\b`,
  // "Communiqué nº 7 – Forest fire of …": an emergency service's numbered communiqué.
  String.raw`(?:Communiqu[eé]|COMMUNIQU[EÉ])\s+(?:n[º°o]\.?|N[º°O]\.?|No\.?)\s*\d`,
  String.raw`(?:Press|Media|Joint|Official)\s+[Ss]tatement\b|STATEMENT\b`,
  String.raw`(?:[A-Z]{2,5}|STOCK\s+EXCHANGE|MARKET|REGULATORY)\s+ANNOUNCEMENT\b|(?:Stock\s+[Ee]xchange|Market|Regulatory)\s+[Aa]nnouncement\b`,
  // "QUARTERLY REPORT OF PRODUCTION AND ACTIVITIES", "Half-year Report": a company's own periodic report.
  // ("Quarterly Trade Report - Third Quarter 2026" under a port authority's letterhead.)
  String.raw`(?:QUARTERLY|HALF-YEAR(?:LY)?|INTERIM|ANNUAL)\s+(?:[A-Z]+\s+)?(?:REPORT|RESULTS)\b|(?:Quarterly|Half-year(?:ly)?|Interim|Annual)\s+(?:[A-Z][a-z]+\s+)?(?:[Rr]eport|[Rr]esults)\b`,
  // "RNS Number : 3047P", a London regulatory news announcement.
  String.raw`RNS\s+Number\b`,
  String.raw`Official\s+[Ss]tatistics\b|OFFICIAL\s+STATISTICS\b|Statistical\s+(?:[Rr]elease|[Bb]ulletin|[Nn]ews\s+[Rr]elease)\b|STATISTICAL\s+(?:RELEASE|BULLETIN)\b|First\s+[Rr]elease\b|FIRST\s+RELEASE\b`,
  // ("The newsletter of St Aldhelm's Children's Hospital Charity" under the newsletter's title.)
  String.raw`(?:The\s+)?(?:[Nn]ewsletter|NEWSLETTER)\s+(?:of|OF)\s+(?:the\s+|THE\s+)?[A-Z]`,
  // "Weekly Respiratory Illness Surveillance Report", "HARVEST REPORT 2026": a body's own periodic report under its name.
  // ("SEASONAL INFLUENZA SURVEILLANCE: WEEKLY REPORT": its period after a colon.)
  String.raw`(?:[A-Z][\w'’-]*\s+){0,4}(?:Surveillance|SURVEILLANCE|Harvest|HARVEST|Activity|ACTIVITY|Impact|IMPACT|Progress|PROGRESS):?\s+(?:(?:WEEKLY|MONTHLY|Weekly|Monthly)\s+)?(?:[Rr]eport|REPORT|[Uu]pdate|UPDATE)\b`,
  // "SKELLING AIR - PRESS RELEASE".
  String.raw`(?:[A-Z][\w&'’.]*[ \t]+){0,5}[-–—|:][ \t]*(?:PRESS|NEWS|MEDIA)[ \t]+RELEASE\b`,
];
const OWN_VOICE = new RegExp(String.raw`^\s*(?:${OWN_VOICE_MARKERS.join('|')})`, 'm');
const DOCUMENT_TITLE = /\b(?:Census|Survey|Report|Review|Study|Index|Audit|Assessment|Monitor|Tracker|Barometer|Count)$/;
const LISTING_LINE = /^[ \t]*(?:ASX|NYSE|NASDAQ|LSE|TSX|NZX|JSE|SGX|AIM|ABN|ACN)\b[^\n]{0,80}$/;
/** How far into the text a listed company's dateline may stand, past a headline and its bullets. */
const LEAD_CHARS = 800;
const DATA_SAYER = /^(?:[a-z]+\s+)?(?:figures|data|statistics|numbers|estimates|records|results)\b/i;
/** How far into the text the marker may stand: a headline or two, a dateline. */
const HEAD_CHARS = 300;
/** How many sentences of the lead may name the issuer. */
const LEAD_SENTENCES = 6;

/** The body a document speaks for, when it is in that body's own voice; else undefined. */
export const findIssuer = (text: string, sentences: Sentence[], attributions: Attribution[][]): string | undefined => {
  const author =
    declaredVoice(text) ?? bodyIn(FROM_LINE, text) ?? bodyIn(NEWS_PAGE, text) ?? pageOf(text) ?? issuedBy(text) ?? bodyIn(POSTED_BY, text);
  if (author) return author;
  // (A breadcrumb may stand under the body's letterhead: "ALDREN SPACE AGENCY" over "Missions > Lunar exploration > …".)
  // (By its words, not its capitals: "FRAGCOUNT > NEWS > ESPORTS" is a games site's story.)
  const crumb = BREADCRUMB.exec(text)?.[1];
  const crumbs = (crumb !== undefined && isBodyName(titleCase(crumb))) || BREADCRUMB.test(text.slice(text.indexOf('\n') + 1));
  // (A listed company after its release's dateline, past a headline and bullets: "BOSTON, Nov. 9, 2026 -- Calyra Biosciences
  // A/S (Nasdaq: CLYR) today announced …".)
  if (!OWN_VOICE.test(text.slice(0, HEAD_CHARS)) && !crumbs)
    return firstPersonPage(text) ?? letterSignatory(text) ?? bodyLetterhead(text) ?? listed(text, LEAD_CHARS) ?? leadReportPublisher(text);
  const company = markerNamed(text) ?? listed(text) ?? rnsIssuer(text);
  if (company) return company;
  // A letterhead right above the marker ("SECOURS ALPIN VALDORÉ" over "PRESS COMMUNIQUÉ N° 31") names the issuer before any sayer.
  // (Below a translator's bracketed note: "[Translation from Spanish. Original: …]".)
  const top = text.replace(/^\s*\[[^\]\n]{0,200}\][ \t]*\n\s*/, '');
  const head = letterhead(top, OWN_VOICE);
  const secondLine = top.slice(top.indexOf('\n') + 1).split('\n', 1)[0] ?? '';
  // (Or a department's line between: "NATIONAL BANK OF DRAVIA / Monetary Policy Department / INFLATION NOTE No. 8/2027".)
  const thirdLine = top.split('\n').filter((l) => l.trim())[2] ?? '';
  const over = OWN_VOICE.test(secondLine) || BREADCRUMB.test(secondLine);
  // ("HALVARD MINERALS LIMITED / ASX: HVM | ABN 48 112 903 557 / ASX / MEDIA RELEASE": its listing line between.)
  const between = /^[ \t]*[A-Z][\w ,&'’-]{2,80}$/.test(secondLine) || LISTING_LINE.test(secondLine);
  if (head && (over || (between && OWN_VOICE.test(thirdLine)))) return head;
  // ("HARBOURLIGHT" over "Annual Report and Accounts 2025/26": a one-word name in capitals right above the marker.)
  const word = /^\s*(\p{Lu}{4,20})[ \t]*\n/u.exec(top)?.[1];
  if (word && over && !OUTLET.test(word) && !OWN_VOICE.test(word)) return titleCase(word);
  // "PRESS RELEASE" over "Halvorsen Institute for Marine Chemistry": a body's name right under the marker heads it.
  const lines = top.split('\n').filter((l) => l.trim());
  const under = lines[1]?.trim() ?? '';
  if (OWN_VOICE.test(lines[0] ?? '') && TITLE_LINE.test(under) && /[a-z]/.test(under) && isBodyName(under)) return under;
  for (const s of sentences.slice(0, LEAD_SENTENCES)) {
    const named = (attributions[s.index] ?? []).find((a) => !a.pronoun);
    // "according to Homefinder's latest index": the index's owner.
    const body =
      named &&
      bodyOfSpeaker(named.raw)
        .replace(/^the\s+/i, '')
        .replace(/['’]s\s[\s\S]*$/, '');
    // "The University of X attracted £214.6m …, according to figures approved by its council": figures speak for the
    // body the sentence is about, not for themselves.
    const subject = body && DATA_SAYER.test(body) ? subjectOf(s)?.replace(/^the\s+/i, '') : undefined;
    if (subject && isBodyName(subject)) return subject;
    // ("according to the fifth Fenmarsh Otter Census, published today by Fenmarsh Rivers Trust": a document, not its body.)
    // (A name or a description, "the refugee agency", not "the country" of "the country's second-largest operator".)
    if (body && (/^\p{Lu}/u.test(body) || /\s/.test(body)) && !DATA_SAYER.test(body) && !DOCUMENT_TITLE.test(body)) return body;
  }
  return letterhead(text, OWN_VOICE) ?? namedBelowMarker(text) ?? leadSubject(sentences);
};

// "PRESS RELEASE / FOR IMMEDIATE RELEASE / … Brackenmoor Regional Airport (BKM) welcomed its three-millionth passenger":
// with no sayer and no letterhead, the body its release's lead is about.
const leadSubject = (sentences: Sentence[]): string | undefined =>
  sentences
    .slice(0, LEAD_SENTENCES)
    .filter((s) => /[.!?]["”’)]?$/.test(s.text.trim()) && s.text.split(/\s+/).length >= 8)
    .map((s) =>
      subjectOf(s)
        ?.replace(/^the\s+/i, '')
        .replace(/\s*\([A-Z][\w&.-]{1,12}\)$/, ''),
    )
    .find((subject): subject is string => subject !== undefined && isBodyName(subject));

// A document in one person's declared voice: "Answer by Daniel Osei-Tetteh, Minister of State" over a written answer,
// "Gareth Lowrie's monthly column", "remarks by Governor Elena Varga" (a speech's title line), a programme's "FROM THE
// CHAIRMAN" over his name.
const TITLE = String.raw`(?:(?:Governor|President|Minister|Chancellor|Secretary|Chair|Mayor|Commissioner|Dr|Prof(?:essor)?|Sir|Dame)\.?\s+)?`;
const PERSON = String.raw`([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,3})`;
const DECLARED_VOICE = new RegExp(
  String.raw`^[ \t]*(?:Answer(?:ed)?\s+by:?\s+(?:[^\n(]{0,60}\()?${PERSON}\s*(?:[,)]|$)|${PERSON}['’]s\s+(?:(?:weekly|monthly|fortnightly|daily|regular)\s+)?column\b|[^\n]*?\b(?:[Rr]emarks|[Ss]peech|[Aa]ddress|[Ll]ecture)\s+by\s+${TITLE}${PERSON}[ \t]*$|(?:FROM|From)\s+(?:THE|the)\s+(?:CHAIR(?:MAN|WOMAN)?|PRESIDENT|CHIEF\s+EXECUTIVE|MANAGER|HEAD\s+TEACHER|HEADTEACHER|DIRECTOR|EDITOR|Chair(?:man|woman)?|President|Chief\s+Executive|Manager|Director|Editor)[ \t]*\n[ \t]*${TITLE}${PERSON}[ \t]*$)`,
  'm',
);
// A written answer repeats its question above the answer: the declaration may stand a long paragraph down.
const VOICE_CHARS = 2000;
const declaredVoice = (text: string): string | undefined => {
  const m = DECLARED_VOICE.exec(text.slice(0, VOICE_CHARS));
  // "Declan Rourke TD": a member's name without the letters of the house.
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4])?.replace(/\s+(?:TD|MP|MSP|MLA|MS|AM)$/, '') : undefined;
};

// "From: Vale of Harrow Growers' Co-operative <bulletin@…>": a body's own bulletin, mailed to its members (a newsletter
// under a title, "From: The Turnstile <…>", is a publication like any other).
// ("From: Bramley North Neighbourhood Policing Team" over "Sent: …": an email header without the address.)
const FROM_LINE = /^From:[ \t]*"?([^"<\n]{3,80}?)"?[ \t]*(?:<[^>\n]+>|(?=\n(?:Sent|Date|To):))[ \t]*$/m;
// "News | University of Northbridge": a body's own news page, under its section label.
// (A name of two words or more: a paper's "News | Health" names its section.)
const NEWS_PAGE =
  /^[ \t]*(?:News|Newsroom|Latest\s+news|Press\s+office|Media\s+centre)[ \t]*[|›>][ \t]*([A-Z][^\n|›>]{2,60}?[ \t][^\n|›>]{2,60}?)[ \t]*$/m;
// "University of Harrowgate | News and events | Research news": the body's name before its news section.
const PAGE_OF = /^[ \t]*([A-Z][^\n|›>]{2,60}?)[ \t]*[|›>][ \t]*(?:News|Newsroom|Press|Media)\b[^\n]*$/m;
// "Harbour Lights Kitchen" over "News > Our Winter Appeal 2025-26: the results": its own site's news section below the name.
const NAME_OVER_NEWS = /^[ \t]*(\p{Lu}[\p{L}'’&. -]{2,60}?)[ \t]*\n[ \t]*(?:News|Blog|Updates|Latest\s+news)[ \t]*[|›>]/u;
const pageOf = (text: string): string | undefined => {
  const name = bodyIn(PAGE_OF, text) ?? NAME_OVER_NEWS.exec(text)?.[1]?.trim();
  return name && !OUTLET.test(name) ? name : undefined;
};
// "Issued by the Joint Coordination Cell (JCC), Ministry of …", "Operated by CityWheel Mobility Ltd on behalf of …": a
// report's header line naming who issues it ("Prepared by:" names an office of the body whose letterhead is above, not
// the issuer).
const ISSUED_BY = /^[ \t]*(?:Issued|Published|Operated)\s+by:?\s+(?:the\s+)?([A-Z][^\n(,;|]{2,80}?)[ \t]*(?:$|[(,;|])/m;
// (A name with its acronym after it, "Joint Coordination Cell (JCC)", is a body's whatever its words.)
const issuedBy = (text: string): string | undefined => {
  const m = ISSUED_BY.exec(text.slice(0, HEAD_CHARS));
  // ("CityWheel Mobility Ltd on behalf of Port Elsmere City Council": the operator, not whom it works for.)
  const name = m?.[1]?.replace(/\s+on\s+behalf\s+of\b[\s\S]*$/, '').trim();
  const acronym = m ? /^\s*\(\p{Lu}{2,8}\)/u.test(text.slice((m.index ?? 0) + m[0].length - 1)) : false;
  return name && (acronym || isBodyName(name)) ? name : undefined;
};
// "Tallmoor Fire & Rescue @TallmoorFRA · 3 Dec 2026, 07:10": a body's own post, under its name and handle.
const POSTED_BY = /^[ \t]*([A-Z][^\n@·•|]{2,60}?)[ \t]+@\w{2,30}[ \t]*[·•|]/m;
/** The body a header line of the pattern names, when it is a body's name. */
const bodyIn = (re: RegExp, text: string): string | undefined => {
  const name = re.exec(text.slice(0, HEAD_CHARS))?.[1]?.trim();
  return name && isBodyName(name) ? name : undefined;
};

// "Press release of the Council of the European Union", "Statement by the Ministry of Health": the marker names its issuer
// (up to a parenthesis or comma: "Press information of the X Union (its name in Czech), Žatec, 12. 11. 2026").
const MARKER_NAMED =
  /^[ \t]*(?:(?:Press|News|Media)\s+(?:[Rr]elease|[Ii]nformation|[Cc]ommunication|[Nn]ote)|(?:Press|Media|Joint|Official)\s+[Ss]tatement|Statement|Briefing\s+notes?)\s+(?:of|from|by|issued\s+by)\s+(?:the\s+)?([A-Z][^\n.;:(,]{2,80}?)[ \t]*(?:$|[(,])/m;
// "Newsletter of the West March Beekeepers' Association | December 2026": a body's own newsletter.
const NEWSLETTER_OF = /^[ \t]*(?:The\s+)?(?:[Nn]ewsletter|NEWSLETTER)\s+(?:of|OF)\s+(?:the\s+|THE\s+)?([A-Z][^\n|·•;:(,]{2,80}?)[ \t]*(?:$|[|·•(,])/m;
// "SKELLING AIR - PRESS RELEASE": the name before the marker on its line, in capitals or not.
const NAME_THEN_MARKER = /^[ \t]*([A-Z][\w&'’.]*(?:[ \t]+[A-Z][\w&'’.]*){0,5})[ \t]*[-–—|:][ \t]*(?:PRESS|NEWS|MEDIA)[ \t]+RELEASE\b/m;
const markerNamed = (text: string): string | undefined => {
  const head = text.slice(0, HEAD_CHARS);
  const before = NAME_THEN_MARKER.exec(head)?.[1];
  const crumb = BREADCRUMB.exec(head)?.[1];
  return (
    MARKER_NAMED.exec(head)?.[1] ??
    NEWSLETTER_OF.exec(head)?.[1] ??
    (crumb && isBodyName(titleCase(crumb)) ? crumb : undefined) ??
    (before && titleCase(before))
  );
};

// "RNS Number : 3047P" over "Marlow & Finch PLC": a London regulatory news announcement, issued by the company named below.
const RNS = /^[ \t]*RNS\s+Number\s*:[^\n]*\n\s*([A-Z][^\n]{2,60}?(?:PLC|plc|Limited|Ltd|Group|Holdings))[ \t]*$/m;
const rnsIssuer = (text: string): string | undefined => {
  const name = RNS.exec(text.slice(0, HEAD_CHARS))?.[1];
  return name ? withoutLegalForm(name) : undefined;
};

// "Kestrel Ridge Resources Limited (ASX: KRR)" in the head of an exchange announcement: the listed company issues it
// (before any sayer its lead names: "Half-year report for …" is no speaker).
// (After a release's dateline too: "LARKSPUR FALLS, April 29, 2027 -- Quillfield Robotics Inc. (NASDAQ: QFRB), …"; and on
// any exchange: "Brellingham, 3 December 2026 - Skyvane Airlines (BRX: SKYV) today published …"; a legal form in lower case,
// "Telvanta Mobile plc (LSX: TLVM)".)
// ("PORTLAND, Ore., Nov. 5, 2026 (BUSINESS NEWSLINE) -- Tallis Analytical Instruments, Inc. (NYSE: TALS)": a long dateline, a
// legal form after a comma.)
const LISTED =
  /^[ \t]*(?:[A-Z][A-Za-z .'’-]{2,40},[^\n]{0,60}?(?:--|[–—-])[ \t]*)?((?:[A-Z][\w&.'’-]*[ \t]+){0,6}[A-Z][\w&.'’/-]*(?:,?[ \t]+(?:plc|ltd|limited|inc\.?|Inc\.|a\.s\.|s\.a\.))?)[ \t]*\((?:ASX|NYSE|NASDAQ|Nasdaq|LSE|TSX|NZX|JSE|SGX|HKEX|AIM|[A-Z]{2,6})\s*:\s*[A-Z0-9.]{1,8}\)/m;
const listed = (text: string, within = HEAD_CHARS): string | undefined => {
  const name = LISTED.exec(text.slice(0, within))?.[1];
  return name ? withoutLegalForm(name) : undefined;
};
// "PRESS RELEASE\n\nTransport Authority of Novi Brod\nDate: 22.01.2026": a body's name on its own line in the header,
// in title case, when neither the lead nor a capitalised letterhead names the issuer.
// ("Museum of Glass and Jewellery in Dolní Světlá": a place after "in", in letters beyond ASCII.)
const TITLE_LINE =
  /^\p{Lu}[\p{L}\d'’&.-]*(?:[ \t]+(?:(?:of|and|for|the|de|du|in|&)[ \t]+){0,2}\p{Lu}[\p{L}\d'’&.-]*){1,7}(?:[ \t]+(?:plc|ltd|limited|inc\.?|AG|SA|NV|ASA|Oyj))?$/u;
// "Harrowfield Borough Council - Communications Team": the body a press office writes for.
const PRESS_OFFICE =
  /[ \t]*[-–—|,][ \t]*(?:(?:Press|Media|News|Communications?|Public\s+Affairs)[ \t]+(?:Team|Office|Unit|Department|Service|Desk)|Communications|Press\s+Office)[ \t]*$/i;
const namedBelowMarker = (text: string): string | undefined =>
  text
    .slice(0, HEAD_CHARS)
    .split('\n')
    // ("Agricultural Cooperative Union of the Plain of Vellaro (UCAPV)": its acronym after it.)
    .map((l) =>
      l
        .trim()
        .replace(PRESS_OFFICE, '')
        // ("University of Tarrowfield, Faculty of Medicine": the body, not its faculty.)
        .replace(/,[ \t]+(?:Faculty|School|Department|Division|Office|Institute|Centre|Center)\b[^,\n]{0,60}$/, '')
        .replace(/[ \t]+\([A-Z]{2,8}\)$/, ''),
    )
    .filter(Boolean)
    .slice(0, 4)
    // A line in capitals below the marker is the release's headline ("RECORD SUMMER AS NEW ELEPHANT HOUSE DRAWS CROWDS").
    .find((l) => TITLE_LINE.test(l) && /[a-z]/.test(l) && !OWN_VOICE.test(l) && isBodyName(l));

// "COMMENT" or "OPINION | WORK" over a piece "By Dr Helen Achterberg": an author writing in the first person ("By my
// calculation", "I estimate") gives those figures herself.
const OPINION = /^[ \t]*(?:OPINION|COMMENT|Opinion|Comment|Op-ed|OP-ED)\b|\/(?:opinion|comment)\//m;
const BYLINE = /^[ \t]*By\s+(?:(?:Dr|Prof|Professor|Sir|Dame)\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})[ \t]*$/m;
export const opinionAuthor = (text: string): string | undefined =>
  OPINION.test(text.slice(0, HEAD_CHARS)) ? BYLINE.exec(text.slice(0, VOICE_CHARS))?.[1] : undefined;
