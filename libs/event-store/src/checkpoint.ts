import { invalid, isPosition, isTransactionId } from '@factledger/shared';
import type { Checkpoint } from './event-store.types';

const CURSOR = /^(\d{1,20}):(\d{1,19})$/;

/** Checkpoints travel as `transactionId:position`, e.g. in API cursors. */
export const formatCheckpoint = (c: Checkpoint): string => `${c.transactionId}:${c.position}`;

export function parseCheckpoint(cursor: string): Checkpoint {
  const match = CURSOR.exec(cursor);
  if (!match) throw invalid('checkpoint.invalid', `Cursor "${cursor}" is not of the form <transactionId>:<position>`);
  // Leading zeros are tolerated; the values must fit xid8 (0 … 2^64−1) and bigint (0 … 2^63−1), or SQL would refuse them.
  const [transactionId, position] = [BigInt(match[1]!).toString(), BigInt(match[2]!).toString()];
  if (!isTransactionId(transactionId) || !isPosition(position, { allowZero: true })) {
    throw invalid('checkpoint.invalid', `Cursor "${cursor}" is out of range: transaction ids are 0 to 2^64−1, positions 0 to 2^63−1`);
  }
  return { transactionId, position };
}

export const compareCheckpoints = (a: Checkpoint, b: Checkpoint): number => {
  const byTx = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTx !== 0n) return byTx < 0n ? -1 : 1;
  const byPos = BigInt(a.position) - BigInt(b.position);
  return byPos === 0n ? 0 : byPos < 0n ? -1 : 1;
};
