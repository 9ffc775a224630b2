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

export const VERIFY_USAGE = `usage: factledger verify [options]

Checks, through the API only, that the ledger's events are exactly those it
signed: the checkpoint signature, consistency with the checkpoint remembered
from the last run, the Merkle root rebuilt from every event, and sampled
inclusion proofs. Prints PASS, or FAIL with the first failing leaf and event.
With --replay it also replays the verified events through the projection
code into scratch schemas and compares the result with the live read models.

options:
  --api <url>           the factledger API (default http://127.0.0.1:3000)
  --state-file <path>   pinned key and last verified checkpoint (default .factledger/verify-state.json)
  --public-key <file>   pin this Ed25519 public key (PEM) instead of trusting the first one seen
  --spot-checks <n>     inclusion proofs to check (default 20)
  --page-size <n>       events per request, 1..1000 (default 1000)
  --fresh               ask the sealer for a checkpoint covering the log as it is now
  --replay              also replay the verified events into scratch read models and compare their
                        digests with the live ones at the same position (implies --fresh)
  --scratch-db <url>    PostgreSQL to replay in (default DATABASE_URL); only fl_replay_* schemas
                        are created there, and dropped afterwards

environment:
  FACTLEDGER_API_KEY    sent as the bearer key: --fresh and --replay need the auditor role, and so does
                        everything when the server runs with READ_ACCESS=key

exit status: 0 pass, 1 verification failed or could not complete, 2 bad usage
`;

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
}

interface CliOptions {
  api: string;
  stateFile: string;
  publicKey?: string;
  spotChecks: number;
  pageSize: number;
  fresh: boolean;
  replay: boolean;
  scratchDb: string | null;
}

class UsageError extends Error {}

function parseArgs(argv: string[], cwd: string): CliOptions | 'help' {
  const args = argv[0] === 'verify' ? argv.slice(1) : [...argv];
  const options: CliOptions = { api: 'http://127.0.0.1:3000', stateFile: '.factledger/verify-state.json', spotChecks: 20, pageSize: 1000, fresh: false, replay: false, scratchDb: null };
  const count = (flag: string, raw: string | undefined, min: number, max: number) => {
    if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`${flag} needs a whole number from ${min} to ${max}`);
    return Number(raw);
  };
  const value = (flag: string, raw: string | undefined) => {
    if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return raw;
  };
  while (args.length > 0) {
    const [flag, inline] = args.shift()!.split(/=(.*)/s, 2) as [string, string | undefined];
    const next = () => inline ?? args.shift();
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--api':
        options.api = value(flag, next());
        break;
      case '--state-file':
        options.stateFile = value(flag, next());
        break;
      case '--public-key':
        options.publicKey = value(flag, next());
        break;
      case '--spot-checks':
        options.spotChecks = count(flag, next(), 0, 100_000);
        break;
      case '--page-size':
        options.pageSize = count(flag, next(), 1, 1000);
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--replay':
        options.replay = true;
        break;
      case '--scratch-db':
        options.scratchDb = value(flag, next());
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  try {
    const url = new URL(options.api);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--api must be an http(s) URL, got ${options.api}`);
  }
  if (options.scratchDb !== null) {
    if (!options.replay) throw new UsageError('--scratch-db only applies with --replay');
    if (!/^postgres(ql)?:\/\//.test(options.scratchDb)) throw new UsageError('--scratch-db must be a postgres:// URL');
  }
  options.stateFile = path.resolve(cwd, options.stateFile);
  if (options.publicKey) options.publicKey = path.resolve(cwd, options.publicKey);
  return options;
}

/** `factledger verify`: 0 when the ledger verifies, 1 when it does not (or could not be checked), 2 on bad usage. */
export async function runVerifyCli(argv: string[], io: VerifyIo): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(argv, io.cwd ?? process.cwd());
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${e.message}\n\n${VERIFY_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  if (options.replay && !io.openReplay) {
    io.stderr(`--replay needs the projection code, which this build of verify was not given (use factledger verify)\n\n${VERIFY_USAGE}`);
    return 2;
  }
  let pinnedKey: KeyObject | undefined;
  if (options.publicKey) {
    try {
      pinnedKey = keyFromPem(await fs.readFile(options.publicKey, 'utf8'));
    } catch (e) {
      io.stderr(`--public-key ${options.publicKey}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const out = (line: string) => io.stdout(`${line}\n`);
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
    });
    let replayed: ReplayedModel[] | null = null;
    if (live) {
      replayed = await checkReplay({ api, leaves: report.leaves, live, openReplay: io.openReplay!, scratchDb: options.scratchDb, pageSize: options.pageSize, progress });
    }
    await saveVerifyState(options.stateFile, report.state);
    const { checkpoint } = report;
    out(`PASS: the first ${checkpoint.treeSize} events of the log are exactly those signed in checkpoint ${checkpoint.treeSize} (root ${checkpoint.rootHash}, key ${report.keyId})`);
    if (replayed) out(`PASS: replayed through the projection code, those events give exactly the live read models ${replayed.map(describe).join(', ')}`);
    if (report.keyPinnedNow) out(`note: key ${report.keyId} is now pinned in ${options.stateFile}`);
    if (report.moreAfterCheckpoint) out('note: newer events follow this checkpoint; the next checkpoint will cover them (or run with --fresh)');
    return 0;
  } catch (e) {
    if (e instanceof VerificationFailure) {
      out(`FAIL [${e.code}] ${e.message}`);
      return 1;
    }
    if (e instanceof ApiError || e instanceof StateFileError) {
      out(`ERROR: verification could not complete: ${e.message}`);
      return 1;
    }
    if (e instanceof ReplayError) {
      out(`ERROR: verification could not complete: [${e.code}] ${e.message}`);
      return 1;
    }
    throw e;
  }
}

const describe = (m: { name: string; version: number; position: string }) => `${m.name} v${m.version} at position ${m.position}`;
