import { Type } from '@sinclair/typebox';
import { CHECKPOINT_ALGORITHM } from '@factledger/audit-domain';
import { Closed, Line, Nullable } from '@factledger/platform';

/** Request and response schemas of the audit API (@Contract). */

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256' });
const Decimal = Type.String({ pattern: '^[0-9]+$' });
const TreeSizeNumber = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** An integer query value from 0 to 2^53−1 (a tree size or leaf index). */
export const TreeSize = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

const KeyId = Type.String({ pattern: '^[0-9a-f]{32}$' });
const RawPublicKey = Type.String({ description: 'raw Ed25519 public key, base64' });
const NextKeyView = Closed(
  { keyId: KeyId, publicKey: RawPublicKey },
  { description: 'Rotation: the key that signs from now on, named by the signing (outgoing) key' },
);
const RevokedKeyView = Closed(
  { keyId: KeyId, reason: Type.String() },
  { description: 'Revocation: the operator re-signed this head with a new key because this one must no longer be trusted' },
);
const checkpointFields = {
  treeSize: TreeSizeNumber,
  rootHash: Hex,
  lastPosition: Nullable(Decimal),
  lastTransactionId: Nullable(Decimal),
  issuedAt: Type.String(),
  keyId: KeyId,
  algorithm: Type.Literal(CHECKPOINT_ALGORITHM),
  signature: Type.String({ description: 'base64 Ed25519 signature' }),
};

/** SignedCheckpoint */
export const SignedCheckpointView = Closed(
  { ...checkpointFields, revokedKey: Type.Optional(RevokedKeyView) },
  {
    description:
      'A signed checkpoint: the first treeSize events of the log have Merkle root rootHash. With revokedKey (signed bytes v2) it is the head re-signed by a new key after a compromise',
  },
);

/** A key statement: a rotation or a revocation, each a signed checkpoint (v2). */
export const KeyStatementView = Type.Union([
  Closed({ ...checkpointFields, nextKey: NextKeyView }, { description: 'Rotation, signed by the outgoing key' }),
  Closed({ ...checkpointFields, revokedKey: RevokedKeyView }, { description: 'Revocation: the head re-signed by the new key' }),
]);

export const KeyHistoryView = Closed(
  {
    currentKeyId: Nullable(KeyId),
    keys: Type.Array(Closed({ algorithm: Type.Literal(CHECKPOINT_ALGORITHM), keyId: KeyId, publicKey: RawPublicKey, createdAt: Type.String() })),
    statements: Type.Array(KeyStatementView),
  },
  {
    description:
      'Every checkpoint key and the statements linking them, oldest first. A verifier trusts a key it pinned and, from it, each nextKey of a rotation that the key it trusts signed; a revoked key is trusted no more',
  },
);

/** SealerStatus */
export const SealerStatusView = Closed(
  {
    state: Type.Union([Type.Literal('running'), Type.Literal('stalled')]),
    treeSize: TreeSizeNumber,
    lastSealed: Nullable(Closed({ leafIndex: TreeSizeNumber, position: Decimal, transactionId: Decimal, sealedAt: Type.String() })),
    lagEvents: Type.Integer({ minimum: 0 }),
    lagCapped: Type.Boolean(),
    lastCheckpoint: Nullable(Closed({ treeSize: TreeSizeNumber, issuedAt: Type.String() })),
    owner: Nullable(Type.String({ description: "The worker instance (host:pid:id) holding the sealer's lease; null when no live sealer holds it" })),
    lastError: Nullable(
      Closed({
        code: Type.Union([Type.Literal('audit.event_unsealable'), Type.Literal('audit.sealer_not_progressing')]),
        message: Type.String(),
        eventId: Nullable(Type.String()),
        position: Nullable(Decimal),
        leafIndex: Nullable(TreeSizeNumber),
      }),
    ),
  },
  { description: "The sealer's condition" },
);

export const PublicKeyView = Closed(
  {
    algorithm: Type.Literal(CHECKPOINT_ALGORITHM),
    keyId: KeyId,
    publicKey: RawPublicKey,
    publicKeyPem: Type.String(),
    createdAt: Type.String(),
  },
  { description: 'The key that signs checkpoints' },
);

export const ConsistencyProofQuery = Closed({ from: TreeSize('The older tree size'), to: TreeSize('The newer tree size') });
export const ConsistencyProofView = Closed(
  { from: TreeSizeNumber, to: TreeSizeNumber, proof: Type.Array(Hex), fromRoot: Hex, toRoot: Hex },
  { description: 'RFC 6962 consistency proof between the two tree sizes (roots for convenience only)' },
);

/** EventJson: an event as the log serves it; `cursor` resumes the log right after it. */
export const EventView = Closed({
  position: Decimal,
  transactionId: Decimal,
  streamId: Type.String(),
  streamVersion: Type.Integer({ minimum: 1 }),
  id: Type.String(),
  type: Type.String(),
  schemaVersion: Type.Integer(),
  data: Type.Unknown(),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  recordedAt: Type.String(),
  leafIndex: Nullable(TreeSizeNumber),
  cursor: Type.String(),
});

export const StreamIdParams = Closed({ id: Line(1, 200, { description: 'A stream id, e.g. figure-0d2932a5-…' }) });
export const StreamEventsQuery = Closed({
  afterVersion: Type.Optional(
    Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Only events with a higher stream version' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const StreamEventsView = Closed(
  { streamId: Type.String(), events: Type.Array(EventView), nextAfterVersion: Nullable(Type.Integer({ minimum: 1 })) },
  { description: "The stream's events in version order; nextAfterVersion continues when there are more" },
);
