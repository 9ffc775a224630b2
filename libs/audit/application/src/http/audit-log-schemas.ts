import { Type } from '@sinclair/typebox';
import { COMMA_SEPARATED, Closed, Line } from '@factledger/platform';
import { MAX_POSITION, parseInstant, POSITION_RULE, TIMESTAMP_RULE } from '@factledger/shared';
import { EventView, TreeSize } from './audit-schemas';

/** Query and response schemas of the log routes (list, export, tail) and the inclusion proof (@Contract). */

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256' });
const Decimal = Type.String({ pattern: '^[0-9]+$' });

// TIMESTAMP_WITH_ZONE of @factledger/shared with its ranges (hours, minutes, seconds, offsets) and seconds given, as
// `date-time` (which checks the day exists) wants them.
const INSTANT = '^(?!0000)\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?(Z|[+-](0\\d|1[0-5]):[0-5]\\d)$';
const Instant = (description: string) =>
  Type.Optional(
    Type.String({
      pattern: INSTANT,
      format: 'date-time',
      description: `${description} (ISO 8601 with a time zone, years 0001–9999)`,
      examples: ['2026-11-01T00:00:00Z'],
    }),
  );
const Cursor = (description: string) => Type.Optional(Type.String({ minLength: 1, description }));

/** Filters shared by the list, export and tail endpoints. */
const filters = {
  stream: Type.Optional(
    Type.Array(Line(1, 200), { minItems: 1, maxItems: 100, description: 'Only events of these streams (repeat the parameter for several)' }),
  ),
  type: Type.Optional(
    Type.Array(Type.String({ pattern: '^[\\w.:-]{1,200}$', description: '1 to 200 letters, digits, or . _ : -' }), {
      minItems: 1,
      maxItems: 100,
      [COMMA_SEPARATED]: true,
      description: 'Only these event types: repeat the parameter or give a comma-separated list',
    }),
  ),
  from: Instant('Only events recorded at or after this time'),
  to: Instant('Only events recorded before this time'),
};
/** What is wrong with a refused from/to: the shared instant rule's reason. */
const instantProblem = (field: string) => (value: string) => {
  const parsed = parseInstant(value);
  return `${field} ${parsed.ok ? `${TIMESTAMP_RULE} (seconds included)` : parsed.reason}`;
};
export const LOG_FILTER_EXPLAIN = { from: instantProblem('from'), to: instantProblem('to') };
const AFTER = 'Opaque cursor from a previous response (`nextCursor`, an event’s `cursor`)';

export const ListEventsQuery = Closed({
  ...filters,
  after: Cursor(AFTER),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const ExportEventsQuery = Closed({
  ...filters,
  after: Cursor(AFTER),
  until: Cursor('Cursor of the last event to include (default: the log as it is when the export starts)'),
});
export const TailEventsQuery = Closed({
  ...filters,
  after: Cursor('Resume after this cursor; the Last-Event-ID header wins when both are sent. Default: the current end of the log'),
});

export const EventListView = Closed(
  { events: Type.Array(EventView), nextCursor: Type.Union([Type.String(), Type.Null()]), hasMore: Type.Boolean() },
  { description: 'A page of the log in gap-safe commit order; nextCursor continues after it' },
);

/** A pattern for the decimals 1 … max without leading zeros (shorter ones, then each digit of max from the left). */
function decimalUpTo(max: bigint): string {
  const digits = max.toString();
  const branches = [`[1-9]\\d{0,${digits.length - 2}}`];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const low = i === 0 ? 1 : 0;
    if (d > low) branches.push(`${digits.slice(0, i)}[${low}-${d - 1}]\\d{${digits.length - i - 1}}`);
  }
  branches.push(digits);
  return branches.join('|');
}
const EVENT_REF = `^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|${decimalUpTo(MAX_POSITION)})$`;
export const EVENT_REF_EXPLAIN = { event: () => `event must be an event id (uuid) or ${POSITION_RULE}` };
/** Exactly one of `event` and `leaf` (x-exactly-one-of on the operation; 400 proof.invalid_query otherwise). */
export const InclusionProofQuery = Closed({
  event: Type.Optional(Type.String({ pattern: EVENT_REF, description: 'Event id (uuid) or global position; or give `leaf` instead' })),
  leaf: Type.Optional(TreeSize('Leaf index; or give `event` instead')),
  size: Type.Optional(TreeSize('Tree size the proof is for (default: the latest checkpoint’s)')),
});
export const InclusionProofView = Closed(
  {
    leafIndex: Type.Integer({ minimum: 0 }),
    treeSize: Type.Integer({ minimum: 1 }),
    leafHash: Hex,
    proof: Type.Array(Hex),
    rootHash: Hex,
    event: Closed({ id: Type.Union([Type.String(), Type.Null()]), position: Decimal }),
  },
  { description: 'RFC 6962 audit path from the leaf to the root of the tree of treeSize (the root for convenience only)' },
);

export const CheckpointSizeParams = Closed({
  size: Type.String({ pattern: '^(0|[1-9]\\d{0,14})$', description: 'A tree size: a non-negative integer (decimal, no leading zeros)' }),
});
