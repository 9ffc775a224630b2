import type { Unit } from '../types';
import { NUMBER_WORDS_RE, numberOf, parseNumberWords, SCALES } from './number-words';
import { europeanMentions } from './european-notation';

/** A number as written, before deciding whether it is a figure. */
export interface NumberMention {
  start: number;
  end: number;
  text: string;
  kind: 'single' | 'range' | 'vague';
  /** single: the number; range: its low end; vague: the conventional bound. */
  value: number;
  /** range: its high end. */
  high?: number;
  currency?: Unit;
  /** Letters glued to the digits: "km" in 50km, "mm" in 155mm, "M" in 90M. */
  attached?: string;
  /** The word after a hyphen: "strong" in 12,000-strong, "mm" in 152-mm. */
  compound?: string;
  /** Had a short scale glued on ("1.28m") that could also read as metres. */
  shortScale?: string;
  /** A share written as a fraction ("more than half", "two-thirds"): its value is a percent. */
  fraction?: boolean;
  word: boolean;
}

// "A$312 million", "NZ$20m", "C$4.85": dollars other than the US dollar carry their country's letters.
const CURRENCY_PREFIXES: [RegExp, Unit][] = [
  [/^(?:AU?\$|AUD)/, 'aud'],
  [/^(?:CA?\$|CAD)/, 'cad'],
  [/^(?:NZ\$|NZD)/, 'nzd'],
  [/^(?:HK\$|HKD)/, 'hkd'],
  [/^(?:S\$|SGD)/, 'sgd'],
  [/^(?:US\$|\$|USD)/, 'usd'],
  [/^(?:Rbs|RUB|₽)/, 'rub'],
  [/^(?:€|EUR)/, 'eur'],
  [/^(?:£|GBP)/, 'gbp'],
  [/^(?:₩|KRW)/, 'krw'],
  [/^UAH/, 'uah'],
];

/** The currency a prefix names ("A$", "€", "GBP"). */
const currencyOf = (prefix: string): Unit | undefined => CURRENCY_PREFIXES.find(([re]) => re.test(prefix))?.[1];

const DIGITS_RE = new RegExp(
  String.raw`(?<![\w.,/$£€₽₩])(?<cur>(?:(?:US|AU?|CA?|NZ|HK|S)\$|\$|£|€|₽|₩|(?:Rbs|RUB|USD|EUR|GBP|KRW|UAH)\.?\s?))?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?!\d|,\d)|\d+(?:\.\d+)?)` +
    String.raw`(?:\s?(?<word>million|billion|trillion|thousand|hundred)(?:(?<=lion)s)?\b|\s?(?<abbr>mn|mln|bn|bln|tn|trn)\b|(?<short>[mbk])(?![A-Za-z0-9²]))?` +
    String.raw`(?<attached>[A-Za-z]+(?:²|2(?!\d))?)?(?:-(?<compound>[A-Za-z]+))?`,
  'g',
);

const VAGUE_RE =
  /\b(?:(?:many|several|a few|few)\s+)?(?:(?<tens>tens|hundreds)\s+of\s+(?<of>thousands|millions|billions)|(?<plural>dozens|scores|hundreds|thousands|millions|billions))\b|\b(?<some>several|a few|a couple of|many)\s+(?<scale>hundred|thousand|million|billion)\b/gi;

const VAGUE_BASE: Record<string, number> = { dozens: 12, scores: 20, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9 };

/** Every number written in `text`: digits (with currency and scale), spelled-out numbers, vague quantities and ranges. */
export const scanNumbers = (text: string): NumberMention[] => {
  const singles = [
    ...digitMentions(text),
    ...europeanMentions(text, usesDotThousands(text), currencyOf),
    ...fractionMentions(text),
    ...wordMentions(text),
    ...vagueMentions(text),
  ];
  singles.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: NumberMention[] = [];
  for (const m of singles) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return joinDurations(text, mergeRanges(text, kept));
};

