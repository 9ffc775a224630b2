/** A value that cannot be hashed because RFC 8785 (JCS) has no canonical form for it. */
export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * The server's one canonical JSON writer: object keys sorted by UTF-16 code
 * units, numbers in ECMAScript shortest round-trip form, strings with the
 * minimal JSON escapes, no whitespace.
 *
 * - `strict` (the audit leaf bytes): RFC 8785 JCS. Anything that is not plain
 *   JSON data (undefined, NaN, Infinity, bigint, Date, class instances, lone
 *   surrogates) is refused rather than silently coerced, so two parties can
 *   never hash "the same" value differently.
 * - `lenient` (request hashes of Idempotency-Keys): any parsed body, coerced as
 *   JSON.stringify does (undefined fields dropped, undefined items and
 *   non-finite numbers written null, lone surrogates escaped); on JSON data
 *   it writes exactly what `strict` writes.
 *
 * Kept hand-written: the npm `canonicalize` package is ESM-only since 3.x and
 * has no strict mode; this is the same 30 lines, and the golden fixture
 * (test/golden) pins its bytes. The ingestion payload hash keeps its own
 * writer (libs/ingestion/src/domain/canonical-json.ts), see there why.
 */
export function canonicalJson(value: unknown, mode: 'strict' | 'lenient' = 'strict'): string {
  return mode === 'strict' ? strict(value, '$') : lenient(value);
}

const sortedKeys = (value: object): string[] =>
  // Array.prototype.sort compares strings by UTF-16 code units, as JCS requires.
  Object.keys(value).sort();

function strict(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} has no JSON form`, path);
      // ECMAScript Number::toString is exactly JCS's number serialisation (-0 becomes 0).
      return String(value);
    case 'string':
      return strictString(value, path);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => strict(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(`a ${proto?.constructor?.name ?? 'non-plain'} object is not JSON data`, path);
      }
      const record = value as Record<string, unknown>;
      return `{${sortedKeys(record)
        .map((k) => `${strictString(k, path)}:${strict(record[k], `${path}.${k}`)}`)
        .join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`a ${typeof value} is not JSON`, path);
  }
}

function strictString(value: string, path: string): string {
  // A lone surrogate is not I-JSON (RFC 7493), which JCS requires.
  if (!value.isWellFormed()) throw new CanonicalJsonError('string holds a lone UTF-16 surrogate', path);
  // JSON.stringify escapes exactly what JCS escapes: ", \, and U+0000..U+001F (\b \t \n \f \r, else \u00xx lowercase).
  return JSON.stringify(value);
}

function lenient(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(lenient).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record).filter((k) => record[k] !== undefined);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${lenient(record[k])}`).join(',')}}`;
}
