/**
 * What a value from a client must satisfy before it reaches PostgreSQL, whose
 * own refusals ('bigint out of range', 'date/time field value out of range',
 * 'invalid byte sequence for encoding "UTF8": 0x00') would surface as 500s.
 * One place for the bounds, so every edge checks them alike.
 */

/** Ledger positions are bigint identities: 1 … 2^63−1. */
export const MAX_POSITION = (1n << 63n) - 1n;
/** Transaction ids are xid8: 0 … 2^64−1. */
export const MAX_TRANSACTION_ID = (1n << 64n) - 1n;

const DECIMAL = /^(0|[1-9]\d*)$/;

/** A canonical decimal (no sign, no leading zero) within [min, max]. */
export function isDecimalInRange(value: unknown, min: bigint, max: bigint): value is string {
  if (typeof value !== 'string' || value.length > 20 || !DECIMAL.test(value)) return false;
  const n = BigInt(value);
  return n >= min && n <= max;
}

/** A ledger position 1 … 2^63−1 (`allowZero` for "before the first event"). */
export const isPosition = (value: unknown, options: { allowZero?: boolean } = {}): value is string =>
  isDecimalInRange(value, options.allowZero ? 0n : 1n, MAX_POSITION);

/** A transaction id (xid8) 0 … 2^64−1. */
export const isTransactionId = (value: unknown): value is string => isDecimalInRange(value, 0n, MAX_TRANSACTION_ID);

export const POSITION_RULE = `a ledger position (1 to ${MAX_POSITION})`;

// A lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8: String.prototype.isWellFormed finds it.
/** Text PostgreSQL can store: no NUL character, no lone surrogate. */
export const isWellFormedText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();

/** Why a text is refused, or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (!value.isWellFormed()) return 'must be well-formed Unicode (it contains a lone surrogate)';
  return null;
}

// Control characters: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
// Free text (quotes, descriptions, reasons, report texts) may keep tab, line
// feed and carriage return; one-line text (names, labels, keys, ids, aliases) none.
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_FREE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a text holds a control character it may not, or null. `freeText` allows tab, LF and CR. */
export function controlCharacterProblem(value: string, options: { freeText?: boolean } = {}): string | null {
  const match = (options.freeText ? CONTROL_FREE_TEXT : CONTROL_ONE_LINE).exec(value);
  if (!match) return null;
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return options.freeText
    ? `must not contain control characters other than tab and line breaks (found ${code})`
    : `must not contain control characters (found ${code})`;
}

/**
 * The largest magnitude an amount may have: |amount| ≤ 10^15. Far above any
 * count, area or currency figure the ledger tracks (world GDP is about 10^14
 * USD), and below 2^53, so every integer up to it is exact in a double and in
 * any JSON client; midpoints and medians of bounded amounts cannot overflow.
 */
export const MAX_AMOUNT = 1e15;

export const AMOUNT_RULE = `must be a finite number from -${MAX_AMOUNT} to ${MAX_AMOUNT}`;

export const isAmountInBounds = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_AMOUNT;

/** An ISO 8601 timestamp with a time zone: a bare date or a local time would be ambiguous. */
export const TIMESTAMP_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const MIN_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export type InstantParse = { ok: true; date: Date } | { ok: false; reason: string };

export const TIMESTAMP_RULE = 'must be an ISO 8601 timestamp with a time zone, e.g. 2024-10-29T12:00:00Z';

/**
 * A timestamp with a zone, every field in its range (no rolling 29 February
 * 2023 over to 1 March as Date.parse does), years 0001–9999 also in UTC.
 * `reason` completes "<field> …".
 */
export function parseInstant(raw: string): InstantParse {
  const m = TIMESTAMP_WITH_ZONE.exec(raw);
  if (!m) return { ok: false, reason: TIMESTAMP_RULE };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (year < 1) return { ok: false, reason: `has year ${m[1]}: years 0001 to 9999 only` };
  if (month < 1 || month > 12) return { ok: false, reason: `has month ${m[2]}, which does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `is not a real date: ${date} does not exist` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `is not a real time of day: ${raw.slice(11, 19)}` };
  if (m[9] && (Number(m[10]) > 15 || Number(m[11]) > 59)) return { ok: false, reason: `has an impossible time zone offset ${m[8]}` };
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return { ok: false, reason: TIMESTAMP_RULE };
  if (ms < MIN_INSTANT || ms > MAX_INSTANT) return { ok: false, reason: 'is outside the years 0001 to 9999 (UTC)' };
  return { ok: true, date: new Date(ms) };
}

// fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a body's bytes, or null when they are not valid UTF-8 (never decoded lossily). */
export function decodeUtf8Strictly(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

export const NOT_UTF8 = 'The request body is not valid UTF-8; send it UTF-8 encoded (invalid bytes are refused, never replaced)';
