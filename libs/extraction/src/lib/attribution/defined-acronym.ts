// "The Transport Authority of Novi Brod (TANB) ... TANB published": an acronym the text defines stands for the name it
// defines, so both spellings are one source. Read once per text.
const DEFINED = /((?:[A-Z][\w'’&.-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)*){1,7}[A-Z][\w'’&.-]*)[ \t]*\([ \t]*([A-Z]{2,8})[ \t]*\)/g;

let definedIn: { text: string; names: Map<string, string> } | undefined;

const definitions = (text: string): Map<string, string> => {
  if (definedIn?.text === text) return definedIn.names;
  const names = new Map<string, string>();
  for (const m of text.matchAll(DEFINED)) {
    const name = (m[1] ?? '').replace(/^(?:The|A|An)\s+/, '');
    const acronym = m[2] ?? '';
    // The acronym's letters are the name's initials ("TANB" for "Transport Authority of Novi Brod"), not a ticker.
    const initials = name
      .split(/\s+/)
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('');
    if (initials === acronym && !names.has(acronym)) names.set(acronym, name);
  }
  definedIn = { text, names };
  return names;
};

/** The name a bare acronym was defined as in the text, else the acronym as written. */
export const definedAcronym = (name: string, text: string): string => (/^[A-Z]{2,8}$/.test(name) ? (definitions(text).get(name) ?? name) : name);
