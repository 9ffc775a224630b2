import { subjectErased } from '../domain/subject';
import { ERASED_MARKER, isPersonalToken, openPersonal, parsePersonalToken, sealPersonal } from './personal-token';

/** A subject's key as loaded: its bytes, or 'erased' (the tombstone). Absent: the subject has no key yet. */
export type LoadedKey = Buffer | 'erased';

/** Thrown by `seal` when the subject has no key yet: the caller makes one and tries again. An erased subject's is `subject.erased` (409). */
export class SubjectKeyMissing extends Error {
  constructor(readonly subject: string) {
    super(`subject ${subject} has no data key yet`);
  }
}

/** Keys loaded for a few subjects: synchronous sealing and revealing (deciders and views are synchronous). */
export class KeyRing {
  constructor(private readonly keys: ReadonlyMap<string, LoadedKey>) {}

  seal(subject: string, text: string): string {
    const key = this.keys.get(subject);
    if (key === undefined) throw new SubjectKeyMissing(subject);
    if (key === 'erased') throw subjectErased(subject);
    return sealPersonal(subject, key, text);
  }

  /** The text behind a token, ERASED_MARKER when its key is gone (or not here); any other value as it is. */
  reveal<T>(value: T): T | string {
    if (!isPersonalToken(value)) return value;
    const token = parsePersonalToken(value)!;
    const key = this.keys.get(token.subject);
    const text = key instanceof Buffer ? openPersonal(token, key) : null;
    return text ?? ERASED_MARKER;
  }
}

/** Every subject a value's personal tokens name (a view, an event's data). */
export function subjectsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (isPersonalToken(value)) into.add(parsePersonalToken(value)!.subject);
  else if (Array.isArray(value)) for (const item of value) subjectsIn(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) subjectsIn(item, into);
  return into;
}

/** A copy of `value` with every personal token revealed (or marked erased). Plain JSON values only. */
export function revealDeep<T>(value: T, ring: KeyRing): T {
  if (typeof value === 'string') return ring.reveal(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => revealDeep(item, ring)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealDeep(v, ring)])) as T;
  }
  return value;
}

/** JSON objects only: a stream, a reply or a Date passes through untouched. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
