import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, ed25519FromRaw, type WireCheckpoint } from './checkpoint-signature';
import { fail } from './verification-failure';

// The verification rule for checkpoint keys. The verifier trusts the key it
// pinned and, from it, the successor named by a rotation that a trusted key
// signed (its signature checked here, with the trusted key), and so on: a
// chain. It trusts nothing else the server says about keys, with one
// exception that can only make it fail: a revocation the server serves stops
// the chain at the revoked key, whoever signed it (a server can refuse to be
// verified, never talk its way into a pass). A key no chain reaches — the
// operator's replacement after a compromise, or an attacker's — is accepted
// only when given out of band (--public-key).

export interface TrustedKey {
  keyId: string;
  key: KeyObject;
}

export interface KeyChain {
  /** The key that signed the checkpoint, reached from the pinned one. */
  key: TrustedKey;
  /** The rotations followed, oldest first (each a checkpoint of the log to tie to it). */
  rotations: WireCheckpoint[];
}

const MAX_CHAIN = 10_000;

/** Follows the rotations from `pinned` to the key that signed `checkpoint`, or fails saying why none reaches it. */
export function followKeyChain(pinned: TrustedKey, checkpoint: WireCheckpoint, statements: WireCheckpoint[], servedKeyId: string): KeyChain {
  const revocations = new Map(statements.filter((s) => s.revokedKey).map((s) => [s.revokedKey!.keyId, s]));
  const rotations: WireCheckpoint[] = [];
  let current = pinned;
  const seen = new Set<string>();
  for (let step = 0; step <= MAX_CHAIN && !seen.has(current.keyId); step++) {
    seen.add(current.keyId);
    const revocation = revocations.get(current.keyId);
    if (revocation) {
      fail(
        'key.revoked',
        `${current.keyId === pinned.keyId ? 'the pinned' : 'the rotated-to'} key ${current.keyId} was revoked by the operator ("${revocation.revokedKey!.reason}"): ` +
          `they re-signed the log's head (size ${revocation.treeSize}, issued ${revocation.issuedAt}) with key ${revocation.keyId}. ` +
          `Confirm that key's id with the operator's announcement (out of band), then run again with --public-key <its PEM>: the remembered checkpoint is still checked against the new head`,
      );
    }
    const handover = statements.find((s) => s.nextKey && s.keyId === current.keyId && checkpointSignatureValid(s, current.key));
    if (current.keyId === checkpoint.keyId) {
      if (handover && checkpoint.treeSize > handover.treeSize) {
        fail(
          'key.retired',
          `checkpoint ${checkpoint.treeSize} is signed by key ${current.keyId}, which handed over to ${handover.nextKey!.keyId} at tree size ${handover.treeSize}: a retired key signed a newer tree`,
        );
      }
      return { key: current, rotations };
    }
    if (!handover) {
      return fail(
        'key.changed',
        `the checkpoint key changed: pinned ${pinned.keyId}, the server now serves ${servedKeyId} and checkpoint ${checkpoint.treeSize} is signed by ${checkpoint.keyId}, ` +
          `which no rotation signed by the pinned key${rotations.length ? ` or its successors (${rotations.map((r) => r.nextKey!.keyId).join(' → ')})` : ''} reaches. ` +
          'Only accept a new key confirmed out of band (then run with --public-key)',
      );
    }
    rotations.push(handover);
    current = { keyId: handover.nextKey!.keyId, key: ed25519FromRaw(Buffer.from(handover.nextKey!.publicKey, 'base64')) };
  }
  return fail('key.changed', `the key rotations served from ${pinned.keyId} go round in a circle or past ${MAX_CHAIN} keys`);
}
