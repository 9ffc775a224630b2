// Coreference for attribution: a definite description ("the agency", "the company", "the sheriff", "the
// statisticians") names no one by itself; it means the last named source it is compatible with. Which
// descriptions fit which names is data (description-heads.ts), not topic vocabulary: any story names its sources this way.
import { HEADS } from './description-heads';
import { isNameWordDescription } from './name-word-heads';

const HEAD_WORDS = Object.keys(HEADS).join('|');
// "the agency", "the network operator", "the statistics office", "the same service"; a plural head ("the statisticians") is one word.
// The head and its modifiers are lower case: "the Met Office" is a name.
// "the Leeds-based company": where a body is based says where it is, not who it is.
const LOCATED = String.raw`[A-Z][\w'’]*-(?:based|headquartered|listed|registered)`;
const DESCRIPTION = new RegExp(String.raw`^[Tt]he\s+(?:same\s+)?(?:(?:[a-z][\w-]*|${LOCATED})\s+){0,2}?(${HEAD_WORDS})s?$`);
// "a spokesperson for the company": a person speaking for a described body.
const SPEAKING_FOR = new RegExp(
  String.raw`^(?:[Aa]n?|[Tt]he)\s+(?:spokes(?:person|man|woman)|representative|official|executive)\s+(?:for|of|at|from)\s+(the\s+(?:[a-z][\w-]*\s+){0,2}?(?:${HEAD_WORDS})s?)$`,
);
// Words that mark a name as a body's rather than a person's.
const ORG_WORD =
  /\b(?:[A-Z]{2,}|Fire|Service|Services|Networks?|Rail|Office|Commission|Electric|Gas|Power|Energy|Bank|Ministry|Department|Agency|Police|Council|Institute|Association|Union|Organi[sz]ation|Authority|Bureau|Company|Corp|Inc|Group|Statistics|Centre|Center|Board|Court|Committee|Party|Alliance|Fund|University|Observatory|Laboratory|Trust|Airlines?|Transport|Government|Survey|Administration|Capital|Water|Utilities|Telecom|Mobile|Airways|Media|Labs|Systems|Technologies|Industries|Motors|Holdings|Partners|Communications|Hospital|Health|Terminals?|Ports?|Stores|Retail|Logistics|Shipping|Lines|Reuters|Eurostat|Verisk|Zoo|Gardens|Museum|Gallery|Theatre|Theater|Library|Foundation|Society|Club|League|Team|College|School|Academy|Festival|Orchestra|Federation|Chamber|Cooperative|Co-operative|Charity|Brigade|Campaign|Coalition|Rescue|Analytics|Consulting|Consultants|Advisors|Advisers|Insights|plc|PLC|Ltd|Limited|GmbH|LLC|LLP|Foods|Therapeutics|Pharmaceuticals|Pharma|Airport|Insurers|Buses)\b/;

export interface Coreference {
  /** The named source the description means. */
  source: string;
  /** The description as written. */
  description: string;
}

// A sentence-initial common noun ("Officials", "Police", "Rescuers") is capitalised but names no one.
const COMMON_OPENING =
  /^(?:Officials|Authorities|Police|Rescuers|Residents|Witnesses|Experts|Analysts|Lawmakers|Investigators|Organi[sz]ers|Insurers|Investors|Economists|Sources|Aid groups|Engineers|Crews|Councillors|Voters|Workers|Staff|Unions|Doctors|Nurses|Teachers|Shoppers|Passengers)\b(?!\s+(?:of|for|at)\s+[A-Z])/;
export const isNamed = (raw: string): boolean =>
  /[A-Z]/.test(raw.replace(/^(?:The|A|An)\s/, '')) && !DESCRIPTION.test(raw) && !COMMON_OPENING.test(raw);
// A one-word name ("Mediazona", "Verisk") is a body's; two or three capitalised words without a body's word, a person's.
// "operator Movilia", "industry association ANIA": a lower-case descriptor before the name says what it is.
const descriptorOf = (name: string): string => /^(?:the\s+)?((?:[a-z][\w-]*\s+)+)(?=[A-Z])/.exec(name)?.[1]?.trim() ?? '';
export const kindOf = (name: string): 'org' | 'person' => {
  const descriptor = descriptorOf(name);
  const head = descriptor.split(/\s+/).at(-1) ?? '';
  if (head && HEADS[head]) return HEADS[head].kind === 'person' ? 'person' : 'org';
  const bare = name
    .replace(/^the\s+/i, '')
    .slice(descriptor.length)
    .trim();
  return ORG_WORD.test(bare) || !/\s/.test(bare) ? 'org' : 'person';
};
// "the motorway operator" cannot mean "industry association ANIA": a name whose own descriptor has another head.
const GENERIC_MODIFIERS = new Set([
  'national',
  'regional',
  'local',
  'state',
  'state-owned',
  'federal',
  'main',
  'largest',
  'biggest',
  'former',
  'private',
  'public',
  'city',
  'county',
  'country',
  'central',
  'same',
  'other',
  'whole',
  'think',
  'previous',
  'latest',
  'last',
  'first',
  'annual',
  'official',
  'recent',
  'earlier',
  'original',
  'final',
  'preliminary',
  'provisional',
  'quarterly',
  'monthly',
  'weekly',
  'daily',
]);

