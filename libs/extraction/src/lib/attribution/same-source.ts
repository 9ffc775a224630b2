const sourceWords = (source: string): string[] =>
  source
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && w !== 'the' && w !== 'of');
const GENERIC = /^(?:national|regional|local|state|federal|central|general|public|international|european|global|world|new|united|city|county)$/;
/** "the air force" and "Ukraine's air force", "the mission" and "the U.N. monitoring mission": one names the other. */
export const sameSource = (a: string, b: string): boolean => {
  const [short, long] = [sourceWords(a), sourceWords(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (short.length > 0 && short.every((w) => long.includes(w))) return true;
  // "Food bank network" and "Harbour Food Network": the same head and another specific word.
  const specific = short.filter((w) => long.includes(w) && !GENERIC.test(w));
  if (short.at(-1) === long.at(-1) && specific.length >= 2) return true;
  // "ONS" and "Office for National Statistics": an acronym of the other's capitalised words.
  const acronym = (x: string): string => (x.match(/\b[A-Z]/g) ?? []).join('');
  const bare = (x: string): string | undefined => (/^[A-Z]{2,6}$/.test(x.trim()) ? x.trim() : undefined);
  const [abbr, full] = bare(a) ? [bare(a), b] : [bare(b), a];
  return abbr !== undefined && abbr.length >= 2 && acronym(full) === abbr;
};
