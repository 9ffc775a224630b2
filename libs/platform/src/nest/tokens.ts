/** Injection tokens for the shared infrastructure (plain symbols keep libs decoupled). */
export const CONFIG = Symbol('factledger.config');
export const DATABASE = Symbol('factledger.database');
export const KYSELY = Symbol('factledger.kysely');
/**
 * The read side's connection (READ_DATABASE_URL, a streaming replica; else the same pool as DATABASE/KYSELY):
 * queries, the auditor feed, proofs and exports take it. Writes, key checks and anything that must see the
 * primary's latest commit take KYSELY.
 */
export const READ_DATABASE = Symbol('factledger.read-database');
export const READ_KYSELY = Symbol('factledger.read-kysely');
export const EVENT_STORE = Symbol('factledger.event-store');
export const APPEND_NOTIFIER = Symbol('factledger.append-notifier');
export const REDIS_PROBE = Symbol('factledger.redis-probe');
export const API_KEYS = Symbol('factledger.api-keys');
export const RATE_LIMITS = Symbol('factledger.rate-limits');
export const STREAM_SLOTS = Symbol('factledger.stream-slots');
export const METRICS = Symbol('factledger.metrics');
export const METRICS_LISTEN_SETTING = Symbol('factledger.metrics-listen-setting');
/** This app's instance id (newInstanceId): who holds a lease, who did a job. */
export const INSTANCE_ID = Symbol('factledger.instance-id');
export const SUBJECT_KEYS = Symbol('factledger.subject-keys');