// Heads of one family may name the same body ("the company" for "telecom operator Movilia").
const FAMILIES = [
  ['company', 'chain', 'firm', 'operator', 'utility', 'insurer', 'group', 'bank', 'outlet', 'newspaper', 'broadcaster', 'website', 'site'],
  [
    'agency',
    'ministry',
    'department',
    'office',
    'commission',
    'service',
    'council',
    'board',
    'authority',
    'regulator',
    'government',
    'bureau',
    'centre',
    'center',
    'institute',
    'statisticians',
  ],
];
// "the company" after "developer Nordhav Energi" or "insurer Hallmark": a trade introduces a company as "company" does.
const COMPANY_INTRODUCERS = (
  'company firm developer maker manufacturer producer retailer airline carrier lender miner builder shipbuilder supplier ' +
  'provider startup brewer insurer bank operator'
).split(' ');
/** The heads whose introduction of a name counts for `head`: its own, and any trade for "the company" or "the firm". */
const introducers = (head: string): readonly string[] => (head === 'company' || head === 'firm' ? COMPANY_INTRODUCERS : [head]);
const otherHead = (name: string, head: string): boolean => {
  const own = descriptorOf(name).split(/\s+/).at(-1) ?? '';
  return own !== '' && own !== head && HEADS[own] !== undefined && !FAMILIES.some((f) => f.includes(own) && f.includes(head));
};

/** A name of a body, or a body's common name at a sentence's start ("Police", "Firefighters"). */
export const isBodyName = (raw: string): boolean =>
  (isNamed(raw) && ORG_WORD.test(raw) && kindOf(raw) === 'org') ||
  /^(?:Police|Firefighters|Rescuers|Authorities|Officials|Coastguards?|Paramedics|Border\s+guards)$/.test(raw.trim());

