// A small grammar for the noun phrases that name sources: runs of
// capitalised words, institution nouns ("ministry", "intelligence") and
// their adjectives, joined by "of", "and", "for", "at", "from".

export interface Phrase {
  start: number;
  end: number;
  text: string;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const ENTITY_NOUNS = new Set(
  `intelligence services service agency agencies ministry ministries department office officials official spokesperson spokesman
  spokeswoman military army forces command staff general government governments authorities administration sources source analysts
  analyst experts expert observers monitors researchers researcher institute think-tank thinktank media outlet outlets newspaper
  broadcaster news reports report estimates estimate data figures assessment assessments defence defense secretary minister ministers
  president chief chiefs head commander commanders leader leaders lawmakers lawmaker legislators legislator parliament committee council
  diplomats diplomat envoy ambassador embassy watchdog group monitor prosecutors police spy spies directorate bureau headquarters center
  centre delegation officers officer generals counterparts allies partners alliance coalition network mission representatives
  representative adviser advisers advisor advisors aide aides correspondent journalist reporter bloggers blogger channels channel governor
  mayor fellow director professor specialist specialists commentator commentators insiders watchers operator investigators military's
  intelligence's ministry's government's agency's army's services' officials' statement briefing study survey tally analysis
  investigation review database people person force budget decree decrees document documents calculations update bulletin records tank
  sheriff company companies firm utility commission bank regulator treasury statisticians statistician economists economist forecasters
  forecaster pollster pollsters organisers organizers insurers insurer investors coroner union party board court authority organisation
  organization association inventory scheme audit census club clubs municipality ruling judgment judgement verdict tribunal judges judge
  coastguard hospital authors author broker brokers society consortium charity trust observatory laboratory university league federation
  desk volunteer volunteers foundation unit team division zoo museum gallery library theatre theater hospital college academy airport
  prison festival brigade inspectorate ombudsman registry school campaign city airline airlines carrier retailer supermarket lender
  miner hall jury unions guard`.split(/\s+/),
);

const ADJECTIVES = new Set(
  `military western foreign senior top former national independent international deputy acting unnamed anonymous security visiting local
  regional federal allied opposition presidential defence defense intelligence south north east west general naval air press policy draft think same previous latest`.split(
    /\s+/,
  ),
);

const CONNECTORS = new Set(['of', 'and', '&', 'for', 'at', 'from', 'on', 'by']);
const DETERMINERS = new Set(['the', 'a', 'an']);

// Capitalised words that open sentences or name times, never sources.
const NOT_NAMES = new Set(
  `The A An But And Or So Yet However Meanwhile Moreover Also Still Now Then Yesterday Today Tonight Since On In At By For From With
  Without After Before During While When Whereas If As Although Though Earlier Later Last Next This That These Those It Its They Their He
  His She Her We Our I Separately Instead Indeed Nevertheless Furthermore Overall Elsewhere Here There Most Many Some Several Few Both Each
  Every Such Other Another One Two Three Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December What Who Why How According Despite Under Over Citing Whilst Analysis Conclusion Using Including Excluding Counting Taking Adding Based Given Starting`.split(
    /\s+/,
  ),
);

/** A number, a month or a holiday opening a clause, a transcript's "Q", an "Update 2" label: words that never name a source. */
export const NOT_A_SOURCE =
  /^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Easter|Christmas|Ramadan|Thanksgiving|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Hundreds|Thousands|Update|UPDATE)(?:['’]s)?|To|In|On|At|For|By|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|Q|A)$/;

// "Motor claims account for 40%": a verb-like noun followed by its own verb.
export const NOUN_THEN_VERB =
  /^\s+(?:account|accounts|accounted|are|were|have|rose|fell|stood|stand|stands|totalled|totaled|reached|jumped|dropped|climbed|remain|remained|make\s+up|made\s+up)\b/;

const PRONOUNS = /^(?:he|she|they|it|we|i|him|them)$/i;

const tokenize = (s: string, offset = 0): Token[] =>
  [...s.matchAll(/[A-Za-zÀ-ɏ][\wÀ-ɏ.'’&-]*|[^\s\w]/g)].map((m) => {
    // A sentence-final period is punctuation, not part of the word, unless it is an abbreviation like U.S.
    let text = m[0];
    if (text.endsWith('.') && !/^(?:[A-Za-z]\.)+$/.test(text) && !/^(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|St)\.$/.test(text)) text = text.slice(0, -1);
    return { text, start: offset + (m.index ?? 0), end: offset + (m.index ?? 0) + text.length };
  });

/** "in" joins only a place name: "officials in Kyiv", not "troops in the region". */
const isConnector = (word: string, following: Token | undefined): boolean =>
  CONNECTORS.has(word.toLowerCase()) || (word === 'in' && following !== undefined && isCapitalised(following.text));

const isCapitalised = (t: string): boolean => /^[A-ZÀ-Þ]/.test(t) && !NOT_NAMES.has(t.replace(/['’]s$/, ''));
const isNounish = (t: string): boolean => isCapitalised(t) || ENTITY_NOUNS.has(t.toLowerCase()) || ADJECTIVES.has(t.toLowerCase());
const isHead = (t: string): boolean => isCapitalised(t) || ENTITY_NOUNS.has(t.toLowerCase());

/** The source-like noun phrase ending right at `end` of `s` (offsets relative to `s` plus `offset`). */
export const phraseBefore = (s: string, end: number, offset = 0): Phrase | undefined => {
  const tokens = tokenize(s.slice(0, end), offset);
  const kept: Token[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    if (isNounish(t.text)) kept.unshift(t);
    else if (isConnector(t.text, kept[0]) && kept.length && prev && isNounish(prev.text)) kept.unshift(t);
    else if (DETERMINERS.has(t.text.toLowerCase()) && kept.length) {
      kept.unshift(t);
      break;
    } else {
      // "the national grid operator", "the civil protection service": lower-case modifiers between "the" and a body's noun.
      const modifiers = describedBody(tokens, i, kept);
      if (modifiers) kept.unshift(...modifiers);
      break;
    }
  }
  // "his unit had counted", "the team said": a unit or a team names no one unless its owner or trade is told.
  const bare = kept.length === 1 || (kept.length === 2 && DETERMINERS.has(kept[0]?.text.toLowerCase() ?? ''));
  if (bare && /^(?:unit|team|division)$/i.test(kept.at(-1)?.text ?? '')) return undefined;
  return toPhrase(s, kept, offset);
};

const PLAIN_WORD = /^[a-z][a-z-]+$/;
const describedBody = (tokens: Token[], i: number, kept: Token[]): Token[] | undefined => {
  const head = kept[0];
  if (!head || !ENTITY_NOUNS.has(head.text.toLowerCase()) || kept.some((k) => isCapitalised(k.text))) return undefined;
  // ("the fire and rescue service": a public service's two modifiers joined by "and", not "the supermarket and convenience
  // retailer" describing a firm.)
  for (let k = 1; k <= 3 && i - k + 1 >= 0; k++) {
    const words = tokens.slice(i - k + 1, i + 1);
    const det = tokens[i - k];
    const joined = k === 3 && words[1]?.text === 'and' && /^(?:service|authority|department|agency|brigade|team)$/i.test(head.text);
    if (!words.every((w, n) => PLAIN_WORD.test(w.text) && (!CONNECTORS.has(w.text) || (joined && n === 1))) || !det || (k === 3 && !joined)) continue;
    if (/^the$/i.test(det.text)) return [det, ...words];
    // "Ghana's cocoa regulator": a place's own body.
    if (/^[A-Z][\w-]*['’]s$/.test(det.text) && !NOT_NAMES.has(det.text.slice(0, -2))) return [det, ...words];
    // "The Tirol mountain rescue service": a place or name before the modifiers.
    const named = properBefore(tokens, i - k);
    if (named) return [...named, ...words];
    // "the college's annual admissions report", "the ambulance service's volunteer unit": a described owner before the modifiers.
    if (/^[a-z]+['’]s$/.test(det.text))
      for (let n = 1; n <= 3; n++) {
        const the = tokens[i - k - n];
        const owner = tokens.slice(i - k - n + 1, i - k);
        if (!the || !owner.every((w) => PLAIN_WORD.test(w.text))) break;
        if (/^the$/i.test(the.text)) return [the, ...owner, det, ...words];
      }
  }
  return undefined;
};

/** "the Tirol", "the Lower Saxony": one or two capitalised words ending at `j`, after "the". */
const properBefore = (tokens: Token[], j: number): Token[] | undefined => {
  for (let n = 1; n <= 2; n++) {
    const names = tokens.slice(j - n + 1, j + 1);
    const the = tokens[j - n];
    if (names.length < n || !names.every((w) => isCapitalised(w.text) && !CONNECTORS.has(w.text))) return undefined;
    if (the && /^the$/i.test(the.text)) return [the, ...names];
  }
  return undefined;
};

/** The source-like noun phrase starting at `start` of `s`. */
export const phraseAfter = (s: string, start: number, offset = 0): Phrase | undefined => {
  const tokens = tokenize(s.slice(start), offset + start);
  const kept: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const lower = t.text.toLowerCase();
    // "according to two people familiar with ...", "several officials said".
    if (!kept.length && (DETERMINERS.has(lower) || /^(?:its|their|his|her|one|two|three|four|five|several|multiple)$/.test(lower))) kept.push(t);
    else if (
      kept.length &&
      DETERMINERS.has((kept[0] as Token).text.toLowerCase()) &&
      !kept.slice(1).some((k) => isHead(k.text)) &&
      !isNounish(t.text) &&
      PLAIN_WORD.test(t.text)
    ) {
      // "the civil protection service", "the national meteorological institute": up to two lower-case modifiers
      // (after any known adjectives) before a body's noun.
      const ahead = tokens.slice(i, i + 3);
      const at = ahead.findIndex((w) => ENTITY_NOUNS.has(w.text.toLowerCase()));
      if (at < 1 || !ahead.slice(0, at).every((w) => PLAIN_WORD.test(w.text) && !CONNECTORS.has(w.text) && !ENTITY_NOUNS.has(w.text))) break;
      kept.push(...ahead.slice(0, at + 1));
      i += at;
    } else if (isNounish(t.text)) kept.push(t);
    else if (isConnector(t.text, next) && kept.some((k) => isNounish(k.text)) && next && (isNounish(next.text) || next.text.toLowerCase() === 'the'))
      kept.push(t);
    else if (lower === 'the' && kept.length && CONNECTORS.has((kept[kept.length - 1] as Token).text.toLowerCase())) kept.push(t);
    else break;
  }
  while (kept.length && !isNounish((kept[kept.length - 1] as Token).text)) kept.pop();
  return toPhrase(s, kept, offset);
};

const toPhrase = (s: string, kept: Token[], offset: number): Phrase | undefined => {
  while (kept.length && CONNECTORS.has((kept[0] as Token).text.toLowerCase())) kept.shift();
  if (!kept.some((t) => isHead(t.text))) return undefined;
  const first = kept[0] as Token;
  const last = kept[kept.length - 1] as Token;
  return { start: first.start, end: last.end, text: s.slice(first.start - offset, last.end - offset) };
};

/** The last word before `end`, for pronoun and passive checks. */
export const wordBefore = (s: string, end: number): string => /([\w'’]+)\W*$/.exec(s.slice(0, end))?.[1] ?? '';

export const isPronoun = (word: string): boolean => PRONOUNS.test(word);

/** "a senior U.S. defense official": a phrase whose last word names a person or body. */
export const endsWithEntityNoun = (phrase: string): boolean => ENTITY_NOUNS.has((/([\w'’-]+)\W*$/.exec(phrase)?.[1] ?? '').toLowerCase());

/** Cleans a phrase for display: drops a leading article and report nouns ("data from", "estimates by"). */
export const cleanSource = (raw: string): string =>
  raw
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(
      /^(?:(?:new\s+|latest\s+)?(?:data|figures|estimates?|reports?|an?\s+assessment|assessments?|analysis|calculations|statistics)\s+(?:from|by|of)\s+)(?:the\s+)?/i,
      '',
    )
    // "the General Staff on Facebook": the channel is not part of the name.
    .replace(/\s+(?:on|via)\s+(?:Facebook|Telegram|X|Twitter|Instagram|YouTube|VKontakte|Weibo)$/, '')
    .replace(/[\s,]+$/, '')
    .trim();
