import { inspectJson, MAX_JSON_DEPTH } from './json-guard';

const nestedArrays = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
};

describe('inspectJson (the HTTP edge’s one walk over a parsed body)', () => {
  it('accepts an ordinary body, astral characters included', () => {
    expect(inspectJson({ citation: { quote: 'Київ 🇺🇦', offset: 3 }, aliases: ['a', 'b'], n: null })).toEqual({ tooDeep: false, errors: [] });
  });

  it('allows MAX_JSON_DEPTH levels and refuses one more', () => {
    expect(inspectJson(nestedArrays(MAX_JSON_DEPTH)).tooDeep).toBe(false);
    expect(inspectJson(nestedArrays(MAX_JSON_DEPTH + 1)).tooDeep).toBe(true);
    expect(inspectJson({ a: { b: nestedArrays(MAX_JSON_DEPTH - 2) } }).tooDeep).toBe(false);
    expect(inspectJson({ a: { b: nestedArrays(MAX_JSON_DEPTH - 1) } }).tooDeep).toBe(true);
  });

  it('walks without recursion: 200,000 levels do not overflow the stack', () => {
    expect(inspectJson(nestedArrays(200_000), { maxDepth: 400_000 }).tooDeep).toBe(false);
    expect(inspectJson(JSON.parse(`{"junk":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).tooDeep).toBe(true);
  });

  it('names every unstorable string by its path: values, array items, unknown fields and keys', () => {
    const { errors } = inspectJson({
      title: 'T\ud800',
      citation: { quote: 'a\u0000b' },
      aliases: ['ok', '\udc00'],
      unknown: { deeper: [{ x: '\ud83d' }] },
      ['k\ud800']: 1,
      fine: '🇺🇦',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['aliases[1]', 'citation.quote', 'k\ufffd', 'title', 'unknown.deeper[0].x'].sort());
    expect(errors.find((e) => e.field === 'citation.quote')!.message).toMatch(/NUL/);
    expect(errors.find((e) => e.field === 'title')!.message).toMatch(/surrogate/);
    expect(errors.find((e) => e.field === 'k\ufffd')!.message).toMatch(/^field name /);
  });

  it('caps the errors it reports', () => {
    expect(inspectJson(Array.from({ length: 1000 }, () => '\ud800')).errors).toHaveLength(20);
  });

  it('names a bad top-level string as the body', () => {
    expect(inspectJson('\ud800').errors).toEqual([{ field: '(body)', message: expect.stringMatching(/surrogate/) }]);
  });
});
