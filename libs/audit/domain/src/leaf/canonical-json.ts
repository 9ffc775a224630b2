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

// A lone surrogate is not I-JSON (RFC 7493), which JCS requires.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code
 * units, numbers in ECMAScript shortest round-trip form, strings with the
 * minimal JSON escapes, no whitespace. Anything that is not plain JSON data
 * (undefined, NaN, Infinity, bigint, Date, class instances) is refused rather
 * than silently coerced, so two parties can never hash "the same" value
 * differently.
 */
export function canonicalize(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} has no JSON form`, path);
      // ECMAScript Number::toString is exactly JCS's number serialisation (-0 becomes 0).
      return String(value);
    case 'string':
      return writeString(value, path);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      return writeObject(value as Record<string, unknown>, path);
    default:
      throw new CanonicalJsonError(`a ${typeof value} is not JSON`, path);
  }
}

function writeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('string holds a lone UTF-16 surrogate', path);
  // JSON.stringify escapes exactly what JCS escapes: ", \, and U+0000..U+001F (\b \t \n \f \r, else \u00xx lowercase).
  return JSON.stringify(value);
}

function writeObject(value: Record<string, unknown>, path: string): string {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(`a ${proto?.constructor?.name ?? 'non-plain'} object is not JSON data`, path);
  }
  // Array.prototype.sort compares strings by UTF-16 code units, as JCS requires.
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${writeString(k, path)}:${write(value[k], `${path}.${k}`)}`).join(',')}}`;
}
