import { CanonicalJsonError, canonicalize } from './canonical-json';

const fromBits = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalize (RFC 8785 JCS)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalize(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalize(input)));
    // JSON.parse keeps insertion order except for integer-like keys, which come first: compare the text instead.
    expect(keys).toContain('1');
    const text = canonicalize(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(`"${k}":`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['444b1ae4d6e2ef50', '1e+21'],
  ])('serialises the IEEE-754 value %s as %s (RFC 8785 appendix B)', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  it('writes nested structures without whitespace and escapes control characters in lowercase hex', () => {
    expect(canonicalize({ b: [1, { d: 'x', c: null }], a: '\u0001\t' })).toBe('{"a":"\\u0001\\t","b":[1,{"c":null,"d":"x"}]}');
    expect(canonicalize(Object.assign(Object.create(null), { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });

  it.each([
    ['NaN', { a: NaN }, '$.a'],
    ['Infinity', [1, Infinity], '$[1]'],
    ['undefined', { a: undefined }, '$.a'],
    ['a bigint', { a: 1n }, '$.a'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a lone surrogate', { s: 'a\ud800b' }, '$.s'],
  ])('refuses %s, naming where it is', (_what, value, path) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalize(value)).toThrow(new RegExp(`^${path.replace(/[$[\].]/g, '\\$&')}:`));
  });

  it('agrees with JSON.parse round trips: canonical text parses back to an equal value', () => {
    const value = { text: 'ünïcødé 😀 "quoted" \\ / \n', n: [-0.5, 1e-7, 123456789012345680000], nested: { deep: [[], {}] } };
    expect(JSON.parse(canonicalize(value))).toEqual(value);
    expect(canonicalize(JSON.parse(canonicalize(value)))).toBe(canonicalize(value));
  });
});
