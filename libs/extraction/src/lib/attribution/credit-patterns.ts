import { isLabelValueRow, type Span } from '../text/segment-text';
import { kindOf } from './coreference';

/** The sentence and label patterns and bounds the credit tracker reads text with. */
export const QUOTE_LOOKAHEAD = 6;
/** How many sentences back a description ("the agency") looks for its name: bounded, so extraction stays linear. */
export const DESCRIPTION_LOOKBACK = 40;
/** How far back in its paragraph a figure looks for a reporting verb: far past any real paragraph, but a run-on text's one paragraph is not walked back per figure. */
export const PARAGRAPH_LOOKBACK = 60;
/** The text a description looks back over for the words that introduced a name ("the monitoring group X"): bounded, so it stays linear. */
export const introducedWindow = (text: string, at: number): string => text.slice(Math.max(0, at - 6000), at);
// A source named by a plural common noun ("economists", "officials in Kyiv"), which "it" cannot refer to.
export const PLURAL_HEAD =
  /^(?:the\s+)?(?:[\w-]+\s+)*?(?:officials|economists|analysts|experts|authorities|sources|researchers|observers|monitors|investigators|organi[sz]ers|insurers|investors|forecasters|statisticians|diplomats|prosecutors|residents|rescuers|witnesses|scientists|doctors|lawmakers|people|unions|companies|agencies)(?:\s+(?:in|at|of|from|for|with|polled|surveyed)\b.*)?$/i;
