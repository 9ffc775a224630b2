import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SignedCheckpoint } from '@factledger/audit-domain';

/** `checkpoint-000000000042.json`: zero-padded so a directory listing sorts by tree size. */
const FILE = /^checkpoint-(\d{12,})\.json$/;
export const LATEST_FILE = 'latest.json';

export const checkpointFileName = (treeSize: number): string => `checkpoint-${String(treeSize).padStart(12, '0')}.json`;

/**
 * Signed checkpoints kept outside the database (CHECKPOINT_ARCHIVE_DIR), so the
 * last one published survives losing the database: restore and the worker's
 * start compare a restored log with it (restore-rule.ts). One file per
 * checkpoint plus `latest.json`, each written to a temporary file, fsynced and
 * renamed over the target, so a crash leaves the old file or the new one,
 * never half of one. Hand-written: a rename in one directory is all it takes.
 */
export class CheckpointArchive {
  constructor(readonly dir: string) {}

  /** Archives a checkpoint; `latest.json` only moves forward (a smaller or equal size never replaces it). */
  async write(checkpoint: SignedCheckpoint): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o750 });
    await this.writeAtomically(checkpointFileName(checkpoint.treeSize), checkpoint);
    const latest = await this.readFile(LATEST_FILE);
    if (!latest || latest.treeSize < checkpoint.treeSize) await this.writeAtomically(LATEST_FILE, checkpoint);
  }

  /**
   * The largest archived checkpoint: the larger of `latest.json` and the
   * largest numbered file (a crash between the two renames leaves the file
   * ahead of latest.json). Null when the directory is missing or empty.
   */
  async latest(): Promise<SignedCheckpoint | null> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const numbered = names
      .filter((n) => FILE.test(n))
      .sort()
      .at(-1);
    const candidates = await Promise.all([this.readFile(LATEST_FILE), numbered ? this.readFile(numbered) : null]);
    return candidates.reduce<SignedCheckpoint | null>((best, c) => (c && (!best || c.treeSize > best.treeSize) ? c : best), null);
  }

  private async readFile(name: string): Promise<SignedCheckpoint | null> {
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dir, name), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const parsed = JSON.parse(text) as SignedCheckpoint;
    if (!Number.isSafeInteger(parsed.treeSize) || typeof parsed.rootHash !== 'string') {
      throw new Error(`${path.join(this.dir, name)} is not a signed checkpoint`);
    }
    return parsed;
  }

  private async writeAtomically(name: string, checkpoint: SignedCheckpoint): Promise<void> {
    const target = path.join(this.dir, name);
    const temp = path.join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
    // The rename itself must survive a power cut: fsync the directory too.
    const dir = await fs.open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
