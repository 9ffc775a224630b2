// The verifier's own RFC 8785 (JSON Canonicalization Scheme) writer.
//
// Written from the RFC and ECMA-262, deliberately not shared with the server
// (which canonicalises with @factledger/audit-domain): a canonicalisation bug
// on one side then shows up as a root mismatch instead of passing on both.
// It is also built differently: an explicit stack instead of recursion, its
// own string escaper and key comparison, and numbers laid out from their
// shortest digits by the Number::toString rules rather than by String(n).

/** A value with no RFC 8785 form (non-finite number, lone surrogate, not JSON data). */
export class JcsError extends Error {
  constructor(
    reason: string,
    readonly at: string,
  ) {
    super(`${at}: ${reason}`);
    this.name = 'JcsError';
  }
}

type Open =
  { items: readonly unknown[]; keys: null; next: number; at: string } | { items: Record<string, unknown>; keys: string[]; next: number; at: string };

/** The canonical JSON text of a JSON value (as JSON.parse produces it). */
export function jcs(root: unknown): string {
  const out: string[] = [];
  const open: Open[] = [];
  const onPath = new Set<object>();

  const emit = (value: unknown, at: string): void => {
    if (value === null) out.push('null');
    else if (value === true) out.push('true');
    else if (value === false) out.push('false');
    else if (typeof value === 'number') out.push(jcsNumber(value, at));
    else if (typeof value === 'string') out.push(jcsString(value, at));
    else if (typeof value === 'object') {
      if (onPath.has(value)) throw new JcsError('a cyclic structure is not JSON', at);
      if (Array.isArray(value)) {
        onPath.add(value);
        out.push('[');
        open.push({ items: value, keys: null, next: 0, at });
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== null && proto !== Object.prototype) throw new JcsError('only plain objects are JSON data', at);
      onPath.add(value);
      out.push('{');
      open.push({ items: value as Record<string, unknown>, keys: Object.keys(value).sort(compareCodeUnits), next: 0, at });
    } else throw new JcsError(`${typeof value} is not a JSON value`, at);
  };

  emit(root, '$');
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    if (top.keys === null) {
      if (top.next === top.items.length) {
        out.push(']');
        onPath.delete(top.items);
        open.pop();
        continue;
      }
      const i = top.next++;
      if (i > 0) out.push(',');
      if (!(i in top.items)) throw new JcsError('an array hole is not JSON', `${top.at}[${i}]`);
      emit(top.items[i], `${top.at}[${i}]`);
    } else {
      if (top.next === top.keys.length) {
        out.push('}');
        onPath.delete(top.items);
        open.pop();
        continue;
      }
      const key = top.keys[top.next++]!;
      if (top.next > 1) out.push(',');
      out.push(jcsString(key, top.at), ':');
      emit(top.items[key], `${top.at}.${key}`);
    }
  }
  return out.join('');
}

/** RFC 8785 §3.2.3: property names ordered by their UTF-16 code units, compared as unsigned integers. */
export function compareCodeUnits(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/**
 * RFC 8785 §3.2.2.2: '"', '\' and U+0000..U+001F escaped (the five two-letter
 * forms where JSON has them, else \u00xx in lowercase hex), everything else
 * verbatim. A lone surrogate has no UTF-8 form (and is not I-JSON): refused.
 */
export function jcsString(s: string, at = '$'): string {
  let out = '"';
  let run = 0; // start of the pending verbatim run
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff))
        throw new JcsError(`lone surrogate U+${c.toString(16).toUpperCase()} at offset ${i}`, at);
      i++; // a well-formed pair: both units verbatim
      continue;
    }
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i) + (SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

/**
 * RFC 8785 §3.2.2.3: the ECMAScript Number::toString(x) form (ECMA-262
 * 6.1.6.1.20). The shortest round-trip digits s (k of them) and the decimal
 * exponent n (x = s × 10^(n−k)) are read off toExponential() — which has to
 * produce exactly those digits — and laid out here by the spec's cases.
 */
export function jcsNumber(x: number, at = '$'): string {
  if (!Number.isFinite(x)) throw new JcsError(`${x} has no JSON form (I-JSON numbers are finite doubles)`, at);
  if (x === 0) return '0'; // also -0
  if (x < 0) return `-${jcsNumber(-x, at)}`;
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const k = digits.length;
  const n = Number(exponent) + 1;
  if (k <= n && n <= 21) return digits + '0'.repeat(n - k);
  if (0 < n && n <= 21) return `${digits.slice(0, n)}.${digits.slice(n)}`;
  if (-6 < n && n <= 0) return `0.${'0'.repeat(-n)}${digits}`;
  const e = n - 1;
  const tail = `e${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  return k === 1 ? digits + tail : `${digits[0]}.${digits.slice(1)}${tail}`;
}
