import { Type } from '@sinclair/typebox';
import { Closed, Nullable } from '@factledger/platform';

/** Response schema of GET /v1/projections (ProjectionStatus[] and the estimate cache's EstimateCacheReport). */

const Decimal = Type.String({ pattern: '^[0-9]+$' });
const Count = Type.Integer({ minimum: 0 });

export const ProjectionsStatusResponse = Closed(
  {
    data: Type.Array(
      Closed({
        name: Type.String(),
        version: Type.Integer(),
        activeVersion: Nullable(Type.Integer()),
        state: Type.Union(['running', 'rebuilding', 'stopped', 'failed', 'retired'].map((s) => Type.Literal(s))),
        checkpoint: Closed({ transactionId: Decimal, position: Decimal }),
        eventsApplied: Decimal,
        lagEvents: Count,
        lagEventsCapped: Type.Boolean(),
        lagSeconds: Type.Number(),
        lastError: Nullable(Type.String()),
        owner: Nullable(Type.String()),
        locked: Type.Boolean(),
        updatedAt: Type.String(),
      }),
    ),
    estimateCache: Closed({
      enabled: Type.Boolean(),
      listening: Type.Boolean(),
      entries: Count,
      hits: Count,
      misses: Count,
      joined: Count,
      bypassed: Count,
      stored: Count,
      invalidations: Count,
      partialInvalidations: Count,
      invalidatedMetrics: Count,
      listenerLosses: Count,
    }),
  },
  { description: 'Every read-model version and this process’s estimate cache counters' },
);
