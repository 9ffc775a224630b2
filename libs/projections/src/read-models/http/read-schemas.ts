import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LedgerPatterns, VALID_AT_PRECISIONS } from '@factledger/ledger-domain';
import { MAX_POSITION, POSITION_RULE } from '@factledger/shared';
import { AS_OF_RULE, asOfProblem } from '../query/basis';
import { Closed, Matching, Nullable } from '@factledger/platform';
import { MAX_PAGE_SIZE } from '../query/page-cursor';

/**
 * The read API's shared schemas (@Contract): what every read accepts and the
 * envelope (data, basis, page) every read answers. Patterns are exact, so a
 * value they accept is never refused later for its shape (the fuzz holds us to it).
 */

/** Decimal digits from `min` (0 or 1) up to `max`, without leading zeros, as one regular expression. */
export function decimalUpTo(max: bigint, min: 0 | 1): string {
  const s = max.toString();
  const alternatives = [min === 0 ? '0' : '', s.length > 1 ? `[1-9][0-9]{0,${s.length - 2}}` : ''].filter(Boolean);
  for (let i = 0; i < s.length; i++) {
    const low = i === 0 ? 1 : 0;
    const digit = Number(s[i]);
    if (digit > low) alternatives.push(`${s.slice(0, i)}[${low}-${digit - 1}][0-9]{${s.length - i - 1}}`);
  }
  alternatives.push(s);
  return `^(?:${alternatives.join('|')})$`;
}

const YEAR = '(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})';
const INNER_YEAR = '(?:000[2-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])';
const LEAP_YEAR = '(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)';
const DAY_31 = '(?:0[1-9]|[12][0-9]|3[01])';
const DAY_30 = '(?:0[1-9]|[12][0-9]|30)';
const FEBRUARY = '02-(?:0[1-9]|1[0-9]|2[0-8])';
const MONTH_DAY = `(?:(?:0[13578]|1[02])-${DAY_31}|(?:0[469]|11)-${DAY_30}|${FEBRUARY})`;
// A real calendar date 0001-01-01 … 9999-12-31 (isCalendarDate), leap years included.
const DATE = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
// parseInstant: a real date and time of day, seconds and fraction optional, Z or an offset up to ±15:59,
// within 0001-01-01T00:00Z … 9999-12-31T23:59:59.999Z: on the first day only Z or a negative offset, on the last only Z or a positive one.
const TIME = '(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?';
const OFFSET = '(?:0[0-9]|1[0-5]):[0-5][0-9]';
const INNER_DATE = `(?:${INNER_YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29|0001-(?:01-(?:0[2-9]|[12][0-9]|3[01])|(?:0[3578]|1[02])-${DAY_31}|(?:0[469]|11)-${DAY_30}|${FEBRUARY})|9999-(?:(?:0[13578]|10)-${DAY_31}|(?:0[469]|11)-${DAY_30}|${FEBRUARY}|12-${DAY_30}))`;
const INSTANT = `(?:${INNER_DATE}T${TIME}(?:Z|[+-]${OFFSET})|0001-01-01T${TIME}(?:Z|-${OFFSET})|9999-12-31T${TIME}(?:Z|\\+${OFFSET}))`;

export const POSITION_PATTERN = decimalUpTo(MAX_POSITION, 1);
const POSITION_OR_ZERO = decimalUpTo(MAX_POSITION, 0);
export const CALENDAR_DATE_PATTERN = `^${DATE}$`;

export const CalendarDate = (description: string) => Type.String({ pattern: CALENDAR_DATE_PATTERN, description, examples: ['2024-10-28'] });
export const Position = (description: string) => Type.String({ pattern: POSITION_PATTERN, description, examples: ['1234'] });
export const Cursor = () =>
  Type.String({
    minLength: 1,
    maxLength: 2000,
    pattern: '^[A-Za-z0-9_-]+$',
    description: "page.nextCursor of the previous page; it keeps the first page's basis",
  });

/** asOf, validAt, minPosition, algorithmVersion: accepted by every read. */
export const readQuery = {
  asOf: Type.Optional(
    Type.String({
      pattern: `^(?:${POSITION_OR_ZERO.slice(1, -1)}|${INSTANT})$`,
      description:
        "What the ledger believed: a ledger position (the answer includes every event up to it in log order), or an ISO 8601 timestamp with a time zone (the longest prefix of the log recorded at or before it). Default: the read models' head. A time in the future is refused (422).",
      examples: ['1234', '2024-10-29T12:00:00Z'],
    }),
  ),
  validAt: Type.Optional(
    CalendarDate(
      "The date the answer describes (YYYY-MM-DD, a calendar day in UTC); default today in UTC (the server's clock), which the basis then names. After today (UTC) is refused (422).",
    ),
  ),
  minPosition: Type.Optional(
    Position('Read-your-writes: wait (bounded) until the read models applied this position (from a write response); 503 if they do not in time'),
  ),
  algorithmVersion: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description:
        'Estimate algorithm version: 1 (every source) or 2 (verified sources only, says what it left out); default the latest (2). Every basis names it; another version is refused (422)',
    }),
  ),
};
export const pagedQuery = {
  ...readQuery,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })),
  cursor: Type.Optional(Cursor()),
};
export const ReadQuery = Closed(readQuery);
export const PagedReadQuery = Closed(pagedQuery);

