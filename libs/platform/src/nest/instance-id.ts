import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Names one running app where several processes share a ledger: the owner a
 * worker writes on the read models it applies, the sealer's session name, the
 * worker a finished ingestion job names. Host and pid say which process to
 * look at; the random part tells apart two apps in one process (tests).
 */
export const newInstanceId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
