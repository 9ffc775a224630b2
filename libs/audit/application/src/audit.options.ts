/** Tuning of the audit HTTP endpoints; defaults suit production, specs shorten them. */
export interface AuditApiOptions {
  /** SSE heartbeat interval of `GET /v1/events/tail`. */
  heartbeatMs: number;
  /** How often a tail polls when no append notification arrives. */
  tailPollMs: number;
  /** How long `POST /v1/checkpoints` waits for the sealer. */
  checkpointWaitMs: number;
  /** Events per database page when exporting or tailing. */
  pageSize: number;
}

export const DEFAULT_AUDIT_API_OPTIONS: AuditApiOptions = { heartbeatMs: 15_000, tailPollMs: 2_000, checkpointWaitMs: 10_000, pageSize: 500 };

export const AUDIT_API_OPTIONS = Symbol('factledger.audit.api-options');

export interface AuditWorkerOptions {
  /** A signed checkpoint at most this often, when the tree grew. */
  checkpointIntervalMs: number;
  pollIntervalMs: number;
  batchSize: number;
}

export const DEFAULT_AUDIT_WORKER_OPTIONS: AuditWorkerOptions = { checkpointIntervalMs: 10_000, pollIntervalMs: 2_000, batchSize: 1000 };

export const AUDIT_WORKER_OPTIONS = Symbol('factledger.audit.worker-options');
