import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonicalJson', () => {
  it('writes keys in UTF-16 code unit order, integer-like keys included, with no whitespace', () => {
    const value = { b: 1, '10': [true, null], '2': 'x', a: { z: -0, y: 1e21 }, '\ud83d\ude00': 0, '\u20ac': 0 };
    const expected = '{"10":[true,null],"2":"x","a":{"y":1e+21,"z":0},"b":1,"€":0,"😀":0}';
    expect(canonicalJson(value, 'strict')).toBe(expected);
    expect(canonicalJson(value, 'lenient')).toBe(expected);
  });

  it('strict refuses what JSON data cannot hold, naming where', () => {
    for (const [value, path] of [
      [{ a: undefined }, '$.a'],
      [[1, NaN], '$[1]'],
      [{ s: 'a\ud800' }, '$.s'],
      [{ d: new Date(0) }, '$.d'],
      [{ n: 1n }, '$.n'],
    ] as const) {
      expect(() => canonicalJson(value, 'strict')).toThrow(CanonicalJsonError);
      expect(() => canonicalJson(value, 'strict')).toThrow(path);
    }
  });

  it('lenient writes any parsed body as JSON.stringify would coerce it: undefined fields dropped, undefined items and non-finite numbers null, lone surrogates escaped', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, Infinity, 'x\ud800'] }, 'lenient')).toBe('{"a":[null,null,"x\\ud800"]}');
    expect(canonicalJson('csv,text\n', 'lenient')).toBe('"csv,text\\n"');
  });
});
