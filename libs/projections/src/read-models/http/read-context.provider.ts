import type { Provider } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { CONFIG, KYSELY, READ_KYSELY, type AppConfig } from '@factledger/platform';
import type { ReadContext } from '../query/read-snapshot';

export const READ_CONTEXT = Symbol('factledger.read-context');

/**
 * The read side's database (a replica with READ_DATABASE_URL), the primary (where a position a client got from a
 * write is looked up before the replica has replayed it) and the read-your-writes bound (READ_WAIT_TIMEOUT_MS).
 */
export const readContextProvider: Provider = {
  provide: READ_CONTEXT,
  inject: [READ_KYSELY, KYSELY, CONFIG],
  useFactory: (db: Kysely<EngineDb>, primary: Kysely<EngineDb>, config: AppConfig): ReadContext => ({
    db,
    primary: primary === db ? undefined : primary,
    waitTimeoutMs: config.readWaitTimeoutMs,
  }),
};
