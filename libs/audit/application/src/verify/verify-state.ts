import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkpointShapeProblem, type WireCheckpoint } from './checkpoint-signature';

/**
 * What the verifier remembers between runs: the pinned public key (trust on
 * first use) and the last checkpoint it verified, which every later
 * checkpoint must extend.
 */
export interface VerifyState {
  version: 1;
  api: string;
  publicKey: { algorithm: 'Ed25519'; keyId: string; publicKey: string };
  checkpoint: WireCheckpoint;
  verifiedAt: string;
}

export class StateFileError extends Error {
  constructor(file: string, reason: string) {
    super(`state file ${file} is unusable (${reason}); delete it to start over, which forgets the pinned key and checkpoint`);
    this.name = 'StateFileError';
  }
}

export async function loadVerifyState(file: string): Promise<VerifyState | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StateFileError(file, (e as Error).message);
  }
  let state: VerifyState;
  try {
    state = JSON.parse(text) as VerifyState;
  } catch {
    throw new StateFileError(file, 'not JSON');
  }
  if (state?.version !== 1 || typeof state.publicKey?.publicKey !== 'string' || typeof state.publicKey.keyId !== 'string') {
    throw new StateFileError(file, 'not a factledger verify state, version 1');
  }
  const problem =
    typeof state.checkpoint === 'object' && state.checkpoint !== null
      ? checkpointShapeProblem(state.checkpoint as unknown as Record<string, unknown>)
      : 'is missing';
  if (problem) throw new StateFileError(file, `checkpoint ${problem}`);
  return state;
}

/** Written to a temporary file and renamed: a crash never leaves half a state. */
export async function saveVerifyState(file: string, state: VerifyState): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
}
