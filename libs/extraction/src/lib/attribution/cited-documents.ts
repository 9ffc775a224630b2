import { isBodyName } from './coreference';
import type { Attribution } from './find-attributions';
import { endsWithEntityNoun, phraseAfter, phraseBefore } from './noun-phrase';

// Sources a sentence cites by a document or an acronym rather than by a verb's subject: "the X Alliance's annual
// survey … put", "The department's provisional figure … had been 1,190", "Deaths: 19 in 2025 (DfT)".

// "according to figures from the agency's", "the ministry's latest data show": a described body's own data.
// ("according to the scheme's latest annual report": a described body's own report too.)
const DATA_NOUN = String.raw`(?:figures|data|statistics|index|survey|records|results(?:\s+page)?|dashboard|tally|count|report|bulletin)`;
const DESCRIBED = String.raw`(the\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)`;
export const DESCRIBED_PUBLISHER = new RegExp(
  String.raw`\baccording\s+to\s+(?:the\s+)?(?:[a-z]+\s+)?${DATA_NOUN}\s+(?:of|from)\s+${DESCRIBED}['’]s\b|` +
    String.raw`\baccording\s+to\s+(?:the\s+)?(?:[a-z]+\s+)?${DATA_NOUN}\s+(?:that\s+)?${DESCRIBED}\s+(?:has\s+|had\s+)?(?:released|published|compiled|issued|collected)\b|` +
    String.raw`(?<![\w-]\s)\b${DESCRIBED.replace('(the', '([Tt]he')}['’]s\s+(?:own\s+|latest\s+|monthly\s+|annual\s+)?${DATA_NOUN}\s+(?:showed|shows|show)\b|` +
    // "According to the authority's annual survey, published in May, …": a described body's own document.
    String.raw`\b[Aa]ccording\s+to\s+${DESCRIBED}['’]s\s+(?:[a-z]+\s+){0,2}${DATA_NOUN}\b`,
  'g',
);
const POSSESSED_DOCUMENT =
  /\b((?:[Tt]he\s+)?(?:[A-Z][\w&.'’-]*(?:\s+(?:of|for|and|&)\s+|\s+)){0,5}[A-Z][\w&.'’-]*|[Tt]he\s+[a-z]+)['’]s\s+(?:(?:[a-z-]+|\d{4})\s+){0,3}(?:survey|report|figures?|data|statistics|indicator|index|estimates?|count|census|analysis|study|review|audit|bulletin|tally|forecast|numbers|models?|projections?|calculations?|catalogue|records|accounts|(?:medical\s+|annual\s+)?review|results|filings?|minutes)\b/g;
const OWN_PRONOUN_DOCUMENT =
  /^(?:[-•*]\s*)?(Its|Their)\s+(?:(?:[a-z-]+|\d{4})\s+){0,2}(?:survey|report|figures?|data|statistics|index|estimates?|count|census|bulletin|tally|numbers|release)\b/;
// What makes the document tell a figure: a reporting verb after it (past an aside), or a copula before a number.
// ("The club's accounts for the year to 30 June 2025, filed in March, show": past the period they cover.)
const TELLS =
  /^(?:\s+(?:for|in|from|on|at)\s+[^,.;]{1,40}?(?=,|\s+[a-z]+\b))?(?:,[^,]{0,60},)?(?:\s+[a-z]+){0,3}?\s+(?:(?:put|puts|showed|shows|show|suggest|suggests|indicate|indicates|found|finds|estimated|estimates|said|says|counted|recorded|gave|gives|averaged|stood|stands|reached|tells|told)\b|(?:was|were|is|are|had\s+been|has\s+been)\s+(?:[a-z]+\s+){0,2}[£$€]?\d)/;
// Units, currencies, zones and places in brackets, not sources.
const NOT_A_CITATION =
  /^(?:GBP|USD|EUR|JPY|CHF|CNY|TEU|GW|MW|GWh|MWh|TWh|kWh|CO2|GDP|GNP|CPI|ISO|UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDF|UK|US|USA|EU|UN|AM|PM|FTE|ICU|NHS)$/;

/**
 * A body's own document opening the sentence and telling a figure credits the body for what follows ("The commission's
 * report was fair", "disputed the chamber's figure" tell none; a lone capitalised word may be a place: "Britain's figures").
 */
const possessedDocuments = (s: string, at: number): Attribution[] => {
  const owned: Attribution[] = [];
  // "Its figures for June, released on Wednesday, showed …": the body the sentence before named, as "it said" would be.
  const its = OWN_PRONOUN_DOCUMENT.exec(s);
  if (its && TELLS.test(s.slice(its[0].length)))
    owned.push({
      anchor: at,
      end: at + its[0].length,
      raw: its[1] === 'Its' ? 'It' : 'They',
      pronoun: its[1] === 'Its' ? 'it' : 'they',
      forwardOnly: true,
    });
  for (const m of s.matchAll(POSSESSED_DOCUMENT)) {
    const raw = (m[1] ?? '').trim();
    // "Harwell's own market analysis puts": "own" marks a body's document, not a place's figures.
    const lone =
      /^(?:the\s+)?[A-Z][\w'’-]*$/i.test(raw) &&
      !/^(?:the\s+)?[A-Z]{2,}$/.test(raw) &&
      !/^the\s+[a-z]/i.test(raw) &&
      !/^['’]s\s+own\b/.test(m[0].slice(raw.length));
    const subject = /^(?:[-•*]\s*)?(?:[A-Z][a-z]+,\s*)?$/.test(s.slice(0, m.index ?? 0).trimStart());
    const tells = TELLS.test(s.slice((m.index ?? 0) + m[0].length));
    if (subject && tells && !lone && !/^(?:the\s+)?(?:The|This|That|Its|Their|Our|His|Her|Last\s+Year|This\s+Year)$/i.test(raw))
      owned.push({ anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw, forwardOnly: true });
  }
  return owned;
};

// "Figures from the Office for National Statistics last month showed …", "data published by Eurostat show …": the publisher.
const DATA_FROM =
  /(?:^|[.;:]\s+|,\s+)(?:[Tt]he\s+)?(?:(?:latest|new|official|provisional|monthly)\s+)?(?:[Ff]igures|[Dd]ata|[Ss]tatistics|[Nn]umbers|[Ee]stimates)\s+(?:(?:published|released|issued)\s+)?(?:from|by)\s+(?=(?:the\s+)?[A-Z])/g;
const DATA_TELLS = /^\s+(?:(?:last|this|on|in|earlier)\s+\w+\s+)?(?:showed|shows|show|suggest(?:s|ed)?|indicate[sd]?|put|puts)\b/;
const dataFromPublisher = (s: string, at: number): Attribution[] =>
  [...s.matchAll(DATA_FROM)].flatMap((m) => {
    const np = phraseAfter(s, (m.index ?? 0) + m[0].length, at);
    return np && DATA_TELLS.test(s.slice(np.end - at)) ? [{ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: true }] : [];
  });

// "On Thursday the Centre for Social Studies (CESA) published its pre-election poll, based on 3,200 interviews": the body
// that publishes a document tells its figures, and is who a later "It puts AP on 31.4%" means. ("Corvalen Therapeutics
// published full results from LUMEN-B", "The airport put out its October traffic figures": the same.)
const PUBLISHED_DOCUMENT =
  /(?:\s*\([A-Z][\w&.-]{1,12}\))?\s+(?:has\s+|have\s+|had\s+)?(?:published|released|issued|put\s+out)\s+(?:(?:its|their|a|an|the|his|her)\s+(?:[\w-]+\s+){0,3}?|(?:full|final|new|provisional|preliminary|interim|headline|topline|top-line|first|latest)\s+(?:[\w-]+\s+){0,2}?)(?:poll|survey|report|index|figures?|data|study|estimates?|forecast|projections?|census|bulletin|results|statistics|accounts|filings?)\b/g;
const publishedDocument = (s: string, at: number): Attribution[] =>
  [...s.matchAll(PUBLISHED_DOCUMENT)].flatMap((m) => {
    const np = phraseBefore(s, m.index ?? 0, at);
    return np && /^(?:the\s+)?[A-Z]/.test(np.text)
      ? [{ anchor: np.start, end: at + (m.index ?? 0) + m[0].length, raw: np.text, forwardOnly: false }]
      : [];
  });

// "A nutrition survey carried out by the directorate in Ruvane in October found …": the body that made the document.
const DOCUMENT_BY =
  /\b(?:survey|study|count|census|analysis|assessment|audit|review|inspection)\s+(?:(?:carried\s+out|conducted|run|done|commissioned|made)\s+)?by\s+(?=(?:the\s+)?[A-Za-z])/g;
const DOCUMENT_FOUND = /^[^.;:]{0,80}?\b(?:found|finds|showed|shows|show|suggests?|suggested|put|puts|estimated|recorded|counted)\b/;
// "A Meridian Research survey for this newspaper last month put the Alliance on 36%": a document named by its maker.
const NAMED_DOCUMENT =
  /\b(?:[Aa]n?|[Tt]he)\s+((?:[A-Z][\w&.'’-]*\s+){1,4})(?:survey|poll|study|analysis|census|audit)\b(?=[^.;:]{0,80}?\b(?:found|finds|showed|shows|suggest(?:s|ed)?|put|puts|gave|gives)\b)/g;
const namedDocument = (s: string, at: number): Attribution[] =>
  [...s.matchAll(NAMED_DOCUMENT)].map((m) => ({
    anchor: at + (m.index ?? 0),
    end: at + (m.index ?? 0) + m[0].length,
    raw: (m[1] ?? '').trim(),
    forwardOnly: true,
  }));
const documentBy = (s: string, at: number): Attribution[] =>
  [...s.matchAll(DOCUMENT_BY)].flatMap((m) => {
    const np = phraseAfter(s, (m.index ?? 0) + m[0].length, at);
    return np && DOCUMENT_FOUND.test(s.slice(np.end - at)) ? [{ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: true }] : [];
  });

/** "the X Alliance's annual survey, published in March, put …": a verb whose subject is a body's document is the body's. */
export const ownDocumentSubjects = (attributions: Attribution[], owned: Attribution[], s: string, at: number): void => {
  for (const a of attributions)
    if (/['’]s\s+(?:[a-z-]+\s+){0,3}[a-z]+$/.test(a.raw)) {
      const own = owned.find((o) => s.slice(o.anchor - at, o.end - at).endsWith(a.raw));
      if (own) a.raw = own.raw;
    }
};

/** "Deaths: 19 in 2025 (DfT)": an acronym in brackets right after a figure (not after the name it abbreviates) cites its body. */
const bracketCitations = (s: string, at: number): Attribution[] =>
  // (Not a wire's dateline: "Aug. 16, 2027 (AIN) -" names the agency that filed the story.)
  [...s.matchAll(/(?<=[\d%]\s?)\(([A-Z][A-Za-z&]{1,8})\)(?!\s*[-–—])/g)]
    .filter((m) => ((m[1] ?? '').match(/[A-Z]/g) ?? []).length >= 2 && !NOT_A_CITATION.test(m[1] ?? ''))
    // ("- Heat-related admissions since Sunday: 1,240 (Health Protection Directorate)": a body's whole name after a figure.)
    .concat(
      [...s.matchAll(/(?<=[\d%]\s?)\(((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|&)\s+)?){1,6}[A-Z][\w'’&.-]*)\)\s*$/g)].filter((m) =>
        isBodyName(m[1] ?? ''),
      ),
    )
    .map((m) => ({ anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw: m[1] ?? '', forwardOnly: false, backwardOnly: true }));

/** "according to its operator, Calloway Terminals": the name in apposition to a possessive description. */
const namedAfterPossessive = (s: string, at: number): Attribution[] =>
  [...s.matchAll(/\baccording\s+to\s+(?:its|their|his|her)\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+(?=(?:the\s+)?[A-Z])/g)].flatMap((m) => {
    const np = phraseAfter(s, (m.index ?? 0) + m[0].length, at);
    return np ? [{ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: false }] : [];
  });

/** Sources cited by a bracketed acronym or named in apposition to a possessive description. */
export const citedSources = (s: string, at: number): Attribution[] => [...bracketCitations(s, at), ...namedAfterPossessive(s, at)];

const DESCRIBED_NAME_AFTER =
  /^\s+(?:(?:the|a|an)\s+)?((?:[a-z][\w-]*\s+){1,3})([A-Z][\w&.'’-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w&.'’-]*){0,5})\s*(?:[,.;:!?"”)]|$)/;
const BODY_WORD = /\b(?:body|charity|association|federation|consultancy|trust|campaign|campaigners|operator|insurer|provider)$/;

/** "says trade body Micromobility UK.": the name after a descriptor of a body, ending the clause, and its offset in `afterVerb`. */
export const describedNameAfter = (afterVerb: string): { name: string; offset: number } | undefined => {
  const m = DESCRIBED_NAME_AFTER.exec(afterVerb);
  if (!m?.[1] || !m[2] || !(endsWithEntityNoun(m[1]) || BODY_WORD.test(m[1].trim()))) return undefined;
  const name = /(?:Inc|Ltd|Co|Corp|plc)\.$/.test(m[2]) ? m[2] : m[2].replace(/\.$/, '');
  return { name, offset: m[0].indexOf(name, m[1].length) };
};

/** The sources a sentence names through a document: a body's own document, data from a publisher, a published poll or report. */
export const documentSources = (s: string, at: number): Attribution[] => [
  ...possessedDocuments(s, at),
  ...dataFromPublisher(s, at),
  ...publishedDocument(s, at),
  ...documentBy(s, at),
  ...namedDocument(s, at),
];
