import { UnrecoverableError } from 'bullmq';
import { isDomainError } from '@factledger/shared';

/** A fault to retry (the database, a read model behind, a concurrent writer), as opposed to a refusal of the input. */
export const isTransient = (error: unknown): boolean =>
  !isDomainError(error) || error.kind === 'unavailable' || error.kind === 'precondition' || error.code === 'stream.concurrent_write';

/** Every refusal of the ledger's (invalid, not found, a state conflict) fails the job for good; faults are retried. */
export const unrecoverableIfRefused = (error: unknown): unknown =>
  isDomainError(error) && !isTransient(error) ? new UnrecoverableError(`${error.code}: ${error.message}`) : error;
