import { Type } from '@sinclair/typebox';
import { CHECKPOINT_ALGORITHM } from '@factledger/audit-domain';
import { Closed, Line, Nullable } from '@factledger/platform';

/** Request and response schemas of the audit API (@Contract). */

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256' });
const Decimal = Type.String({ pattern: '^[0-9]+$' });
const TreeSizeNumber = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** An integer query value from 0 to 2^53−1 (a tree size or leaf index). */
export const TreeSize = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

/** SignedCheckpoint */
export const SignedCheckpointView = Closed(
  {
    treeSize: TreeSizeNumber,
    rootHash: Hex,
    lastPosition: Nullable(Decimal),
    lastTransactionId: Nullable(Decimal),
    issuedAt: Type.String(),
    keyId: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    algorithm: Type.Literal(CHECKPOINT_ALGORITHM),
    signature: Type.String({ description: 'base64 Ed25519 signature' }),
  },
  { description: 'A signed checkpoint: the first treeSize events of the log have Merkle root rootHash' },
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
    keyId: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    publicKey: Type.String({ description: 'raw Ed25519 public key, base64' }),
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
  afterVersion: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Only events with a higher stream version' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const StreamEventsView = Closed(
  { streamId: Type.String(), events: Type.Array(EventView), nextAfterVersion: Nullable(Type.Integer({ minimum: 1 })) },
  { description: "The stream's events in version order; nextAfterVersion continues when there are more" },
);
