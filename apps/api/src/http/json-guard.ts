import type { FieldError } from '@factledger/platform';
import { unstorableTextReason } from '@factledger/ledger-domain';

/**
 * How deep a request's JSON may nest. The deepest request schema is 3 levels
 * (body → citation → offset); anything near this limit is not a ledger
 * request, and far deeper input overflows the stack of recursive walkers
 * (ajv's compiled validators, canonical JSON).
 */
export const MAX_JSON_DEPTH = 32;

/** Enough to name what is wrong without echoing a hostile body back. */
const MAX_FIELD_ERRORS = 20;

export interface JsonInspection {
  /** The body nests deeper than MAX_JSON_DEPTH (the walk stops there). */
  tooDeep: boolean;
  /** Strings (values or keys) PostgreSQL's text/jsonb would refuse, by path. */
  errors: FieldError[];
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

// Paths name fields as the DTO errors do (`citation.quote`), array items as
// `aliases[1]`; an unprintable key is shown with U+FFFD in place of the bad code units.
const showKey = (key: string) => key.replace(/\p{Cs}|\u0000/gu, '\ufffd');
const childPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${showKey(key)}` : showKey(key);

/**
 * One iterative walk (no recursion, so no input can overflow the stack) over
 * a parsed JSON value: its depth, and every string and key in it, unknown
 * fields included, that is not storable text (NUL, lone UTF-16 surrogate).
 */
export function inspectJson(root: unknown, options: { maxDepth?: number; prefix?: string } = {}): JsonInspection {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const errors: FieldError[] = [];
  const report = (field: string, message: string) => {
    if (errors.length < MAX_FIELD_ERRORS) errors.push({ field: field || '(body)', message });
  };
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: options.prefix ?? '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableTextReason(value);
      if (reason) report(path, reason);
      continue;
    }
    if (!isContainer(value)) continue;
    if (depth + 1 > maxDepth) return { tooDeep: true, errors };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: childPath(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const field = childPath(path, key);
      const reason = unstorableTextReason(key);
      if (reason) report(field, `field name ${reason}`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return { tooDeep: false, errors };
}
