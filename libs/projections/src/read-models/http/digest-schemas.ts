import { Type, type Static } from '@sinclair/typebox';
import { Closed, Nullable } from '@factledger/platform';
import { READ_MODEL_DIGEST_ALGORITHM } from '../digest/schema-digest';

/** Request and response schemas of the read-model digest routes (for `factledger verify --replay`). */

export const MAX_ROWS_PAGE = 1000;
const Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Decimal = Type.String({ pattern: '^[0-9]+$' });

export const ReadModelNameParams = Closed({
  name: Type.String({
    pattern: '^[a-z][a-z0-9_-]{0,62}$',
    description: 'A read model name, e.g. figures (404 projection.unknown when none is so named). A name like "." would be a dot segment of the URL',
    examples: ['figures'],
  }),
});

export const ReadModelRowsQuery = Closed({
  table: Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$', description: 'A table of the read model', examples: ['figure_versions'] }),
  position: Type.String({
    pattern: '^(0|[1-9][0-9]{0,18})$',
    description: 'The checkpoint position the caller compared (from the digest); 409 once the model has moved on',
    examples: ['1234'],
  }),
  after: Type.Optional(Hex),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_ROWS_PAGE, default: 500, description: `Rows per page, 1..${MAX_ROWS_PAGE} (default 500)` }),
  ),
});
export type ReadModelRowsQueryInput = Static<typeof ReadModelRowsQuery>;

const DigestView = Closed({
  name: Type.String(),
  version: Type.Integer(),
  position: Decimal,
  transactionId: Decimal,
  eventsApplied: Decimal,
  algorithm: Type.Literal(READ_MODEL_DIGEST_ALGORITHM),
  digest: Hex,
  tables: Type.Array(Closed({ name: Type.String(), rows: Type.Integer({ minimum: 0 }), digest: Hex })),
});
export const DigestsResponse = Closed({ data: Type.Array(DigestView) }, { description: 'Every live read model and its digest, from one snapshot' });
export const DigestResponse = Closed({ data: DigestView }, { description: 'One live read model and its digest' });
export const RowsResponse = Closed(
  {
    data: Closed({
      name: Type.String(),
      version: Type.Integer(),
      position: Decimal,
      table: Type.String(),
      rows: Type.Array(
        Closed({ hash: Hex, key: Nullable(Type.Record(Type.String(), Type.Unknown())), row: Type.Record(Type.String(), Type.Unknown()) }),
      ),
      nextAfter: Nullable(Hex),
    }),
  },
  { description: 'A page of the table in digest order' },
);

/** Messages as the read side has always named them. */
export const ROWS_EXPLAIN: Record<string, (value: string) => string | null> = {
  table: () => 'table must be a table name',
  position: () => 'position must be a ledger position',
  after: () => 'after must be a hex SHA-256',
  limit: (v) => (/^-?\d{1,16}$/.test(v) ? `limit must be from 1 to ${MAX_ROWS_PAGE}` : `limit must be an integer from 1 to ${MAX_ROWS_PAGE}`),
};