// "41 minutes and 12 seconds", "2 hours 15 minutes": one duration in its larger unit (41.2 minutes), so the unit after
// the first number still reads as the figure's; "six years and four months" is left to the ignore rules.
const DURATION_PAIR = /^\s+(?:(hours?|hrs?)|(minutes?|mins?))\s*,?\s*(?:and\s+)?$/i;
const joinDurations = (text: string, mentions: NumberMention[]): NumberMention[] => {
  const out: NumberMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i] as NumberMention;
    const b = mentions[i + 1];
    const pair = b && a.kind === 'single' && b.kind === 'single' && !a.currency ? DURATION_PAIR.exec(text.slice(a.end, b.start)) : null;
    const smaller = pair ? (pair[1] ? /^\s+(?:minutes?|mins?)\b/i : /^\s+(?:seconds?|secs?)\b/i) : null;
    if (b && smaller?.test(text.slice(b.end, b.end + 10)) && b.value < 60 && Number.isInteger(b.value)) {
      out.push({ ...a, value: a.value + b.value / 60 });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
};

// "5.400 houses", "34.000 hectares": a text that never groups thousands with commas but writes a dot before exactly
// three digits follows the continental convention (a decimal in English rarely has exactly three places).
const DOT_THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
const usesDotThousands = (text: string): boolean =>
  !/\d,\d{3}(?!\d)/.test(text) && /(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,%])(?!\s?(?:million|billion|trillion|bn|mn|m)\b)/.test(text);

const digitMentions = (text: string): NumberMention[] => {
  const out: NumberMention[] = [];
  const dotThousands = usesDotThousands(text);
  DIGITS_RE.lastIndex = 0;
  for (let m = DIGITS_RE.exec(text); m; m = DIGITS_RE.exec(text)) {
    const g = m.groups ?? {};
    const cur = g['cur']?.trim();
    const currency = cur ? currencyOf(cur) : undefined;
    const scale = g['word'] ?? g['abbr'] ?? g['short'];
    const num = g['num'] ?? '';
    const dotted = DOT_THOUSANDS.test(num) && ((dotThousands && !scale && text[m.index + m[0].length] !== '%') || /\..*\./.test(num));
    let value = Number(dotted ? num.replace(/\./g, '') : num.replace(/,/g, ''));
    if (scale) value *= SCALES[scale.toLowerCase()] ?? 1;
    // Keep the compound word out of the surface form: "12,000" of "12,000-strong".
    const compound = g['compound'];
    const end = m.index + m[0].length - (compound ? compound.length + 1 : 0);
    out.push({
      start: m.index,
      end,
      text: text.slice(m.index, end),
      kind: 'single',
      value,
      word: false,
      ...(currency ? { currency } : {}),
      ...(g['attached'] ? { attached: g['attached'] } : {}),
      ...(compound ? { compound } : {}),
      ...(g['short'] ? { shortScale: g['short'] } : {}),
    });
  }
  return out;
};

const wordMentions = (text: string): NumberMention[] => {
  const out: NumberMention[] = [];
  NUMBER_WORDS_RE.lastIndex = 0;
  for (let m = NUMBER_WORDS_RE.exec(text); m; m = NUMBER_WORDS_RE.exec(text)) {
    const value = parseNumberWords(m[0]);
    if (value === undefined) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'single', value, word: true });
  }
  return out;
};

// A share in words: "two-thirds", "three-quarters", and "half" only behind a bound ("fewer than half", "more than
// half"). "About half" and "a third of" are left: the gold of earlier batches leaves them unannotated more often than not.
// A change by a share ("fell by almost a third", "decreased by one quarter") is annotated as its percentage.
const FRACTION_RE =
  /(?<=\b(?:more|fewer|less)\s+than\s+)half\b|\btwo[-\s]thirds\b|\bthree[-\s]quarters\b|(?<=\bby\s+(?:(?:almost|nearly|about|roughly|around|some|over|under|more\s+than|less\s+than|just\s+over|just\s+under)\s+)?)(?:a|one)\s+(?:third|quarter|fifth|half)\b/gi;
