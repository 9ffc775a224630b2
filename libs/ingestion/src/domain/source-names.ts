/** A catalog source as far as name resolution cares. */
export interface SourceNames {
  sourceId: string;
  name: string;
  aliases: readonly string[];
}

// Words that only say what kind of thing a source is: "Dutch intelligence services" is "Dutch intelligence".
const GENERIC_TAIL = /(?: (?:service|services|report|reports|assessment|assessments|estimate|estimates|officials|sources|agency|agencies))+$/;

/**
 * The comparable form of a source name: no accents, lower case, "U.S." → "us",
 * possessives and punctuation gone ("Ukraine's" → "ukraine"), no leading
 * article, no trailing generic noun. Catalog names and aliases go through the
 * same function, so only the spelling noise is ignored, never the words.
 */
export function normaliseSourceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/'s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(GENERIC_TAIL, '')
    .trim();
}

export class SourceIndex {
  private readonly byName = new Map<string, string>();
  private readonly spellings: { normalised: string; sourceId: string }[] = [];

  constructor(sources: Iterable<SourceNames> = []) {
    for (const source of sources) this.add(source);
  }

  /** Later additions (sources created by this job) never shadow a catalog spelling. */
  add(source: SourceNames): void {
    for (const spelling of [source.sourceId, source.name, ...source.aliases]) {
      const normalised = normaliseSourceName(spelling);
      if (!normalised || this.byName.has(normalised)) continue;
      this.byName.set(normalised, source.sourceId);
      this.spellings.push({ normalised, sourceId: source.sourceId });
    }
    this.spellings.sort((a, b) => b.normalised.length - a.normalised.length);
  }

  exact(name: string): string | undefined {
    return this.byName.get(normaliseSourceName(name));
  }

  /** The longest catalog spelling inside the name, as whole words ("US Secretary of State Antony Blinken" → "antony blinken"). */
  contained(name: string): string | undefined {
    const haystack = ` ${normaliseSourceName(name)} `;
    // One short word ("us", "uk") is too thin to recognise a source inside a longer name.
    const hit = this.spellings.find((s) => (s.normalised.includes(' ') || s.normalised.length >= 5) && haystack.includes(` ${s.normalised} `));
    return hit?.sourceId;
  }
}

/**
 * Who a name refers to, as catalog source ids; `[]` when nobody known.
 *
 * 1. the whole name, normalised ("HUR", "Ukraine's military intelligence");
 * 2. "X citing Y": Y, whose figure it is, else X;
 * 3. a joint attribution, "A and B", "A, B and C", with a shared noun spread
 *    over the parts ("US and South Korean intelligence" → "US intelligence",
 *    "South Korean intelligence"): every part must be known;
 * 4. the longest known spelling inside the name.
 */
export function resolveSourceName(raw: string, index: SourceIndex): string[] {
  const name = cleanSourceName(raw);
  const exact = index.exact(name);
  if (exact) return [exact];
  const citing = /^(.+?),?\s+citing\s+(.+)$/i.exec(name);
  if (citing) {
    for (const part of [citing[2]!, citing[1]!]) {
      const ids = resolveSourceName(part, index);
      if (ids.length > 0) return ids;
    }
    return [];
  }
  const joint = jointParts(name)
    .map((part) => index.exact(part) ?? index.contained(part))
    .filter((id): id is string => id !== undefined);
  if (joint.length > 1 && joint.length === jointParts(name).length) return [...new Set(joint)];
  const contained = index.contained(name);
  return contained ? [contained] : [];
}

/**
 * "A and B N" → ["A N", "B N"]: the shared noun N is the lower-case tail of
 * the last part ("US and South Korean intelligence" → "US intelligence",
 * "South Korean intelligence"); parts that end in a name get it. "A, B and C"
 * without such a tail → the parts as written.
 */
export function jointParts(name: string): string[] {
  const parts = name
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return [name];
  const noun = /(?:^|\s)((?:[a-z][\w-]*\s*)+)$/.exec(parts.at(-1)!)?.[1]?.trim() ?? '';
  const endsInName = (part: string) => /[A-Z][\w.'’-]*$/.test(part);
  return parts.map((part, i) => (i < parts.length - 1 && noun && endsInName(part) ? `${part} ${noun}` : part));
}

/** The display name for a source the catalog lacks: the origin of a "X citing Y", without a leading article or trailing punctuation. */
export function cleanSourceName(raw: string): string {
  return raw
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[\s.,;:]+$/, '')
    .replace(/\s+/g, ' ');
}

export function originOf(raw: string): string {
  const citing = /^(.+?),?\s+citing\s+(.+)$/i.exec(cleanSourceName(raw));
  return cleanSourceName(citing ? citing[2]! : raw);
}
