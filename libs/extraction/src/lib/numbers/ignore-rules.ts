import type { Span } from '../text/segment-text';
import type { NumberMention } from './scan-numbers';
import { countBelow } from '../text/sorted-search';
import { numberOf } from './number-words';
import { furnitureReason, KIND_OF_THING, statisticalLevel, timeInWords } from './furniture-rules';
import { notationReason, RAIN_AFTER, RAIN_BEFORE } from './notation-rules';
import { durationReason } from './duration-rules';

// Numbers that are not reported quantities: years, dates, times, calibres,
// model names, ordinals, labels, ages and page furniture.

// ("0.85p", "37.90ppl": pence, and pence per litre.)
const ALLOWED_ATTACHED = /^(?:p|ppl|km|kms|km2|km²|sqkm|m|mi|kg|t|ha|mph|kph|kmh|C|F)$/;
const CALIBRE_ATTACHED = /^(?:mm|cm)$/;
const KEPT_COMPOUNDS = /^(?:strong|man|men|member|person|soldier|troop|km|kilometre|kilometer|kilometres|kilometers|mile|miles|tonne|ton|square)$/i;
const LABELS =
  /(?:\b(?:Article|Resolution|Section|Chapter|Page|Part|Unit|Flight|Route|Highway|Room|Level|Phase|Stage|Category|Class|Type|Model|Block|Batch|Version|Episode|Season|Series|Brigade|Division|Regiment|Battalion|Corps|Fleet|Army|Group|Line|Zone|Sector|Point|Hill|Item|Figure|Fig\.?|Table|Appendix|Annex|Paragraph|Col\.?|Column|Clause|Day|Week|Protocol|Decree|Law|Order|Grade|Size|Vol\.?|No\.?|Nos\.?|Number|Pages|Ward|Precinct|Box|Slide|slide|Note|Mile|Lap|Platform|Gate|Terminal|Junction|Exit|Bay|Pier|Floor|Tier|Bed|Bridge|Zones|N\.|N°|Nº|[Ii]ncident|[Rr]eference|[Uu]pdate|mile|berths?|Channel|[Rr]ef\.?|Scope|[Pp]aper|Posts|Junctions|junctions|zones|[Pp]asscode|[Aa]ccess\s+code|PIN|pp\.?|paragraph|article|pages?|section|resolution|clause|no\.|number|chapter|vol\.|ward|platform|gate|day|Issue|issue|Year|on\s+counts?)|#)\s*$/;
// "pages 4 and 5", "wards 3, 7 and 9": the later numbers of a label's list.
const LABEL_LIST_TAIL = /\d+(?:\s*(?:,|and|or|to|&|-|–)\s*\d+)*\s*(?:,|and|or|to|&|-|–)\s*$/;
const QUANTITY_NOUN_AFTER =
  /^\s+(?:\w+\s+){0,2}?(?:troops|soldiers|people|personnel|servicemen|fighters|casualties|recruits|civilians|men|workers|rounds|shells|missiles|drones|tanks)\b/i;
const CAPTION_LINE =
  /^\(?(?:(?:photo|photos|image|images|picture|pictures|credit|caption|getty images|file photo|video)\s*[:|/(-]|(?:image|media|video|photo)\s+(?:source|caption|credit)\b)/i;
const SHORT_FURNITURE_LINE =
  /^(?:updated|published|posted|last updated|first published|copyright|©|follow|subscribe|sign up|advertisement|tel|telephone|phone|fax|email|e-mail|date|read more|related|share|watch|listen)\b/i;
const SHORT_LINE = 80;

export interface IgnoreContext {
  text: string;
  /** Date expressions and page-furniture lines, in text order. */
  blocked: Span[];
}

/** Spans sorted by start, with the largest end up to each: built once per `blocked` list, not once per number. */
const sortedSpans = new WeakMap<readonly Span[], { spans: Span[]; maxEnd: number[] }>();

/** Whether `m` overlaps any of `blocked`: a binary search, so a long article's numbers × dates is not quadratic. */
const overlapsAny = (blocked: readonly Span[], m: Span): boolean => {
  let index = sortedSpans.get(blocked);
  if (!index) {
    const spans = [...blocked].sort((a, b) => a.start - b.start);
    const maxEnd: number[] = [];
    spans.forEach((s, i) => maxEnd.push(Math.max(s.end, maxEnd[i - 1] ?? -Infinity)));
    index = { spans, maxEnd };
    sortedSpans.set(blocked, index);
  }
  const { spans, maxEnd } = index;
  const lo = countBelow(spans, (s) => s.start, m.end);
  // spans[0..lo) start before m ends; walk back only while one of them may still reach past m's start.
  for (let i = lo - 1; i >= 0 && (maxEnd[i] as number) > m.start; i--) if ((spans[i] as Span).end > m.start) return true;
  return false;
};

/** Why a number is not a figure, or undefined when it may be one. */
const SENTENCE_AFTER = /^-(?:year|month|week)\s+(?:[a-z]+\s+){0,2}(?:sentence|term|order|ban|jail|prison|suspension|disqualification)\b/i;

export const ignoreReason = (m: NumberMention, ctx: IgnoreContext): string | undefined => {
  const { text } = ctx;
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  const after = text.slice(m.end, m.end + 40);
  if (overlapsAny(ctx.blocked, m)) return 'date or furniture';
  if (m.kind === 'vague') return undefined;
  // "had been inside the network for at least 40 days before they were detected": a bounded stay counted, not a time reference.
  const boundedStay = /\bfor\s+(?:at\s+least|at\s+most|more\s+than|up\s+to|nearly|almost)\s+$/i.test(before);
  if (/^\s+(?:years?|months?|weeks?|days?|hours?|decades?)\s+(?:ago|earlier|later|before|after|old)\b/i.test(after) && !boundedStay)
    return 'time reference';
  // "a war that has lasted more than two and a half years": how long, not how many.
  if (/^\s+and\s+a\s+half\s+(?:years?|months?|weeks?|days?|hours?|decades?)\b/i.test(after)) return 'duration';
  // "jailed for six years and four months": the rest of a compound duration.
  if (/\byears?\s+and\s+$/i.test(before) && /^\s+months?\b/i.test(after)) return 'duration';
  // "in the past 24 hours", "its first 100 days", "the 12 months to June": a period the figure is counted over.
  if (
    /\b(?:the|its|their|his|her|our|this|that)\s+(?:(?:previous|past|last|next|coming|first|following|final|opening|initial|same|preceding)\s+)?$/i.test(
      before,
    ) &&
    /^\s+(?:hours|days|weeks|months|years|decades)\b/i.test(after)
  ) {
    return 'time window';
  }
  // "in the last five.", "the first two of them": a position in a sequence, not a count.
  if (/\bthe\s+(?:previous|past|last|next|first|final)\s+$/i.test(before) && /^(?:\s*[.,;:!?"”)]|\s+(?:of|in|on)\b)/.test(after)) return 'sequence';
  // "three of the four worst years": ranking periods, not counting them.
  if (
    /^\s+of\s+the\s+(?:\S+\s+)?(?:\w+est|worst|best|most\s+\w+|least\s+\w+)\s+(?:years|months|weeks|days|seasons|summers|winters|decades)\b/i.test(
      after,
    )
  )
    return 'ranking';
  // "(24 hours)" after a phone number or another figure: a note on it, not a figure.
  if (/\d\s*\(\s*$/.test(before) && /^\s+(?:hours?|days?)\s*\)/i.test(after)) return 'annotation';
  // "has flown 14 times, 13 of them ...": after a verb, ending its clause, a count of occurrences; "3 times the 500" multiplies.
  const occurrences =
    /^\s+times\s*(?:[,.;:)]|$|(?:since|so\s+far|to\s+date|this\s+year|last\s+year)\b)/i.test(after) && /\b\w+(?:ed|en|wn|ne|t)\s+$/i.test(before);
  if (/^\s+times\b|^-fold\b|^\s*x\b/i.test(after) && !occurrences) return 'multiplier';
  const duration = durationReason(m, text, before, after);
  if (duration) return duration;
  if (/^\s+min(?:ute)?s?\s+read\b/i.test(after)) return 'reading time';
  // "each additional 1,000 steps": the step of a comparison, not a figure.
  if (/\b(?:each|every)\s+(?:additional|extra|further)\s+$/i.test(before)) return 'increment';
  // "a 3-1 win", "won 2-0": a scoreline, not two quantities.
  if (isScoreline(m, before, after)) return 'score';
  // "a five-year contract", "a 10-day strike", "a 30-year high": how long, as an adjective, not a count.
  // ("a 12-month community order", "an 18-month prison sentence": a court's sentence is a figure of the story.)
  if (/^-(?:year|month|week|day|hour|minute|season)\b(?!-old)/i.test(after) && !SENTENCE_AFTER.test(after)) return 'duration';
  // "in five numbers", "three things to know", "10 charts": the article's own parts, not a quantity it reports.
  if (
    m.value <= 30 &&
    /^\s+(?:(?:key|big|simple|quick)\s+)?(?:numbers|charts|graphs|graphics|maps|things|ways|reasons|facts|takeaways|questions|lessons|stats)\b(?!\s+(?:of|from|on)\b)/i.test(
      after,
    )
  )
    return 'article parts';
  if (isRatio(m, before, after)) {
    return 'ratio';
  }
  // "two people familiar with the matter said": counting the sources, not a figure.
  // "at least two independent sources confirm it": how many sources vouch, not a figure either.
  if (
    /^(?:\s+(?:[A-Z][\w.]*|independent|separate|different|other|senior|western|unnamed|anonymous)){0,2}\s+(?:people|persons|officials|sources|diplomats|analysts|experts)\s+(?:familiar|close|briefed|speaking|who\s+(?:spoke|asked|declined)|with\s+knowledge|said|say|told|confirm|confirms|confirmed|corroborate)\b/.test(
      after,
    )
  ) {
    return 'source description';
  }
  // "per 100,000 residents": the denominator of a rate; "95% confidence interval": a statistical level; "612 too many": rhetoric.
  if (/\bper\s+$/i.test(before) || statisticalLevel(before, after) || /^\s+too\s+(?:many|much|few)\b/i.test(after)) return 'not a quantity';
  // "children under five", "adults over 65": an age band.
  if (
    /\b(?:children|kids|babies|infants|adults|people|persons|those|patients|men|women)\s+(?:under|over|aged|below|above)\s+$/i.test(before) &&
    m.value <= 120
  )
    return 'age';
  // "Cases range in age from seven months to 34 years", "the persons in the age from 14 to 17 years": ages, not counts.
  if (
    /\b(?:(?:range|ranged|ranging)\s+in\s+age|in\s+the\s+age)\s+(?:from|over|under|above|below|of|between)\s+(?:[\w-]+\s+(?:months?\s+|years?\s+)?(?:to|and)\s+)?$/i.test(
      before,
    )
  )
    return 'age';
  if (m.word) {
    // "only one of the 40 districts", "one of the samples": a count of one; "one of the largest" is not.
    if (
      m.value <= 1 &&
      m.kind === 'single' &&
      !(/\bonly\s+$/i.test(before) && /^\s+of\s+(?:the|its|their|these|those)\s+(?!\w+est\b|most\b)/i.test(after))
    )
      return 'the word one';
    if (isAge(m, before, after)) return 'age';
    if (timeInWords(before, after)) return 'time';
    if (KIND_OF_THING.test(after)) return 'label';
    // "the two leaders", "both": words after a determiner refer back rather than count.
    if (/\b(?:the|these|those|its|their|his|her|our)\s+$/i.test(before) && m.value < 100) return 'determiner';
    // "the broadcaster Channel Six", "Ocean's Eleven": a capitalised number word after a capitalised word mid-line names something.
    if (/^[A-Z]/.test(m.text) && /[a-z]\S*\s+[A-Z][a-z]+\s+$/.test(before) && !/[.!?:]\s+[A-Z][a-z]+\s+$/.test(before)) return 'name';
    return undefined;
  }
  if (isYear(m, before, after)) return 'year';
  if (/[A-Za-z]*[A-Z][A-Za-z]*-$/.test(before)) return 'model name';
  const rain = RAIN_BEFORE.test(before) || RAIN_AFTER.test(after);
  if (m.attached) {
    if (/^(?:st|nd|rd|th)$/i.test(m.attached)) return 'ordinal';
    if (rain && CALIBRE_ATTACHED.test(m.attached)) return undefined;
    if (CALIBRE_ATTACHED.test(m.attached)) return 'calibre';
    if (!ALLOWED_ATTACHED.test(m.attached)) return 'model name';
  }
  if (m.compound) {
    if (/^(?:mm|cm|calibre|caliber)$/i.test(m.compound)) return 'calibre';
    if (!KEPT_COMPOUNDS.test(m.compound)) return 'compound adjective';
  }
  if (/^\s?(?:mm|millimet(?:re|er)s?|cal\.?|calibre|caliber)\b/i.test(after) && !rain) return 'calibre';
  // "30°" is an angle as often as a temperature; "30°C" and "38C" are temperatures, read as figures.
  if (/^\s?°(?!\s?[CF]\b)/.test(after)) return 'angle or temperature';
  if (/^:\d/.test(after) || /\d[:.]$/.test(before)) return 'time or ratio';
  if (/^\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|utc|cet|cest|est|edt|msk|kst|jst|hrs|local time)(?!\w)/i.test(after) && isClock(m)) return 'time';
  // "01632 960418", "0800": a leading zero writes a code or a phone number, never a quantity.
  if (/^0\d{2,}$/.test(m.text)) return 'code';
  if (isServiceNumber(m, before, after)) return 'phone number';
  if (/^\/\d/.test(after)) return 'fraction or date';
  // "on 11 and 12 August": the first day of a list of days.
  if (m.value <= 31 && /^\s*(?:and|&|,|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/.test(after))
    return 'date';
  const furniture = furnitureReason(m, before, after);
  if (furniture) return furniture;
  if (LABELS.test(before) || LABELS.test(before.replace(LABEL_LIST_TAIL, ''))) return 'label';
  const notation = notationReason(m, before, after);
  if (notation) return notation;
  if (isAge(m, before, after)) return 'age';
  // ("3/ More than 640 firefighters …": a thread's post number.)
  if (/(?:^|\n)[ \t]*$/.test(before) && (/^[.)]\s/.test(after) || (m.value <= 99 && /^\/(?:\d{1,2})?\s/.test(after)))) return 'list marker';
  // "1.1 Eight new infected premises …", "3.2 Of these, …": a numbered section of a bulletin.
  if (/(?:^|\n)[ \t]*$/.test(before) && /^\d+(?:\.\d+)*\.?$/.test(m.text) && /\./.test(m.text) && /^[ \t]+[A-Z]/.test(after)) return 'section number';
  if (/(?:https?:\/\/|www\.|@)\S*$/.test(before)) return 'url';
  return undefined;
};

/**
 * "one in five", "nine out of ten": a proportion, not a count. "35 out of 51 drones" counts
 * drones, so "out of" makes a ratio only with a round whole (10, 100, 1,000) or "every".
 */
const isRatio = (m: NumberMention, before: string, after: string): boolean => {
  if (/\b(?:one|1)\s+in\s+(?:every\s+)?$/i.test(before)) return true;
  // "seven in ten voters", "two in three victims": a proportion; "12 in two raids" counts, so the first must be the smaller.
  const whole = /^\s+in\s+(?:every\s+)?(\d+|[a-z]+)\b(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\b)/i.exec(after);
  if (whole && m.value < (numberOf(whole[1] ?? '') ?? 0) && m.value <= 10) return true;
  const part = /\b(\d+|[a-z]+)\s+in\s+(?:every\s+)?$/i.exec(before);
  const partValue = part ? numberOf(part[1] ?? '') : undefined;
  if (partValue !== undefined && partValue < m.value && partValue <= 10 && !/^\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\b/i.test(after))
    return true;
  if (/\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+out\s+of\s+(?:every\s+)?$/i.test(before)) {
    return /\bevery\s+$/i.test(before) || [10, 100, 1000].includes(m.value);
  }
  return /^\s+out\s+of\s+(?:every\b|(?:10|100|1,?000|ten|a\s+hundred|a\s+thousand)\b)/i.test(after);
};

/** "5pm", "at 1012 GMT": an hour, or four digits of hours and minutes. */
const isClock = (m: NumberMention): boolean => m.value < 25 || (/^\d{4}$/.test(m.text) && m.value < 2400 && m.value % 100 < 60);

/** "call NHS 111", "dial 999": a number to ring, written as bare digits with no quantity noun after it. */
// ("the water company's emergency line on 815 44 200", "the information line is 1414", "The 311 line": a line's number.)
const isServiceNumber = (m: NumberMention, before: string, after: string): boolean =>
  (/^\d{3,}$/.test(m.text) &&
    /\b(?:call|calling|dial|dialling|dialing|ring|phone|text)\s+(?!(?:for|up|on)\b)(?:[\w'’]+\s+){0,4}$/i.test(before) &&
    /^(?:\s\d{2,4})*(?:\s*[.,;:)]|\s+(?:or|and|rather|instead|if|for|from|before|after|now)\b|\s*$)/i.test(after)) ||
  (/^\d{2,}$/.test(m.text) && /\b(?:line|hotline|helpline)\s+(?:on\s+|is\s+|:\s*)?(?:\d{2,4}\s+){0,3}$/i.test(before)) ||
  (/^\d{3}$/.test(m.text) && /^\s+(?:line|hotline|helpline)\b/i.test(after));

const isYear = (m: NumberMention, before: string, after: string): boolean => {
  // "between 2013 and 2023", "from 2019 to 2024": a span of years, not a range of quantities.
  if (m.kind === 'range' && !m.currency && /^(?:19|20)\d{2}\s*(?:and|to|-|–)\s*(?:19|20)\d{2}$/.test(m.text)) return !QUANTITY_NOUN_AFTER.test(after);
  if (m.kind !== 'single' || m.currency || !/^\d{4}$/.test(m.text)) {
    // "1950-53": the second half of a year range.
    return /\b(?:19|20)\d{2}[-–/]$/.test(before) && /^\d{2}$/.test(m.text);
  }
  // "founded in 1889", "since 1666": an older year only after a preposition and with no noun after it.
  if (m.value >= 1000 && m.value < 1900)
    return (
      /\b(?:in|since|from|until|till|by|of|circa|to)\s+$/i.test(before) &&
      /^(?:[,.;:)!?]|\s+(?:and|or|to|when|as|after|before|until|but|by|in|on|at|the|a|its|his|her|their)\b)/.test(after)
    );
  if (m.value < 1900 || m.value > 2100) return false;
  return !QUANTITY_NOUN_AFTER.test(after) || /\b(?:in|since|of|by|until|from|during|early|late|mid-?)\s*$/i.test(before);
};

const SCORE_NOUN = /^\s+(?:win|victory|defeat|loss|draw|lead|home\s+win|away\s+win|scoreline|thrashing|triumph)\b/i;
// "beat Castlemoor 2-1", "drew 1-1 with", "lost 3-0 to": a match verb and at most a team's name before the score.
const MATCH_VERB =
  /\b(?:beat|beats|beating|defeated|defeats|drew|draws|drawing|lost|loses|won|wins|edged|edges|thrashed|thrashes|overcame|routed|stunned|trailed|trailing|led|leading|held)\s+(?:(?:the\s+)?[A-Z][\w'’.-]*\s+){0,3}$/;
const isScoreline = (m: NumberMention, before: string, after: string): boolean => {
  if (m.value >= 30) return false;
  if (/^[-–]\d{1,2}\b/.test(after) && (SCORE_NOUN.test(after.replace(/^[-–]\d{1,2}/, '')) || MATCH_VERB.test(before))) return true;
  const first = /\b\d{1,2}[-–]$/.exec(before);
  return first !== null && (SCORE_NOUN.test(after) || MATCH_VERB.test(before.slice(0, first.index)));
};

const isAge = (m: NumberMention, before: string, after: string): boolean => {
  if (m.value > 120 || !Number.isInteger(m.value)) return false;
  // ("two other men, aged 19 and 23": the later ages of a list too; "older than 75", "will be 85 in 2040".)
  if (/\baged?\s+(?:of\s+)?(?:\d{1,3}(?:\s*,\s*\d{1,3})*\s*(?:,\s*)?(?:and|or|to|-|–)\s*)?$/i.test(before)) return true;
  if (/\b(?:older|younger)\s+than\s+$|\b(?:she|he)\s+(?:will\s+be|would\s+have\s+been|turns?|turned)\s+$/i.test(before)) return true;
  // "the youngest of them 18", "the oldest was 59".
  if (/\b(?:youngest|oldest)(?:\s+(?:of\s+(?:them|whom|those|these)|was|is|being|were))*\s*,?\s*$/i.test(before)) return true;
  if (/^(?:-|\s+)(?:years?|months?|weeks?|days?)[-\s]old\b/i.test(after)) return true;
  // "At 19, she becomes ...": an age opening a sentence about a person.
  if (/(?:^|[.!?]\s+|\n)At\s+$/.test(before) && /^,\s+(?:she|he|they|I|we|[A-Z][a-z]+)\b/.test(after)) return true;
  // "Daniel Ashworth, 52,", "her grandmother, 66, who": a person named or described, then the age in commas.
  const person = /[A-Z][a-z]+,\s*$|\b(?:grand)?(?:mother|father|son|daughter|wife|husband|man|woman|boy|girl|brother|sister|widow|pensioner)s?,\s*$/;
  return person.test(before) && /^\s*,/.test(after) && m.value >= 15;
};

/** Lines that are page furniture (captions, credits, timestamps, counters), as spans. */
export const furnitureSpans = (text: string): Span[] => {
  const spans: Span[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const furniture =
      CAPTION_LINE.test(trimmed) || (trimmed.length < SHORT_LINE && SHORT_FURNITURE_LINE.test(trimmed)) || /^\d+\s*(?:of|\/)\s*\d+$/.test(trimmed);
    if (furniture) spans.push({ start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  // Phone numbers anywhere.
  const phone = /(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b/g;
  for (let m = phone.exec(text); m; m = phone.exec(text)) {
    if (m[0].replace(/\D/g, '').length >= 9 && !/,/.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  // "+43 59133 70 1234": a country code and groups of any length (at least three), never a change or a quantity.
  const international = /(?<![\w.])\+\d{1,3}(?:[ \t]\(?\d{1,5}\)?){3,5}(?![\d.,]\d)/g;
  for (let m = international.exec(text); m; m = international.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  // "555-0190": a local number; a range's upper bound never starts with a zero.
  const local = /(?<![\d,.-])\d{3}-0\d{3}(?![\d-])/g;
  for (let m = local.exec(text); m; m = local.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  // "01632 960418": a trunk code (leading zero) and a subscriber number.
  const trunk = /(?<![\d,.])0\d{2,4}[\s.-]\d{5,8}\b/g;
  for (let m = trunk.exec(text); m; m = trunk.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  // A broadcast script's timings and embargo: "DUR 0'52\"", "[ACT - TRELOAR - 0'09\"]", "NOT FOR BROADCAST AFTER 1000".
  const script = /(?<![\w.])\d{1,2}['’]\d{2}["”]?|\b(?:AFTER|BEFORE|UNTIL|AT)\s+\d{4}\b(?=[.\s]|$)/g;
  for (let m = script.exec(text); m; m = script.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans.sort((a, b) => a.start - b.start);
};
