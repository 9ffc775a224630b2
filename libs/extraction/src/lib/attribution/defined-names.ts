// Names a document defines in parentheses and then uses alone: a defined term ('Korvell Pharma S.p.A. (the "Company")',
// '("Kestrel" or "the Company")') and an acronym ("The Transport Authority of Novi Brod (TANB) … TANB published").
// Both stand for the name they define, so every spelling is one source. Read once per text.

// Defined terms in quotes or after "the", not a dateline's "(Reuters)".
const TERM = String.raw`(?:the\s+["“]?|["“](?:the\s+)?)[A-Z][a-z]+["”]?`;
const TERM_DEFINITION = new RegExp(
  String.raw`((?:[A-Z][\w&.'’-]*[ \t]+){0,5}[A-Z][\w&.'’-]*)\s*\(\s*(${TERM}(?:\s*(?:,|or|and)\s*${TERM})*)\s*\)`,
  'g',
);
const ACRONYM_DEFINITION = /((?:[A-Z][\w'’&.-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*){1,7}[A-Z][\w'’&.-]*)[ \t]*\([ \t]*([A-Z]{2,8})[ \t]*\)/g;
const LEGAL_FORM = /\s+S\.p\.A\.?$|,?\s+(?:Inc|Ltd|Limited|plc|S\.A|AG|SE|N\.V)\.?$/;

/** A company's name without its legal form ("Kestrel Ridge Resources Limited" is "Kestrel Ridge Resources"). */
export const withoutLegalForm = (name: string): string => name.replace(/^(?:The|A)\s+/, '').replace(LEGAL_FORM, '');

interface Definitions {
  terms: Map<string, string>;
  acronyms: Map<string, string>;
}

let definedIn: { text: string; definitions: Definitions } | undefined;

const definitionsOf = (text: string): Definitions => {
  if (definedIn?.text === text) return definedIn.definitions;
  const terms = new Map<string, string>();
  for (const m of text.matchAll(TERM_DEFINITION)) {
    const named = withoutLegalForm(m[1] ?? '');
    for (const t of (m[2] ?? '').matchAll(/([A-Z][a-z]+)["”]?/g)) if (t[1] && !terms.has(t[1])) terms.set(t[1], named);
  }
  const acronyms = new Map<string, string>();
  for (const m of text.matchAll(ACRONYM_DEFINITION)) {
    const name = (m[1] ?? '').replace(/^(?:The|A|An)\s+/, '');
    const acronym = m[2] ?? '';
    // The acronym's letters are the name's initials ("TANB" for "Transport Authority of Novi Brod"), not a ticker.
    const initials = name
      .split(/\s+/)
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('');
    if (initials === acronym && !acronyms.has(acronym)) acronyms.set(acronym, name);
  }
  definedIn = { text, definitions: { terms, acronyms } };
  return definedIn.definitions;
};

/** The name a defined term ("the Company", "Kestrel") stands for, else the name as written. */
export const definedTerm = (name: string, text: string): string => {
  const term = /^(?:the\s+)?([A-Z][a-z]+)$/.exec(name)?.[1];
  return (term && definitionsOf(text).terms.get(term)) ?? name;
};

/** The name a bare acronym was defined as in the text, else the acronym as written. */
export const definedAcronym = (name: string, text: string): string =>
  /^[A-Z]{2,8}$/.test(name) ? (definitionsOf(text).acronyms.get(name) ?? name) : name;
