import { Type } from '@sinclair/typebox';
import { Closed, Nullable, OneOf } from '@factledger/platform';

const check = { status: OneOf(['up', 'down'] as const), latencyMs: Type.Integer({ minimum: 0 }), error: Type.Optional(Type.String()) };
const Count = Type.Integer({ minimum: 0 });

/** What GET /health answers while the database answers (ok or degraded); 503 problem+json (health.down) when it does not. */
export const HealthReport = (description: string) =>
  Closed(
    {
      status: OneOf(['ok', 'degraded'] as const),
      checks: Closed({
        database: Closed(check),
        redis: Closed(check),
        sealer: Closed({
          ...check,
          state: Type.Optional(OneOf(['running', 'stalled'] as const)),
          treeSize: Type.Optional(Count),
          lagEvents: Type.Optional(Count),
          lastCheckpointAt: Type.Optional(Nullable(Type.String())),
          eventId: Type.Optional(Nullable(Type.String())),
          position: Type.Optional(Nullable(Type.String())),
        }),
        // The oldest transaction holding back gap-safe readers (any database of the cluster), down past maxAgeMs.
        transactions: Closed({
          ...check,
          maxAgeMs: Count,
          oldest: Nullable(
            Closed({
              pid: Type.Integer(),
              ageMs: Count,
              state: Nullable(Type.String()),
              applicationName: Nullable(Type.String()),
              database: Nullable(Type.String()),
            }),
          ),
        }),
        // Only with READ_DATABASE_URL: the replica answers as a standby; lagBytes: WAL the primary wrote that it has not replayed.
        replica: Type.Optional(Closed({ ...check, standby: Nullable(Type.Boolean()), lagBytes: Nullable(Count) })),
      }),
    },
    { description },
  );
