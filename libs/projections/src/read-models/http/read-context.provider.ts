import type { Provider } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { CONFIG, KYSELY, type AppConfig } from '@factledger/platform';
import type { ReadContext } from '../query/read-snapshot';

export const READ_CONTEXT = Symbol('factledger.read-context');

/** The database and the read-your-writes bound (READ_WAIT_TIMEOUT_MS) every read query uses. */
export const readContextProvider: Provider = {
  provide: READ_CONTEXT,
  inject: [KYSELY, CONFIG],
  useFactory: (db: Kysely<EngineDb>, config: AppConfig): ReadContext => ({ db, waitTimeoutMs: config.readWaitTimeoutMs }),
};
