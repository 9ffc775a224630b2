import type { SourceAlias } from '../types';
import { definedAcronym, definedTerm } from './defined-names';
import { cleanSource } from './noun-phrase';

export interface ResolvedSource {
  source: string;
  sourceText?: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Turns an attribution as written into the source the ledger stores: "Mr
 * Rutte" becomes the full name used earlier in the text, and a configured
 * alias becomes its canonical name. "X citing Y" resolves both sides.
 */
export const resolveSource = (raw: string, text: string, before: number, aliases: SourceAlias[]): ResolvedSource => {
  const parts = raw.split(/\s+citing\s+/);
  const resolved = parts.map((part) =>
    canonical(expandAcronym(definedAcronym(definedTerm(fullName(cleanSource(part), text, before), text), text)), aliases),
  );
  const source = resolved.join(' citing ');
  return source === raw ? { source } : { source, sourceText: raw };
};

const SKIPPED_LEAD =
  /^(?:The|A|An|But|And|On|In|Yesterday|Today|Mr|Mrs|Ms|Dr|Since|When|While|As|At|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** "Mr Blinken" → "US Secretary of State Antony Blinken" when the text named him so earlier. */
const fullName = (name: string, text: string, before: number): string => {
  const titled = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][\w'’-]+)$/.exec(name);
  if (!titled) return name;
  const surname = titled[1] as string;
  const runs = [
    ...text
      .slice(0, before)
      .matchAll(new RegExp(String.raw`((?:[A-Z][\w.'’-]*[ \t]+(?:(?:of|for)[ \t]+(?:the[ \t]+)?)?){1,8})${escape(surname)}\b`, 'g')),
  ];
  let best = '';
  for (const run of runs) {
    const words = (run[1] ?? '').trim().split(/\s+/);
    // Drop sentence openers and titles that would otherwise lead the run.
    while (words.length && SKIPPED_LEAD.test(words[0] as string)) words.shift();
    if (!words.length) continue;
    const candidate = `${words.join(' ')} ${surname}`;
    if (candidate.length > best.length) best = candidate;
  }
  return best || name;
};

// A bare two-letter acronym is too thin to compare sources by; spell it out.
const ACRONYMS: Record<string, string> = { US: 'United States', UK: 'United Kingdom', EU: 'European Union', UN: 'United Nations' };

const expandAcronym = (name: string): string => ACRONYMS[name.replace(/\./g, '')] ?? name;

const canonical = (name: string, aliases: SourceAlias[]): string => {
  let best: { name: string; length: number } | undefined;
  for (const alias of aliases) {
    for (const spelling of [alias.name, ...alias.aliases]) {
      if (!spelling.trim()) continue;
      const re = new RegExp(String.raw`(?:^|[^\w])${escape(spelling.trim())}(?:$|[^\w])`, 'i');
      if (re.test(name) && (!best || spelling.length > best.length)) best = { name: alias.name, length: spelling.length };
    }
  }
  return best?.name ?? name;
};
