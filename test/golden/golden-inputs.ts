/**
 * Reproducible inputs for the golden fixtures of ids and hashes: a seeded
 * generator (mulberry32), so the fixture records outputs only and the inputs
 * are rebuilt identically on every run. The values stress what canonical
 * JSON must get right: key order (non-ASCII and astral keys, digit keys),
 * escapes, astral characters, number forms (-0, exponents, fractions),
 * nesting, and `undefined` fields (dropped by the server-side writers).
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'a',
  'b',
  'B',
  'aa',
  'a_b',
  'é',
  'e\u0301',
  'ß',
  'z',
  'Z',
  '10',
  '2',
  '01',
  '',
  ' ',
  '\u00e9t\u00e9',
  '\ud83d\ude00',
  '\u20ac',
  '\uff41',
  'data',
  'metricKey',
  'value',
  '"q"',
  '\\',
  '\u0001',
  'key\nline',
];
const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u0007',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00e9',
  '\u2028',
  '\u2029',
  '\u20ac',
  '\ud83d\ude00',
  '\ud83c\udff3\ufe0f',
  '\ufeff',
  '\u0301',
  '<',
  '>',
  '&',
  "'",
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  0.2 + 0.1,
  1e21,
  1e-7,
  123456789012345680000,
  5e-324,
  1.7976931348623157e308,
  -12.5,
  333333333.33333329,
  1e20,
  9007199254740993,
  4.35,
  0.000001,
  2 ** 53,
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function genString(r: () => number, max = 8): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += pick(r, CHARS);
  return s;
}

export function genNumber(r: () => number): number {
  const k = r();
  if (k < 0.5) return pick(r, NUMBERS);
  if (k < 0.75) return Math.floor(r() * 2_000_000) - 1_000_000;
  return (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20);
}

/** A JSON value; `undefined` fields only when `withUndefined`. */
export function genJson(r: () => number, depth: number, withUndefined: boolean): unknown {
  const k = r();
  if (depth <= 0 || k < 0.35) {
    const leaf = r();
    if (leaf < 0.1) return null;
    if (leaf < 0.2) return r() < 0.5;
    if (leaf < 0.55) return genNumber(r);
    return genString(r);
  }
  if (k < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => genJson(r, depth - 1, withUndefined));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) o[pick(r, KEYS)] = withUndefined && r() < 0.15 ? undefined : genJson(r, depth - 1, withUndefined);
  return o;
}

const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

/** An event as the sealer reads it (recordedAt a Date or its ISO string). */
export function genEvent(r: () => number, i: number) {
  const recordedAt = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 1e11));
  return {
    position: String(i + 1 + Math.floor(r() * 1000) * (r() < 0.1 ? 1e12 : 1)),
    streamId: pick(r, ['figure-', 'report-', 'source-', 'metric-']) + hex(r, 12),
    streamVersion: 1 + Math.floor(r() * 50),
    id: `${hex(r, 8)}-${hex(r, 4)}-8${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`,
    type: pick(r, ['figure.reported.v1', 'figure.revised.v1', 'report.registered.v1', 'source.registered.v1', 'figure.retracted.v1']),
    schemaVersion: 1 + Math.floor(r() * 3),
    data: genJson(r, 4, false),
    metadata: { actor: pick(r, ['system:seed', 'system:cli', 'k1234']), ...(r() < 0.5 ? { via: 'worker' } : {}), correlationId: hex(r, 16) },
    recordedAt: r() < 0.5 ? recordedAt : recordedAt.toISOString(),
  };
}

/** An ingestion payload shaped like the real ones, with optional fields sometimes undefined. */
export function genIngestionPayload(r: () => number) {
  const report = {
    publisher: genString(r, 12) || 'P',
    title: genString(r, 20),
    url: pick(r, [undefined, null, 'https://example.org/r/' + hex(r, 6)]),
    publishedAt: `2024-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
    language: pick(r, ['en', 'uk', 'de', 'fr']),
    reportId: r() < 0.3 ? 'report-' + hex(r, 8) : undefined,
  };
  if (r() < 0.4) return { kind: 'article', report, text: genString(r, 200) };
  const figures = Array.from({ length: 1 + Math.floor(r() * 5) }, () => ({
    metricKey: pick(r, ['north_korean_troops_in_russia', 'casualties', 'm' + hex(r, 4)]),
    source: genString(r, 6) || 'HUR',
    qualifier: pick(r, ['exact', 'approximately', 'at_least', 'range']),
    value: r() < 0.7 ? genNumber(r) : undefined,
    low: r() < 0.2 ? genNumber(r) : undefined,
    high: r() < 0.2 ? genNumber(r) : undefined,
    validAt: '2024-10-25',
    quote: genString(r, 30),
    revises: r() < 0.3 ? r() < 0.5 : undefined,
    extra: r() < 0.2 ? genJson(r, 3, true) : undefined,
  }));
  return { kind: 'structured', report, figures };
}

const CSV_CHARS = ['a', 'b', '1', ',', ',', '"', '"', '""', '\n', '\r\n', '\r', ' ', '\t', '\ufeff', 'é', '\ud83d\ude00', 'x y'];

/** Text over CSV's special characters: quotes in every position, all line ends, BOMs, blank lines. */
export function genCsv(r: () => number): string {
  let s = r() < 0.2 ? '\ufeff' : '';
  const n = Math.floor(r() * 30);
  for (let i = 0; i < n; i++) s += pick(r, CSV_CHARS);
  return s;
}