/** "the refugee agency's spokesperson" → "the refugee agency": who a spokesperson speaks for. */
export const bodyOfSpeaker = (raw: string): string => raw.replace(/['’]s\s+(?:spokes(?:person|man|woman)|representative|press\s+office)\b.*$/i, '');

/** True when the attribution as written is a description to resolve rather than a name. */
/** (With the text: "the hospice" after "St Brannoc's Hospice", a description by a word of one of its names.) */
export const isDescription = (raw: string, text?: string): boolean =>
  DESCRIPTION.test(raw.trim()) || SPEAKING_FOR.test(raw.trim()) || (text !== undefined && isNameWordDescription(raw, text));

/**
 * Resolves a definite description against the sources named before it, nearest first (`earlier`, each with how
 * many sentences back it was named). A name holding the description's head word wins at any distance; else one
 * whose words fit the head (a utility's "Power", a statistics body's "Statistics") or, within `nearBy` sentences,
 * the last name of the right kind.
 */
export const resolveDescription = (
  raw: string,
  earlier: { raw: string; distance: number }[],
  nearBy = 4,
  text = '',
  whole = text,
): Coreference | undefined => {
  const trimmed = raw.trim();
  const inner = SPEAKING_FOR.exec(trimmed)?.[1];
  const named = earlier.filter((e) => isNamed(e.raw));
  // "the hospice": the last name holding the word, nearest first.
  const nameWord = !inner && isNameWordDescription(trimmed, whole) ? trimmed.replace(/^[Tt]he\s+/, '') : undefined;
  if (nameWord) {
    const word = new RegExp(String.raw`\b${nameWord}\b`, 'i');
    const holding = named.find((e) => word.test(e.raw));
    return holding ? { source: holding.raw, description: trimmed } : undefined;
  }
  const head = DESCRIPTION.exec(inner ?? trimmed)?.[1];
  const spec = head ? HEADS[head] : undefined;
  if (!head || !spec) return undefined;
  // "the council" is in "Harrowfield Borough Council", not in "Councillor Priya Mandal".
  const headWord = new RegExp(String.raw`\b${head}(?:e?s)?(?![\w-])`, 'i');
  // "the statistics office" fits "Eurostat", "the network operator" "Northern Power Networks": a modifier's stem in the name.
  const modifiers = (inner ?? trimmed)
    .replace(/^[Tt]he\s+/, '')
    .split(/\s+/)
    .slice(0, -1)
    .filter((w) => w.length >= 4 && w !== 'same');
  const stems = modifiers.map((w) => new RegExp(w.slice(0, 4), 'i'));
  // "the national power company" names its trade: a name that fits only the head's hint ("Airline Icelandair" for
  // "company") or only its kind is another body; generic modifiers ("national", "regional") say nothing.
  const specific = modifiers.some((w) => !GENERIC_MODIFIERS.has(w.toLowerCase()) && !new RegExp(`^${LOCATED}$`).test(w));
  const fits = (e: { raw: string }): boolean => !specific || stems.some((st) => st.test(e.raw));
  // "the operator" after "the national grid operator": a longer description with the same head, when no name holds or
  // fits the head (before a loose match of kind: a nearer one-word subject is likelier a label than the body).
  // "the agency" after "the refugee agency's spokesperson": the body the speaker speaks for.
  const longer = earlier
    .map((e) => ({ ...e, raw: bodyOfSpeaker(e.raw) }))
    .find((e) => !isNamed(e.raw) && DESCRIPTION.exec(e.raw)?.[1] === head && e.raw.length > trimmed.length && e.distance <= nearBy && fits(e));
  if (!spec.hint && spec.kind === 'person' && !named.some((e) => headWord.test(e.raw))) return undefined;
  const found =
    named.find((e) => headWord.test(e.raw) && fits(e)) ??
    (/^[Tt]he\s+\S+$/.test(inner ?? trimmed) ? onlyNameWith(whole, head) : undefined) ??
    named.find((e) => introducedAs(text, e.raw, head)) ??
    named.find((e) => (spec.hint?.test(e.raw) || stems.some((s) => s.test(e.raw))) && fits(e) && e.distance <= nearBy * 3) ??
    longer ??
    (spec.loose
      ? named.find((e) => e.distance <= nearBy && fits(e) && !otherHead(e.raw, head) && (spec.kind === 'any' || kindIn(whole, e.raw) === spec.kind))
      : undefined);
  return found ? { source: found.raw, description: trimmed } : undefined;
};

/**
 * "the trust says" in a live page whose oldest entry, at the bottom, names "Eastmoor Health Trust": the one name in the
 * whole text that holds the head word, wherever it stands (read once per text and head).
 */
let namesWith: { text: string; found: Map<string, { raw: string; distance: number } | undefined> } = { text: '', found: new Map() };
const onlyNameWith = (whole: string, head: string): { raw: string; distance: number } | undefined => {
  if (namesWith.text !== whole) namesWith = { text: whole, found: new Map() };
  if (namesWith.found.has(head)) return namesWith.found.get(head);
  const word = head.charAt(0).toUpperCase() + head.slice(1);
  const re = new RegExp(String.raw`(?<![\p{L}'’-])((?:\p{Lu}[\p{L}'’&-]*[ \t]+){1,4}${word})(?![\p{L}'’-])`, 'gu');
  const names = new Set([...whole.matchAll(re)].map((m) => (m[1] ?? '').replace(/^The\s+/, '')));
  const found = names.size === 1 ? { raw: [...names][0] as string, distance: 0 } : undefined;
  namesWith.found.set(head, found);
  return found;
};

/**
 * `kindOf`, except that a one-word name the text gives a person ("Helen Mowbray", then "Mowbray") is a person; anywhere in
 * the text, since a live blog names the person below the update. Memoised per text (one scan per name).
 */
let surnamesOf: { text: string; kinds: Map<string, 'org' | 'person'> } = { text: '', kinds: new Map() };
const kindIn = (text: string, raw: string): 'org' | 'person' => {
  const kind = kindOf(raw);
  if (kind === 'person' || !/^[A-Z][a-z'’-]+$/.test(raw)) return kind;
  if (surnamesOf.text !== text) surnamesOf = { text, kinds: new Map() };
  const known = surnamesOf.kinds.get(raw);
  if (known) return known;
  // After a title, or in apposition ("The Chancellor, Helen Mowbray, said"): a person's full name.
  const surname = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?\s+${raw}\b|(?<=,\s)[A-Z][a-z'’-]+\s+${raw}(?=\s*,)`);
  const found = surname.test(text) ? 'person' : kind;
  surnamesOf.kinds.set(raw, found);
  return found;
};

const DOCUMENT_HEADS = new Set(['report', 'survey', 'audit', 'inventory', 'census', 'bulletin']);
/**
 * Whether the text introduced `name` by the description's head (for "the company", any trade): "the monitoring group
 * Bosque Vivo", "The trucking company, Midwest Agri-Haul, said" (a description and the name in apposition), or for a
 * document "a report ... by the group X".
 */
const introducedAs = (text: string, name: string, head: string): boolean => {
  if (!text || name.length < 3 || !/^[A-Z]/.test(name)) return false;
  // One pattern for all the heads that introduce a name for this one (a company's trades): one search per name.
  let before = introducerPatterns.get(head);
  if (!before) {
    const by = (h: string): string =>
      DOCUMENT_HEADS.has(h) ? String.raw`[^.;]{0,80}?\bby\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}` : String.raw`s?,?\s+`;
    introducerPatterns.set(
      head,
      (before = new RegExp(
        String.raw`\b(?:${introducers(head)
          .map((h) => h + by(h))
          .join('|')})$`,
      )),
    );
  }
  // Each place the name stands, with the words before it: a native search, not a pattern run over the whole window.
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
    if (!/[\w]/.test(text[i + name.length] ?? '') && before.test(text.slice(Math.max(0, i - 120), i))) return true;
  return false;
};
const introducerPatterns = new Map<string, RegExp>();
