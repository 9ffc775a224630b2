import type { KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { keyFromPem } from './api-responses';
import { fetchLiveDigests, type LiveDigest } from './digest-responses';
import { verifyLedger } from './ledger-verifier';
import { ReplayError, type OpenReplay } from './read-model-replayer';
import { checkReplay, type ReplayedModel } from './replay-check';
import { VerificationFailure } from './verification-failure';
import { ApiError, VerifyApiClient, type FetchLike } from './verify-api.client';
import { StateFileError, loadVerifyState, saveVerifyState } from './verify-state';

export interface VerifyIo {
  stdout(text: string): void;
  stderr(text: string): void;
  fetch?: FetchLike;
  cwd?: string;
  random?: () => number;
  /** The projection code, for --replay (apps/cli links it; verify itself never imports it). */
  openReplay?: OpenReplay;
  /** The API key to send; defaults to FACTLEDGER_API_KEY. */
  apiKey?: string;
  /** Events fetched and hashed so far, of the checkpoint's size (for a progress bar). */
  onEvents?: (read: number, total: number) => void;
}

/**
 * What `factledger verify` was asked, already parsed (apps/cli parses the
 * command line; this code takes no npm package, not even a parser).
 * Relative paths resolve against `io.cwd`.
 */
export interface VerifyOptions {
  /** The factledger API, http(s). */
  api: string;
  /** Pinned key and last verified checkpoint. */
  stateFile: string;
  /** An Ed25519 public key (PEM file) to pin instead of trusting the first one seen. */
  publicKey?: string;
  spotChecks: number;
  /** Events per request, 1..1000. */
  pageSize: number;
  fresh: boolean;
  /** Also replay the verified events into scratch read models and compare (implies fresh). */
  replay: boolean;
  /** PostgreSQL for the replay (default DATABASE_URL). */
  scratchDb: string | null;
  /** One JSON object on stdout instead of lines. */
  json?: boolean;
}

export const VERIFY_DEFAULTS: VerifyOptions = {
  api: 'http://127.0.0.1:3000',
  stateFile: '.factledger/verify-state.json',
  spotChecks: 20,
  pageSize: 1000,
  fresh: false,
  replay: false,
  scratchDb: null,
};

/** Rules between options a parser cannot say: a message, or null when the options hold together. */
export function verifyOptionsProblem(options: VerifyOptions): string | null {
  try {
    const url = new URL(options.api);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    return `--api must be an http(s) URL, got ${options.api}`;
  }
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > 1000)
    return '--page-size needs a whole number from 1 to 1000';
  if (!Number.isInteger(options.spotChecks) || options.spotChecks < 0 || options.spotChecks > 100_000)
    return '--spot-checks needs a whole number from 0 to 100000';
  if (options.scratchDb !== null) {
    if (!options.replay) return '--scratch-db only applies with --replay';
    if (!/^postgres(ql)?:\/\//.test(options.scratchDb)) return '--scratch-db must be a postgres:// URL';
  }
  return null;
}

/**
 * `factledger verify`: 0 when the ledger verifies, 1 when it does not (or
 * could not be checked), 2 when the options do not hold together. Lines on
 * stdout as it goes, or with `json` one object at the end:
 * {result: pass|fail|error, code?, message, checkpoint?, keyId?, replayed?}.
 */
export async function runVerify(given: VerifyOptions, io: VerifyIo): Promise<number> {
  const problem = verifyOptionsProblem(given);
  if (problem) {
    io.stderr(`${problem}\n`);
    return 2;
  }
  if (given.replay && !io.openReplay) {
    io.stderr('--replay needs the projection code, which this build of verify was not given (use factledger verify)\n');
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  const options = {
    ...given,
    stateFile: path.resolve(cwd, given.stateFile),
    publicKey: given.publicKey ? path.resolve(cwd, given.publicKey) : undefined,
  };
  let pinnedKey: KeyObject | undefined;
  if (options.publicKey) {
    try {
      pinnedKey = keyFromPem(await fs.readFile(options.publicKey, 'utf8'));
    } catch (e) {
      io.stderr(`--public-key ${options.publicKey}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const out = (line: string) => void (options.json ? io.stderr : io.stdout)(`${line}\n`);
  const result = (code: number, body: Record<string, unknown>) => {
    if (options.json) io.stdout(`${JSON.stringify(body)}\n`);
    return code;
  };
  out(`factledger verify: ${options.api}`);
  try {
    const state = await loadVerifyState(options.stateFile);
    const api = new VerifyApiClient(options.api, io.fetch, undefined, io.apiKey ?? process.env.FACTLEDGER_API_KEY);
    const progress = (step: string, message: string) => out(`  ok ${step.padEnd(10)} ${message}`);
    // First the read models, then a fresh checkpoint: it then covers every event they applied.
    let live: LiveDigest[] | null = null;
    if (options.replay) {
      live = await fetchLiveDigests(api);
      progress('digests', `live read models ${live.map(describe).join(', ')}, from one snapshot`);
    }
    const report = await verifyLedger({
      api,
      state,
      pinnedKey,
      fresh: options.fresh || options.replay,
      spotChecks: options.spotChecks,
      pageSize: options.pageSize,
      random: io.random,
      progress,
      onEvents: io.onEvents,
    });
    let replayed: ReplayedModel[] | null = null;
    if (live) {
      replayed = await checkReplay({
        api,
        leaves: report.leaves,
        live,
        openReplay: io.openReplay!,
        scratchDb: options.scratchDb,
        pageSize: options.pageSize,
        progress,
      });
    }
    await saveVerifyState(options.stateFile, report.state);
    const { checkpoint } = report;
    const message = `the first ${checkpoint.treeSize} events of the log are exactly those signed in checkpoint ${checkpoint.treeSize} (root ${checkpoint.rootHash}, key ${report.keyId})`;
    out(`PASS: ${message}`);
    if (replayed)
      out(`PASS: replayed through the projection code, those events give exactly the live read models ${replayed.map(describe).join(', ')}`);
    if (report.keyPinnedNow) out(`note: key ${report.keyId} is now pinned in ${options.stateFile}`);
    if (report.rotatedFrom)
      out(
        `note: the operator rotated the checkpoint key ${report.rotatedFrom} → ${report.keyId} (signed by the old key); ${report.keyId} is now pinned in ${options.stateFile}`,
      );
    if (report.repinnedFrom) out(`note: key ${report.keyId}, given out of band, now replaces ${report.repinnedFrom} in ${options.stateFile}`);
    if (report.moreAfterCheckpoint) out('note: newer events follow this checkpoint; the next checkpoint will cover them (or run with --fresh)');
    return result(0, {
      result: 'pass',
      message,
      checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, issuedAt: checkpoint.issuedAt },
      keyId: report.keyId,
      keyPinnedNow: report.keyPinnedNow,
      rotatedFrom: report.rotatedFrom,
      repinnedFrom: report.repinnedFrom,
      inclusionChecks: report.inclusionChecks,
      moreAfterCheckpoint: report.moreAfterCheckpoint,
      replayed,
    });
  } catch (e) {
    if (e instanceof VerificationFailure) {
      out(`FAIL [${e.code}] ${e.message}`);
      return result(1, { result: 'fail', code: e.code, message: e.message });
    }
    if (e instanceof ApiError || e instanceof StateFileError || e instanceof ReplayError) {
      const code = e instanceof ReplayError ? e.code : undefined;
      out(`ERROR: verification could not complete: ${code ? `[${code}] ` : ''}${e.message}`);
      return result(1, { result: 'error', ...(code ? { code } : {}), message: e.message });
    }
    throw e;
  }
}

const describe = (m: { name: string; version: number; position: string }) => `${m.name} v${m.version} at position ${m.position}`;