const FRACTION_VALUE: [RegExp, number][] = [
  [/^half/i, 50],
  [/^(?:a|one)\s+third/i, 100 / 3],
  [/^(?:a|one)\s+quarter/i, 25],
  [/^(?:a|one)\s+fifth/i, 20],
  [/^(?:a|one)\s+half/i, 50],
  [/^two/i, 200 / 3],
  [/^three/i, 75],
];

// A proportion: "one in four", "three in ten", "6 in 10", "nine out of ten" (out of a round whole only: "35 out of 51
// drones" counts drones). The later batches' gold gives these as percentages far more often than it leaves them out.
const PROPORTION_RE =
  /\b(one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(in|out\s+of)\s+(?:every\s+)?(two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|\d{1,3})\b(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\b)/gi;
// "Only one high-speed train in three is running": a share with its noun between the two numbers.
const NOUN_PROPORTION_RE =
  /\b(one|two|three)\s+(?:[a-z][a-z-]*\s+){1,2}in\s+(two|three|four|five|six|seven|eight|nine|ten)\b(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b)/gi;
const proportionMentions = (text: string): NumberMention[] =>
  [
    ...[...text.matchAll(NOUN_PROPORTION_RE)].map((m) => ({ m, part: numberOf(m[1] ?? ''), whole: numberOf(m[2] ?? '') })),
    ...[...text.matchAll(PROPORTION_RE)]
      // "four out of five" in words is a share; "35 out of 51 drones" counts them.
      .filter((m) => !/^out/i.test(m[2] ?? '') || /^(?:10|100|a\s+hundred|[a-z]+)$/i.test(m[3] ?? ''))
      .map((m) => ({ m, part: numberOf(m[1] ?? ''), whole: numberOf((m[3] ?? '').replace(/^a\s+/i, 'one ')) })),
  ].flatMap(({ m, part, whole }): NumberMention[] =>
    part === undefined || whole === undefined || part >= whole || whole > 100
      ? []
      : [
          {
            start: m.index,
            end: m.index + m[0].length,
            text: m[0],
            kind: 'single',
            value: Math.round((1000 * part) / whole) / 10,
            fraction: true,
            word: true,
          },
        ],
  );

const fractionMentions = (text: string): NumberMention[] => {
  const out: NumberMention[] = [...proportionMentions(text)];
  FRACTION_RE.lastIndex = 0;
  for (let m = FRACTION_RE.exec(text); m; m = FRACTION_RE.exec(text)) {
    const surface = m[0].trimEnd();
    const value = FRACTION_VALUE.find(([re]) => re.test(surface))?.[1] ?? 0;
    out.push({ start: m.index, end: m.index + surface.length, text: surface, kind: 'single', value, fraction: true, word: true });
  }
  return out;
};

const vagueMentions = (text: string): NumberMention[] => {
  const out: NumberMention[] = [];
  VAGUE_RE.lastIndex = 0;
  for (let m = VAGUE_RE.exec(text); m; m = VAGUE_RE.exec(text)) {
    const g = m.groups ?? {};
    let value: number;
    if (g['tens']) value = (g['tens'].toLowerCase() === 'tens' ? 10 : 100) * (VAGUE_BASE[(g['of'] ?? '').toLowerCase()] ?? 1);
    else if (g['plural']) value = VAGUE_BASE[g['plural'].toLowerCase()] ?? 1;
    else value = SCALES[(g['scale'] ?? '').toLowerCase()] ?? 1;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'vague', value, word: true });
  }
  return out;
};