export const MetricKey = Matching(LedgerPatterns.metricKey, { description: 'a metric key (snake_case)' });
export const SlugId = Matching(LedgerPatterns.slug, { description: 'a lowercase slug' });
export const Uuid = Matching(LedgerPatterns.uuid, { description: 'a lowercase uuid' });
export const MetricKeyParams = Closed({ key: MetricKey });
export const SlugIdParams = Closed({ id: SlugId });
export const FigureIdParams = Closed({ id: Uuid });

const LogPosition = Type.String({ pattern: '^[0-9]+$' });
/** What an answer was computed from (Basis). */
export const BasisSchema = Closed(
  {
    position: LogPosition,
    recordedAt: Nullable(Type.String()),
    validAt: Type.String({ description: 'The date the answer describes (YYYY-MM-DD, a calendar day in UTC): the one asked for, else today in UTC' }),
    algorithmVersion: Type.Integer(),
    excludeParties: Type.Optional(Type.Boolean()),
    includeUnverified: Type.Optional(Type.Boolean()),
  },
  { description: 'What the answer was computed from; sent back as asOf/validAt it reproduces the answer' },
);
const PageInfo = Closed({ limit: Type.Integer({ minimum: 1 }), nextCursor: Nullable(Type.String()) });

/** { data, basis } */
export const Read = <T extends TSchema>(data: T, description: string) => Closed({ data, basis: BasisSchema }, { description });
/** { data: [...], basis, page } */
export const PagedRead = <T extends TSchema>(item: T, description: string) =>
  Closed({ data: Type.Array(item), basis: BasisSchema, page: PageInfo }, { description });

/** Amount: each qualifier with exactly its bounds. */
export const AmountView = Type.Union([
  Closed({ qualifier: Type.Union([Type.Literal('exact'), Type.Literal('approximately')]), value: Type.Number() }),
  Closed({ qualifier: Type.Literal('up_to'), high: Type.Number() }),
  Closed({ qualifier: Type.Union([Type.Literal('at_least'), Type.Literal('more_than')]), low: Type.Number() }),
  Closed({ qualifier: Type.Literal('range'), low: Type.Number(), high: Type.Number() }),
]);
export const ValidAtView = Closed({ date: Type.String(), precision: Type.Union(VALID_AT_PRECISIONS.map((p) => Type.Literal(p))) });
/** A catalog entry's bookkeeping (CatalogView). */
export const catalogBookkeeping = { streamVersion: Type.Integer({ minimum: 1 }), lastPosition: LogPosition, updatedAt: Type.String() };

/** The reads that also answer text/csv (figure lists, the estimate's sources). */
const csvFormat = {
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      description: 'csv: the answer as a CSV file (as `Accept: text/csv`), its basis in the Basis-* response headers; default json',
    }),
  ),
};

export const EstimateQuery = Closed({
  ...readQuery,
  ...csvFormat,
  excludeParties: Type.Optional(
    Type.Boolean({ default: false, description: 'Leave out sources that are party to the conflict (as flagged at the basis)' }),
  ),
  includeUnverified: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        'Algorithm version 2: count sources not verified at the basis too (by default their figures are left out and listed in `excluded`). Refused with version 1 (422)',
    }),
  ),
});
export const MetricFiguresQuery = Closed({
  ...pagedQuery,
  ...csvFormat,
  sourceId: Type.Optional(Matching(LedgerPatterns.slug, { description: "a lowercase slug: only this source's figures" })),
});
export const SourceFiguresQuery = Closed({
  ...pagedQuery,
  metricKey: Type.Optional(Matching(LedgerPatterns.metricKey, { description: 'a metric key (snake_case): only figures of this metric' })),
});

// Handler parameter types under their own names (see DEVELOPERS.md, "A route's schemas").
export type ReadQueryInput = Static<typeof ReadQuery>;
export type PagedReadQueryInput = Static<typeof PagedReadQuery>;
export type EstimateQueryInput = Static<typeof EstimateQuery>;
export type MetricFiguresQueryInput = Static<typeof MetricFiguresQuery>;
export type SourceFiguresQueryInput = Static<typeof SourceFiguresQuery>;

const integerRule = (name: string, min: number, max: number) => (v: string) =>
  /^-?\d{1,16}$/.test(v) ? `${name} must be from ${min} to ${max}` : `${name} must be an integer from ${min} to ${max}`;
/** What is wrong with a refused read parameter, named as before the contracts (the interceptor's `explain`). */
export const READ_EXPLAIN: Record<string, (value: string) => string | null> = {
  asOf: (v) => `asOf ${asOfProblem(v) ?? AS_OF_RULE}`,
  validAt: () => 'validAt must be a calendar date YYYY-MM-DD',
  minPosition: () => `minPosition must be ${POSITION_RULE}`,
  algorithmVersion: integerRule('algorithmVersion', 1, 1_000_000),
  limit: integerRule('limit', 1, MAX_PAGE_SIZE),
  cursor: () => 'cursor must be a cursor from a previous page',
  excludeParties: () => 'excludeParties must be true or false',
  includeUnverified: () => 'includeUnverified must be true or false',
  sourceId: () => 'sourceId must be a lowercase slug',
  metricKey: () => 'metricKey must be a metric key (snake_case)',
  key: () => 'key must be a metric key (snake_case)',
  format: () => 'format must be json or csv',
};
export const FIGURE_EXPLAIN = { ...READ_EXPLAIN, id: () => 'id must be a lowercase uuid' };
export const SLUG_EXPLAIN = { ...READ_EXPLAIN, id: () => 'id must be a lowercase slug' };
