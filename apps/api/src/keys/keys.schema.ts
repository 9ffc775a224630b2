import { Type, type Static } from '@sinclair/typebox';
import { Closed, Line, Matching, Nullable, OneOf, KEY_ID, ROLES } from '@factledger/platform';

const Roles = Type.Array(OneOf(ROLES), { minItems: 1, maxItems: ROLES.length, examples: [['reporter']] });
const Time = Type.String({ format: 'date-time' });

export const CreateKeyBody = Closed({
  name: Line(1, 200, {
    description: "Who or what holds the key; kept in the key table only (redactable), never in the ledger's events",
    examples: ['newsroom importer'],
  }),
  roles: Roles,
  // RFC 3339 with its offset; seconds 00-59 (a leap second would not parse as a Date).
  expiresAt: Type.Optional(
    Type.String({
      format: 'date-time',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:[0-5]\\d(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
      description: 'After this time the key no longer authenticates; omitted: no expiry',
      examples: ['2027-06-30T00:00:00Z'],
    }),
  ),
});
export type CreateKeyInput = Static<typeof CreateKeyBody>;

export const KeyIdParams = Closed({ id: Matching(KEY_ID, { description: 'a key id: 16 lowercase hex digits' }) });

export const IssuedKey = Closed(
  {
    keyId: Type.String(),
    token: Type.String({ description: 'Shown once; only its hash is kept' }),
    roles: Roles,
    expiresAt: Nullable(Time),
    name: Type.String(),
  },
  { description: 'The new key, with its token' },
);
const keyView = {
  keyId: Type.String(),
  name: Type.String(),
  roles: Roles,
  createdBy: Type.String(),
  createdAt: Time,
  expiresAt: Nullable(Time),
  revokedAt: Nullable(Time),
  revokedBy: Nullable(Type.String()),
  lastUsedAt: Nullable(Time),
};
export const RevokedKey = Closed(keyView, { description: 'The key, revoked' });
export const KeyList = Closed({ items: Type.Array(Closed(keyView)) }, { description: 'Every key; never a token' });
