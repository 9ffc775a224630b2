import { controlCharacterProblem, decodeUtf8Strictly, isAmountInBounds, MAX_AMOUNT } from './input-bounds';

describe('input bounds: control characters', () => {
  const one = (c: string) => `a${c}b`;

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['tab', '\t'],
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 U+0080', '\u0080'],
    ['NEL U+0085', '\u0085'],
    ['CSI U+009B', '\u009b'],
    ['APC U+009F', '\u009f'],
  ])('one-line text refuses %s, naming it', (_label, c) => {
    expect(controlCharacterProblem(one(c))).toBe(
      `must not contain control characters (found U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`,
    );
  });

  it('free text keeps tab, line feed and carriage return, and refuses every other control character', () => {
    expect(controlCharacterProblem('line\r\nline\ttab', { freeText: true })).toBeNull();
    for (const c of ['\u0000', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u009f'])
      expect(controlCharacterProblem(one(c), { freeText: true })).toMatch(/other than tab and line breaks/);
  });

  it('accepts printable text: Latin-1 from U+00A0, other scripts, emoji', () => {
    expect(controlCharacterProblem('\u00a0Київ — 1 500 ¼ 🇺🇦 北朝鮮')).toBeNull();
  });
});

describe('input bounds: strict UTF-8', () => {
  it('decodes valid UTF-8, astral characters included', () => {
    expect(decodeUtf8Strictly(Buffer.from('Київ 🇺🇦'))).toBe('Київ 🇺🇦');
  });

  it.each([
    ['a lead byte without its continuation', [0xc3, 0x28]],
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated 4-byte sequence at the end', [0xf0, 0x9f, 0x87]],
  ])('refuses %s (never U+FFFD)', (_label, bytes) => {
    expect(decodeUtf8Strictly(Buffer.concat([Buffer.from('ok '), Buffer.from(bytes)]))).toBeNull();
  });
});

describe('input bounds: amounts', () => {
  it('bounds amounts at ±1e15, finite only', () => {
    expect([MAX_AMOUNT, -MAX_AMOUNT, 0, 0.5].every(isAmountInBounds)).toBe(true);
    expect([MAX_AMOUNT + 1, -MAX_AMOUNT - 1, Infinity, NaN, 1e308, '5'].some(isAmountInBounds)).toBe(false);
  });
});