// Verbs that release figures (not "said", which also carries views): what follows in the paragraph goes on with the release.
export const REPORTING = /^(?:announced|announces|reported|reports|confirmed|confirms|informed|notified|published|released|recorded|counted)\b/;
// "said" carries only into a sentence without a named actor of its own ("In total 1.9 million citizens voted", not "The ECB cut ...").
export const SAID = /^(?:said|says)\b/;
// A number word opening a sentence ("Four people remain missing") is not a name.
export const NAMED_OPENING =
  /^(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Dozens|Hundreds|Thousands|Millions|Some|Several|Many|Most|All|Few|Both)\b)(?:The\s+)?(?:[A-Z][\w.'’&-]*\s+)*[A-Z][\w.'’&-]*\s+(?!said|says)[a-z]/;
// A transcript's speaker label: "MS. SINGH:", "DEPUTY PRESS SECRETARY SABRINA SINGH:" ("Q:" is the questioner).
// A committee's or a court's transcript writes them in mixed case, a question's number before the asker: "Dr Brennan:",
// "Q104 Owen Pritchard:", "Q1 - ANDREJ VOSS, BUSINESS DAILY:" (not "On Lukas Brandt:", a topic an answer turns to).
// (Letters of any script: "CASTAÑEDA-VOSS:", "Dr Ødegård:"; a phone-in caller with her place: "SHEILA (BRACKLEY):".)
// ("PRIYA VENN (Principal Planning Officer):", "SOFIA RENWICK (agent, Harrowgate Living):": a role in brackets, not
// part of the name.)
// ("TOMAS FERREIRA-HOLM, CEO:", "ODILE MARSH, CHIEF FIRE OFFICER, FERRANT FIRE AND RESCUE:": a speaker in capitals with
// the role after a comma; the name is the label.)
export const SPEAKER_LABEL =
  /^(?:Q\d{1,4}\s+(?:[-–—]\s+)?)?(?:(\p{Lu}[\p{Lu}.'’ -]{1,60}[\p{Lu}.](?:[ \t]+\(\p{L}[\p{L} .,&'’-]{1,50}\))?)(?:,[ \t]*\p{L}[\p{L} ,.&'’-]{0,80})?|((?!(?:On|In|At|For|About|Regarding|Re|As|To|From|With|By|Of|And|But|Like|Unlike)\s)(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Lord|Lady|Baroness|Cllr|Councillor|Senator|Rep)\.?\s+)?\p{Lu}\p{Ll}[\p{L}\p{N}_'’-]*(?:\s+\p{Lu}[\p{L}\p{N}_'’-]*){0,3})):\s/u;
// "[REPORTER - MIKE TOLLAND]:", "[SOUNDBITE - JEN ALVAREZ, HYDRO LAKESHORE]:": a broadcast script's bracketed label, its role first.
const BRACKET_LABEL = /^\[(?:\p{Lu}+(?:\s\p{Lu}+)?\s+[-–—]\s+)?(\p{Lu}[\p{Lu}.'’ -]{1,40}\p{Lu})(?:,[^\]\n]*)?\]:\s/u;
/** The speaker label a paragraph opens with, in capitals ("MS. SINGH"), mixed case ("Dr Brennan") or brackets ("[REPORTER - X]:"). */
export const speakerLabel = (paragraph: string): string | undefined => {
  const bracketed = BRACKET_LABEL.exec(paragraph)?.[1];
  if (bracketed) return bracketed;
  const m = SPEAKER_LABEL.exec(paragraph);
  // (A role in mixed case follows a full name only: "QUESTION (Karin Holm, Daily):" is the asker's, "MARK (Eastgate):" a caller's.)
  const role = m?.[1] && /[ \t]+\((?=[^)]*\p{Ll})[^)]*\)$/u.exec(m[1]);
  if (role) return /\s/.test(m[1]?.slice(0, role.index) ?? '') ? m[1]?.slice(0, role.index) : undefined;
  return m?.[1] ?? m?.[2];
};
// A parliamentary record's label: "The Minister of Finance (Ms Odile Brackwater):", "Mr Kasimir Veld (Coastal) (Opposition):".
const HONORIFIC = String.raw`(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame|Lord|Lady|Baroness)\.?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}`;
const RECORD_LABEL = new RegExp(
  String.raw`^(?:(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|and|the|[A-Z][\w'’-]*)){0,6}\s+\((${HONORIFIC})\)|(${HONORIFIC})(?:\s+\([^()\n]{1,40}\)){1,2}):\s`,
);
// A parliamentary record's speaker on a line (or a paragraph) of their own above the speech: "Priya Oduya (Hollin
// North) (SDP)", "The Minister for Health Services (Gareth Linnane)" (marked by the brackets), then "Priya Oduya" alone
// each time again.
// (Words one space apart: a table's header, "Ward              Responses   Support", is no name.)
const NAME = String.raw`(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame|Lord|Lady|Baroness)\.? )?[A-Z][a-z][\w'’-]*(?: [A-Z][\w'’-]*){1,2}`;
const LINE_LABEL = new RegExp(
  String.raw`^(?:(?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|and|the|[A-Z][\w'’-]*)){0,6}\s+\((${NAME})\)|(${NAME})((?:\s+\([^()\n]{1,40}\)){0,2}))[ \t]*(?:\n(?=\S)|$)`,
);
const lineLabel = (paragraph: string): { name: string; marked: boolean } | undefined => {
  const m = LINE_LABEL.exec(paragraph);
  const name = m?.[1] ?? m?.[2];
  return name && kindOf(name) === 'person' ? { name, marked: Boolean(m?.[1] ?? m?.[3]) } : undefined;
};
const labelText = (paragraph: string, counts?: ReadonlyMap<string, number>): string | undefined => {
  const record = RECORD_LABEL.exec(paragraph);
  const own = record?.[1] ?? record?.[2] ?? speakerLabel(paragraph);
  if (own) return own.trim();
  // (A bare name on its line speaks only when it heads speeches more than once: not a signature over a role.)
  const line = lineLabel(paragraph);
  return line && (line.marked || (counts?.get(line.name) ?? 0) > 1) ? line.name : undefined;
};
// Header furniture that looks like a label: "Update:", "Members present:", "Media contact:", a newsletter's "TOP STORY:",
// a fact-check's "FACT CHECK:", minutes' "RESOLVED:", a weather warning's "Rain:" and "Wind:".
const FURNITURE_LABEL =
  /^(?:Update[ds]?|Note|Notes|Correction|Editor['’]s\s+Note|Press\s+Release|News\s+Release|Breaking|Watch|Listen|Source|Sources|Photo|Video|Background|Context|Summary|Headline|Date|Time|Location|Contact|Media\s+Contact|Subject|From|To|Re|Members\s+Present|Witnesses|Present|Published|Updated|Related|Read\s+More|Key\s+\w+|Bottom\s+Line|Why\s+It\s+Matters|What\s+Next|(?:Top|Lead|Cover|Main)\s+Story|In\s+Brief|Briefly|Elsewhere|Also\s+This\s+Week|(?:Quote|Number|Chart|Deal|Stat)\s+of\s+the\s+(?:Week|Day|Month)|Exclusive|Analysis|Opinion|Comment|Round-?up|Diary|Coming\s+Up|On\s+the\s+Move|People|Deals|Markets|Funding|Total\s+Dur|Dur|Duration|Bulletin|Reader|Filed|Slug|Cue|In|Out|Fact[\s-]?Check|(?:The\s+|Our\s+)?Verdict|(?:The\s+)?Claim|Resolved|Agreed|Noted|Decisions?|Actions?|Apologies|Rain|Rainfall|Snow|Snowfall|Wind|Winds|Gusts|Temperatures?|Areas?|Timing|Impacts?|Hazards?|Outlook|Confidence|Tides?|Visibility)$/i;
/** A paragraph's speaker label, "Q" and "A" included; initials the header declared ("TR:") read as their speaker. */
export const labelOf = (paragraph: string, initials?: ReadonlyMap<string, string>, counts?: ReadonlyMap<string, number>): string | undefined => {
  const short = initials?.size ? /^([A-Z]{2,4}):\s/.exec(paragraph)?.[1] : undefined;
  if (short && initials?.has(short)) return initials.get(short);
  const label = labelText(paragraph, counts) ?? /^([QA]):\s/.exec(paragraph)?.[1];
  // "HOSPITAL MARCH: HOW MANY CAME?": a heading in capitals on both sides of its colon, no one speaking.
  if (!label || FURNITURE_LABEL.test(label)) return undefined;
  const said = paragraph.slice(paragraph.indexOf(':') + 1).split('\n', 1)[0] ?? '';
  return /^[^a-z]*[A-Z]{2,}[^a-z]*\s[^a-z]*[A-Z]{2,}[^a-z]*$/.test(said) ? undefined : label;
};
/** How often each speaker label opens a paragraph. */
export const countLabels = (text: string, paragraphs: Span[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const words = text.slice(p.start, p.end);
    const label = labelText(words) ?? lineLabel(words)?.name;
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
};
// "Presenter: Leila Haddad (LH). Guest: Mayor Tomas Reyes (TR), City of …": the initials a transcript's header gives its
// speakers, with the role of each when it says one.
const DECLARED_INITIALS =
  /(?:\b(Presenter|Host|Interviewer|Moderator|Anchor|Chair|Guest|Speaker|Witness|Interviewee)s?:\s+)?((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)\s+\(([A-Z]{2,4})\)/g;
const ASKS = /^(?:Presenter|Host|Interviewer|Moderator|Anchor)$/i;
/**
 * Speaker initials declared before the first "XX:" paragraph, as the speaker they stand for ("QUESTION" for a
 * presenter or host: their lines ask). Only initials spelled by the name's own words count ("Tomas Reyes (TR)",
 * not "Ministry of Justice (MOJ)" read as a speaker).
 */
export const declaredInitials = (text: string): Map<string, string> => {
  const out = new Map<string, string>();
  const first = /^[A-Z]{2,4}:\s/m.exec(text);
  if (!first) return out;
  for (const m of text.slice(0, first.index).matchAll(DECLARED_INITIALS)) {
    const [, role, name = '', initials = ''] = m;
    const capitals = name
      .split(/\s+/)
      .map((w) => w[0])
      .join('');
    if (capitals.endsWith(initials)) out.set(initials, role && ASKS.test(role) ? 'QUESTION' : name);
  }
  // "FIRST LIGHT with Miriam Roche / Transcript: interview with Chief Fire Officer Daniel Kerrigan" over "MR:" and "DK:":
  // a name in the header whose initials a label spells; the programme's own presenter ("… with X", not "interview with X") asks.
  const head = text.slice(0, first.index);
  for (const label of new Set([...text.matchAll(/^([A-Z]{2,3}):\s/gm)].map((l) => l[1] ?? ''))) {
    if (out.has(label)) continue;
    const spelled = new RegExp(String.raw`\b${[...label].map((c) => `${c}[a-z'’-]+`).join(String.raw`\s+`)}\b`);
    const name = spelled.exec(head)?.[0];
    if (name) out.set(label, new RegExp(String.raw`(?<!interview\s)\bwith\s+${name}`).test(head) ? 'QUESTION' : name);
  }
  return out;
};
/** What `labelledSpeaker` returns when a paragraph leaves the running speaker as it was. */
export const KEEP_SPEAKER = Symbol('keep the speaker');
/**
 * The speaker a paragraph's label (from `labelOf`) makes current: none after a question or a section label, the
 * interviewee after "A:", or `KEEP_SPEAKER` for no label and for a briefing's "Q:", which follows up on the last
 * speaker ("you've previously said 3,000"; an interview's asks the next answer).
 */
export const labelledSpeaker = (
  found: string | undefined,
  counts: ReadonlyMap<string, number>,
  { answerer, asker }: { answerer?: string; asker?: string },
): string | undefined | typeof KEEP_SPEAKER => {
  if (!found || (found === 'Q' && !answerer)) return KEEP_SPEAKER;
  // "THE LOAN:", "SEOUL'S TAKE:", "ESCALATION:": a newsletter's section label, not a speaker. A speaker has a title
  // or a name of several words, or speaks more than once.
  const label = !SECTION_LABEL.test(found) && (TITLED.test(found) || /\s/.test(found) || (counts.get(found) ?? 0) > 1) ? found : undefined;
  if (!label) return /^(?:A|ANSWER)$/.test(found) ? answerer : undefined;
  return /^(?:Q|QUESTION|REPORTER)$/.test(label) ? asker : label === 'ANSWER' ? answerer : speakerName(label);
};
// "Transcript: interview with Central Bank Governor Jane Doe": the person a Q:/A: transcript's answers belong to.
const INTERVIEW_HEADER = /\binterview(?:ed)?\s+with\s+[^\n]*?((?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+)[ \t]*[.,;:(]?[ \t]*(?:\n|$)/;
/** Who answers in a transcript whose header, before its first question, names the interview. */
// "Marta Lindqvist has been chief executive since 2022. … she spoke to Tom Ashdown about …": the person an intro says spoke.
const SPOKE = /\b(?:[Ss]he|[Hh]e|who)\s+(?:spoke|talked|speaks|talks|sat\s+down)\s+(?:to|with)\b/;
const PERSON_NAME = /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2}\b/gu;
export const interviewee = (text: string): string | undefined => {
  const firstQuestion = /^(?:Q|QUESTION):\s/m.exec(text) ?? QUESTION_PARAGRAPH.exec(text);
  if (!firstQuestion) return undefined;
  const intro = text.slice(0, firstQuestion.index);
  const header = INTERVIEW_HEADER.exec(intro)?.[1];
  if (header) return header;
  const paragraph = intro.split(/\n\s*\n/).find((p) => SPOKE.test(p));
  return paragraph ? [...paragraph.matchAll(PERSON_NAME)].map((m) => m[0]).find((n) => kindOf(n) === 'person') : undefined;
};
// "Let's start with the money. How big is the new deal?" alone in its paragraph: an interview's question with no label.
const QUESTION = String.raw`[^\n]{8,200}\?["”’)]?`;
const QUESTION_PARAGRAPH = new RegExp(String.raw`(?<=\n\s*\n)${QUESTION}[ \t]*(?=\n\s*\n)`);
/**
 * An interview printed without labels, its questions paragraphs of their own ending in "?" after an intro that says who
 * spoke: each question asks ("Q"), the paragraph after it answers ("A"). Paragraph index → turn; empty for anything else.
 */
/** Three questions and their answers at least: fewer "?" paragraphs are a story's rhetorical questions. */
const MIN_TURNS = 6;
export const unlabelledTurns = (text: string, paragraphs: readonly Span[], answerer: string | undefined): Map<number, string> => {
  const turns = new Map<number, string>();
  if (!answerer || /^(?:Q|QUESTION|A|ANSWER):\s/m.test(text)) return turns;
  const alone = new RegExp(`^${QUESTION}$`);
  const question = (p: Span): boolean => alone.test(text.slice(p.start, p.end).trim());
  paragraphs.forEach((p, i) => {
    if (question(p)) turns.set(i, 'Q');
    else if (i > 0 && turns.get(i - 1) === 'Q') turns.set(i, 'A');
  });
  return turns.size >= MIN_TURNS ? turns : new Map();
};
// "Day 2, evidence of Dr Nadia Ferreira, traffic engineer, cross-examined by Simon Hartley KC:" over a court transcript's
// Q:/A: lines: the witness answers and the barrister asks, until the next witness's heading.
const WITNESS = String.raw`((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})`;
const EVIDENCE_OF = new RegExp(
  String.raw`^[^\n]*?\b(?:evidence|examination)\s+of\s+${WITNESS}(?:[^\n]*?\bexamined\s+by\s+${WITNESS})?[^\n]*:[ \t]*$`,
  'gmu',
);
/** A court transcript's witness headings, read once per document: where each starts, its witness and examiner. */
export const examinations = (text: string): { at: number; answerer?: string; asker?: string }[] =>
  [...text.matchAll(EVIDENCE_OF)].map((m) => ({ at: m.index ?? 0, answerer: m[1], asker: m[2]?.replace(/\s+KC$/, '') }));
/** Who answers and asks at `pos`: the last witness heading's witness and examiner before it, else the interview's `answerer`. */
export const examinedAt = (
  headings: ReturnType<typeof examinations>,
  pos: number,
  answerer: string | undefined,
): { answerer?: string; asker?: string } => headings.findLast((h) => h.at < pos) ?? { answerer };
// "A correction from the CSO: it says", "An update from Acme Rail, which says": a pronoun's body opening its own sentence.
export const LEAD_FROM =
  /(?:^|\n)\s*[A-Z][a-z]*(?:\s+[a-z]+){0,3}\s+from\s+((?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)\s*[:,;]\s*(?:(?:which\s+)?(?:it|they)\s+)?$/;
export const TITLED =
  /^(?:MR|MRS|MS|DR|GEN|GENERAL|ADM|COL|SEC|SECRETARY|MINISTER|PRESIDENT|AMBASSADOR|SPOKESMAN|SPOKESWOMAN|SPOKESPERSON|DEPUTY|SENATOR|REP|SEN|Q|A|QUESTION|ANSWER|REPORTER)\b/;
// "FIRST DECLARATION:", "FAIRFIELD RECOUNT:", "BREAKING:": a live page's entry label names an event, not a speaker.
export const SECTION_LABEL =
  /^(?:THE|A|AN|WHAT|WHO|WHY|HOW|WHERE|WHEN|IN|ON|BY)\b|['’]S\b|\b(?:DECLARATION|RESULTS?|RECOUNT|UPDATE|CORRECTION|RECAP|SUMMARY|BREAKING|LATEST)$/;
// "This was reported by the General Staff": a sentence crediting the one before it.
export const CREDITS_PREVIOUS =
  /^(?:This|That|These|It|The\s+(?:data|figures?|information|report))\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:reported|stated|announced|said|published|confirmed|disclosed|released)\s+by\b/i;
// "This number includes ...": a sentence about the figure the previous one reported.
// ("That was up from 6.8% in January", "This is a drop of 31% on its opening": a change told of the figure before.)
export const CONTINUES_FIGURE =
  /^(?:This|That|The)\s+(?:number|figure|total|tally|count|toll|estimate)\b|^(?:That|This)\s+(?:was|is)\s+(?:(?:up|down)\s+from\b|(?:a|an)\s+(?:\w+\s+)?(?:rise|fall|drop|increase|decrease|decline|jump)\s+of\b)/;

// "2,340 vacancies.", "4. £38,000.", "17% fewer trainees.": a few words around a number, no verb.
export const FRAGMENT = /^(?:\d{1,2}[.)]\s+)?[^\s.]*\d[^\s]*(?:\s+[a-z][\w-]*){0,3}\.$/;

/** "according to figures shown to councillors": data with no owner named, which credit no one by themselves. */
export const BARE_DATA = /^(?:the\s+)?(?:latest\s+|new\s+|official\s+|provisional\s+)?(?:figures|data|statistics|numbers)$/i;

/** "MS. SINGH" → "Ms. Singh", so titles and surnames resolve like prose names. */
export const speakerName = (label: string): string =>
  /\p{Ll}/u.test(label) ? label : label.toLowerCase().replace(/(^|[\s.'’(-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
// A factbox's labelled item ("* RECORD: The record, 46,100, was set in 2024.") is a fact of its own: it carries no credit over.
export const itemCarries = (text: string, paragraph: Span): boolean =>
  !/^[-*•–]\s+[A-Z][A-Z .'’-]{2,30}:\s/.test(text.slice(paragraph.start, paragraph.end));
export const LIST_ITEM = /^(?:[-*•–]|\d{1,2}[.)])\s/;

export const isListItem = (text: string, paragraph: Span): boolean => {
  const body = text.slice(paragraph.start, paragraph.end);
  return LIST_ITEM.test(body) || isLabelValueRow(body);
};
// "Bank details of roughly 210,000 customers were among the data taken": a capitalised opener whose verb is a copula
// states something, not its own act, so the paragraph's "said" still covers it (unlike "Police made 11 arrests").
const COPULAR_OPENING =
  /^(?!(?:The|It|Its|This|That|These|Those|There|He|She|They|We)\b)[A-Z][a-z]+\s+(?:[^\sA-Z][^\s]*\s+){0,8}?(?:was|were|is|are|remained|remains)\s/;
/** A sentence opening with a capitalised name that acts on its own, so a paragraph's "said" does not carry into it. */
export const opensWithOwnActor = (sentence: string): boolean =>
  NAMED_OPENING.test(sentence) && !COPULAR_OPENING.test(sentence) && !/^(?:In|On|Of|At|By|For|From|Since|After|Before|During|Still)\s/.test(sentence);
// "A had 785. B fell 10%, the report found.": a document's finding, attributed at the end of the next sentence, covers the
// unattributed sentence before it in the paragraph (a speaker's "said" there does not: it may be the speaker's own point).
// A pledge or plan before it ("The country has pledged to cut emissions by 50%") is background the finding measures against.
export const INTENT = /\b(?:pledged|pledges|promised|promises|vowed|vows|committed|aims?|plans?|intends?|targets?|wants?|hopes?)\b/i;
export const FINDING_AFTER =
  /,\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}(?:report|census|survey|study|analysis|review|audit|bulletin|index|data|figures)\s+(?:found|finds|showed|shows|suggested|suggests|estimated|estimates)\.?["”]?$/i;
// "…, which it says", "the figure: it now says", "the 1.3% it forecast": a pronoun whose antecedent is its own sentence's subject.
export const OWN_SUBJECT_PRONOUN = /(?:\b(?:which|that|as)|[:;]|[\d%])\s+(?:it|they|he|she)\s+(?:now\s+|also\s+)?$/i;