const RANGE_JOIN = /^\s*(?:-|–|—|to|and)\s*$/i;
// "two or three weeks", "groups of 20 or 30": a loose range between plain numbers (not "Rbs3mn or $31,000").
const OR_JOIN = /^\s+or\s+$/i;
// Verbs and nouns of change: "rose from 3,000 to 10,000", "the jump from 3,000 to 10,000" give two values, not a range.
const CHANGE_VERB =
  /\b(?:rose|risen|rising|increased?|increasing|grew|grown|growing|jumped|climbed|fell|fallen|dropped|decreased?|declined?|revised|raised|lowered|up|down|went|gone|go|goes|going|moved?|moves|moving|changed|changes|doubled|tripled|swelled|surged|jump|rise|increase|fall|drop|decline|growth|surge|change|shift|revision)\s+(?:\w+\s+){0,2}from\s*$/i;

// "revised the number of jobs created in the three months to March from 40,000 to 95,000": an old and a new figure.
const REVISION = /\b(?:revis\w*|raised|lowered|upgraded|downgraded|corrected|adjusted|cut)\b[^.;!?]*\bfrom\s*$/i;

/** Joins "8 to 10", "between 10,000 and 12,000", "1.5-2 million", "$2bn-$3bn" into ranges. */
const mergeRanges = (text: string, mentions: NumberMention[]): NumberMention[] => {
  const out: NumberMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i] as NumberMention;
    const b = mentions[i + 1];
    if (b && a.kind === 'single' && b.kind === 'single' && a.word === b.word && (!a.attached || a.attached === b.attached) && !a.compound) {
      // "between 1% and 3%": a percent sign on both ends still joins them.
      const pct = /^(?:%|\s*per\s*cent\b|\s*percent\b)/i;
      const both = pct.exec(text.slice(a.end, b.start));
      const join = text.slice(a.end + (both && pct.test(text.slice(b.end)) ? both[0].length : 0), b.start);
      const before = text.slice(Math.max(0, a.start - 60), a.start);
      const isAnd = /and/i.test(join);
      const betweenOk = !isAnd || /\bbetween\s+(?:\S+\s+)?$/i.test(before);
      const fromTo = /\bfrom\s*$/i.test(before);
      const orRange =
        OR_JOIN.test(join) && !a.currency && !b.currency && !/^\s*(?:more|less|fewer|so|above|below)\b/i.test(text.slice(b.end, b.end + 8));
      const revision = fromTo && REVISION.test(text.slice(Math.max(0, a.start - 200), a.start));
      // "raised its estimate for 2023 to 290,000": a year and the figure it is raised to.
      const yearTo = /^(?:19|20)\d{2}$/.test(a.text) && /\b(?:for|in|of|during)\s*$/i.test(before) && /to/i.test(join);
      // ("revised from 118,000–126,000 tonnes to …": a range written tight with a dash is one, even after "from".)
      const tight = /^[–-]$/.test(join);
      if ((RANGE_JOIN.test(join) || orRange) && betweenOk && (tight || (!(fromTo && CHANGE_VERB.test(before)) && !revision)) && !yearTo) {
        const low = scaleLike(a, b);
        if (low < b.value && (a.currency ?? b.currency) === (b.currency ?? a.currency)) {
          const currency = a.currency ?? b.currency;
          out.push({
            ...b,
            start: a.start,
            text: text.slice(a.start, b.end),
            kind: 'range',
            value: low,
            high: b.value,
            ...(currency ? { currency } : {}),
          });
          i++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
};

/** "1.5-2 million", "10-12,000": the low end borrows the high end's scale when written without one. */
const scaleLike = (a: NumberMention, b: NumberMention): number => {
  const rawA = Number(a.text.replace(/[^\d.]/g, ''));
  const rawB = Number(b.text.replace(/[^\d.]/g, ''));
  const scaleA = rawA ? a.value / rawA : 1;
  const scaleB = rawB ? b.value / rawB : 1;
  if (!a.word && scaleA === 1 && scaleB > 1 && rawA <= rawB) return a.value * scaleB;
  // "10-12,000": thousands written once, on the high end.
  if (!a.word && scaleA === 1 && /^\d{1,3},000$/.test(b.text) && a.value < 1000 && a.value * 1000 <= b.value && a.value * 2000 >= b.value)
    return a.value * 1000;
  return a.value;
};
