import { isNamed, kindOf } from './coreference';

// Who a word or a name is, as the text around it says: a person's name, or a common noun that only opens a sentence.

// "Dr Ruth Okafor", "Jane Moss, the captain,", "chief executive Ann Bell": a name the text marks as a person's (two
// capitalised words alone may be a body: "TechPulse Research", "Consultancy Linerlytics").
const TITLE = String.raw`(?:Dr|Mr|Mrs|Ms|Prof|Cllr|Councillor|Sir|Dame)\.?\s+`;
const ROLE = String.raw`(?:director|captain|chair|chairman|chairwoman|chief|head|manager|officer|secretary|minister|spokes(?:person|man|woman)|president|founder|leader|curator|keeper|author|professor|councillor|mayor|governor|executive|editor|treasurer|presenter|host|lead)`;
const PERSON_NAME = new RegExp(String.raw`^(?:${TITLE})?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}$`);
const TITLED = new RegExp(`^${TITLE}`);
// The words around a name joined by "|": a role before it ("chief executive |") or in apposition after it ("|, the captain").
const ROLE_AROUND = new RegExp(String.raw`\b${ROLE},?\s+\||^[^|]*\|,\s+(?:the|its|their|a)\s+(?:[a-z-]+\s+){0,3}${ROLE}\b`);
/** A person's name as written, which a title, or a role in apposition or before it, marks as a person's. */
export const isPersonName = (raw: string, text = ''): boolean => {
  const name = raw.trim();
  if (!isNamed(name) || !PERSON_NAME.test(name) || kindOf(name) !== 'person') return false;
  if (TITLED.test(name)) return true;
  const at = text.indexOf(name);
  if (at < 0) return false;
  return ROLE_AROUND.test(text.slice(Math.max(0, at - 40), at) + '|' + text.slice(at + name.length, at + name.length + 60));
};

// A name of two or three capitalised words inside a sentence (after a lower-case word or a comma), not its first word.
const PERSON_IN_SENTENCE = new RegExp(String.raw`(?<=[a-z,]\s)((?:${TITLE})?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\b`, 'g');

/** "Your chair, Ann Bell, was on the show in May, and she told me": the last person named between `from` and `to`. */
export const personNamedBefore = (text: string, from: number, to: number): string | undefined =>
  [...text.slice(from, to).matchAll(PERSON_IN_SENTENCE)].map((m) => m[1] ?? '').findLast((name) => isPersonName(name, text));

/**
 * Whether a one-word subject ("Passengers", "Paddleboarders") is a common noun opening its sentence rather than a
 * name: the word, or its stem beside "paddleboards", is written in lower case elsewhere, and it is never capitalised
 * inside a sentence. Memoised per text.
 */
export const commonWordTest = (text: string): ((subject: string) => boolean) => {
  const seen = new Map<string, boolean>();
  return (subject) => {
    if (!/^[A-Z][a-z]+$/.test(subject)) return false;
    let common = seen.get(subject);
    if (common === undefined) {
      const stem = subject.toLowerCase().slice(0, Math.max(6, subject.length - 3));
      common =
        new RegExp(String.raw`\b${subject.toLowerCase()}\b`).test(text) ||
        (subject.length >= 7 && new RegExp(String.raw`\b${stem}`).test(text) && !new RegExp(String.raw`[a-z,]\s+${subject}\b`).test(text));
      seen.set(subject, common);
    }
    return common;
  };
};
