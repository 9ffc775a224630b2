import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SignedCheckpoint } from '@factledger/audit-domain';
import { CheckpointArchive, checkpointFileName } from './checkpoint-archive';

const checkpointOf = (treeSize: number): SignedCheckpoint => ({
  treeSize,
  rootHash: treeSize.toString(16).padStart(64, '0'),
  lastPosition: String(treeSize),
  lastTransactionId: String(1000 + treeSize),
  issuedAt: new Date(Date.UTC(2026, 11, 6, 8, 0, treeSize)).toISOString(),
  keyId: 'k'.repeat(32),
  algorithm: 'Ed25519',
  signature: Buffer.from(`sig-${treeSize}`).toString('base64'),
});

describe('the checkpoint archive (CHECKPOINT_ARCHIVE_DIR)', () => {
  let dir: string;
  beforeEach(() => (dir = path.join(mkdtempSync(path.join(tmpdir(), 'factledger-archive-')), 'nested', 'archive')));
  afterEach(() => rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true }));

  it('has nothing to say before the first checkpoint, even when the directory does not exist yet', async () => {
    await expect(new CheckpointArchive(dir).latest()).resolves.toBeNull();
  });

  it('keeps one file per checkpoint and latest.json, which only moves forward; no temporary file is left behind', async () => {
    const archive = new CheckpointArchive(dir);
    for (const size of [3, 5, 4]) await archive.write(checkpointOf(size));
    expect(readdirSync(dir).sort()).toEqual([checkpointFileName(3), checkpointFileName(4), checkpointFileName(5), 'latest.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8'))).toEqual(checkpointOf(5));
    expect(JSON.parse(readFileSync(path.join(dir, checkpointFileName(4)), 'utf8'))).toEqual(checkpointOf(4));
    await expect(archive.latest()).resolves.toEqual(checkpointOf(5));
    expect(statSync(path.join(dir, 'latest.json')).mode & 0o777).toBe(0o640);
  });

  it('answers the largest checkpoint when a crash left latest.json behind the newest file', async () => {
    const archive = new CheckpointArchive(dir);
    await archive.write(checkpointOf(7));
    writeFileSync(path.join(dir, checkpointFileName(12)), JSON.stringify(checkpointOf(12)));
    await expect(archive.latest()).resolves.toEqual(checkpointOf(12));
  });

  it('refuses a file that is not a checkpoint rather than checking a restore against nothing', async () => {
    const archive = new CheckpointArchive(dir);
    await archive.write(checkpointOf(2));
    writeFileSync(path.join(dir, 'latest.json'), '{"hello": "world"}');
    await expect(archive.latest()).rejects.toThrow('is not a signed checkpoint');
  });
});
