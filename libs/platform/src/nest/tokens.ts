/** Injection tokens for the shared infrastructure (plain symbols keep libs decoupled). */
export const CONFIG = Symbol('factledger.config');
export const DATABASE = Symbol('factledger.database');
export const KYSELY = Symbol('factledger.kysely');
export const EVENT_STORE = Symbol('factledger.event-store');
export const APPEND_NOTIFIER = Symbol('factledger.append-notifier');
export const REDIS_PROBE = Symbol('factledger.redis-probe');
export const API_KEYS = Symbol('factledger.api-keys');
export const RATE_LIMITS = Symbol('factledger.rate-limits');
export const STREAM_SLOTS = Symbol('factledger.stream-slots');
export const METRICS = Symbol('factledger.metrics');
export const METRICS_LISTEN_SETTING = Symbol('factledger.metrics-listen-setting');
export const SUBJECT_KEYS = Symbol('factledger.subject-keys');
