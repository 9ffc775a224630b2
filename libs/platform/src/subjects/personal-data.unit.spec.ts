import type { Decider, DomainEvent } from '@factledger/shared';
import { KeyRing, revealDeep, SubjectKeyMissing, subjectsIn } from './key-ring';
import { personalDecider } from './personal-decider';
import { ERASED_MARKER, isPersonalToken, newDataKey, openPersonal, parsePersonalToken, sealPersonal } from './personal-token';

const key = newDataKey();
const other = newDataKey();

describe('personal data tokens (AES-256-GCM per subject)', () => {
  it('round-trips text, with a fresh IV each time, and names only the subject in the clear', () => {
    const a = sealPersonal('source-w1', key, 'Jane Q. Witness');
    const b = sealPersonal('source-w1', key, 'Jane Q. Witness');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pd1:source-w1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('Jane');
    expect(isPersonalToken(a)).toBe(true);
    expect(openPersonal(parsePersonalToken(a)!, key)).toBe('Jane Q. Witness');
  });

  it('opens only with its own key, for its own subject, unaltered', () => {
    const token = sealPersonal('source-w1', key, 'Jane');
    expect(openPersonal(parsePersonalToken(token)!, other)).toBeNull();
    // Moved to another subject (the subject is the additional data): refused.
    expect(openPersonal(parsePersonalToken(token.replace('source-w1', 'source-w2'))!, key)).toBeNull();
    const parsed = parsePersonalToken(token)!;
    parsed.ciphertext[0] = parsed.ciphertext[0]! ^ 1;
    expect(openPersonal(parsed, key)).toBeNull();
  });

  it('is not fooled by text that only looks like a token', () => {
    expect(isPersonalToken('pd1:source-w1:short')).toBe(false);
    expect(isPersonalToken('Jane')).toBe(false);
    expect(isPersonalToken(42)).toBe(false);
    expect(() => sealPersonal('Not A Subject', key, 'x')).toThrow('not a subject id');
  });
});

describe('KeyRing and revealDeep', () => {
  const token = sealPersonal('source-w1', key, 'Jane');
  const alias = sealPersonal('source-w1', key, 'J.');

  it('reveals every token in a JSON value; other values stay as they are', () => {
    const ring = new KeyRing(new Map([['source-w1', key]]));
    const view = { sources: [{ sourceId: 'w1', name: token, aliases: [alias, 'plain'], n: 3, at: null }] };
    expect([...subjectsIn(view)]).toEqual(['source-w1']);
    expect(revealDeep(view, ring)).toEqual({ sources: [{ sourceId: 'w1', name: 'Jane', aliases: ['J.', 'plain'], n: 3, at: null }] });
  });

  it('shows the erased marker once the key is gone (or was never here)', () => {
    expect(revealDeep({ name: token }, new KeyRing(new Map([['source-w1', 'erased']])))).toEqual({ name: ERASED_MARKER });
    expect(revealDeep({ name: token }, new KeyRing(new Map()))).toEqual({ name: ERASED_MARKER });
  });

  it('seals only with a live key: none yet asks for one, an erased subject is refused', () => {
    expect(() => new KeyRing(new Map()).seal('source-w1', 'x')).toThrow(SubjectKeyMissing);
    expect(() => new KeyRing(new Map([['source-w1', 'erased']])).seal('source-w1', 'x')).toThrow(
      expect.objectContaining({ code: 'subject.erased', kind: 'conflict' }),
    );
  });
});

describe('personalDecider', () => {
  type Ev = DomainEvent<'named', { id: string; name: string; tags: string[]; person: boolean }>;
  const decider: Decider<{ name: string; person: boolean }, Ev, { name: string | null }> = {
    upcast: (stored) => ({ type: 'named', data: stored.data as Ev['data'] }),
    initialState: () => ({ name: null }),
    evolve: (_s, e) => ({ name: e.data.name }),
    decide: (c, s) => (c.name === s.name ? [] : [{ type: 'named', data: { id: 'x', name: c.name, tags: [c.name], person: c.person } }]),
    personal: (e) => (e.data.person ? ['name', 'tags'] : []),
  };
  const ring = new KeyRing(new Map([['thing-x', key]]));
  const wrapped = personalDecider(decider, 'thing-x', ring);

  it('seals the personal fields of new events, and the state it folds them into reads as text', () => {
    const [event] = wrapped.decide({ name: 'Jane', person: true }, wrapped.initialState());
    expect(isPersonalToken(event!.data.name)).toBe(true);
    expect(isPersonalToken(event!.data.tags[0])).toBe(true);
    expect(event!.data.id).toBe('x');
    expect(wrapped.evolve(wrapped.initialState(), event!)).toEqual({ name: 'Jane' });
  });

  it('leaves events alone when the decider names no personal field', () => {
    const [event] = wrapped.decide({ name: 'Acme Corp', person: false }, wrapped.initialState());
    expect(event!.data.name).toBe('Acme Corp');
  });

  it('decides on revealed state: the same name again is no change', () => {
    const [event] = wrapped.decide({ name: 'Jane', person: true }, wrapped.initialState());
    const stored = wrapped.upcast({ type: 'named', schemaVersion: 1, data: event!.data })!;
    expect(wrapped.decide({ name: 'Jane', person: true }, wrapped.evolve(wrapped.initialState(), stored))).toEqual([]);
  });
});
