import { invalid } from '@factledger/shared';
import type { Checkpoint } from './event-store.types';

const CURSOR = /^(\d{1,20}):(\d{1,19})$/;

/** Checkpoints travel as `transactionId:position`, e.g. in API cursors. */
export const formatCheckpoint = (c: Checkpoint): string => `${c.transactionId}:${c.position}`;

export function parseCheckpoint(cursor: string): Checkpoint {
  const match = CURSOR.exec(cursor);
  if (!match) throw invalid('checkpoint.invalid', `Cursor "${cursor}" is not of the form <transactionId>:<position>`);
  return { transactionId: BigInt(match[1]!).toString(), position: BigInt(match[2]!).toString() };
}

export const compareCheckpoints = (a: Checkpoint, b: Checkpoint): number => {
  const byTx = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTx !== 0n) return byTx < 0n ? -1 : 1;
  const byPos = BigInt(a.position) - BigInt(b.position);
  return byPos === 0n ? 0 : byPos < 0n ? -1 : 1;
};
