import type { Command } from 'commander';
import type { FactledgerClient } from '@factledger/client';
import { ApiUnreachable, attempt, cliClient, describeProblem } from '../api-client';
import { act, EXIT, wholeNumber, withApiOption, type CliContext } from '../cli-io';
import { progressBar } from '../progress';
import { listFiles, submissionOf, type ReportFlags, type Submission } from './ingest-files';

interface IngestOptions extends ReportFlags {
  api: string;
  json?: boolean;
  timeout: number;
}

/** What became of one file. */
interface FileOutcome {
  file: string;
  jobId: string | null;
  state: 'completed' | 'failed' | 'refused' | 'timeout';
  /** The job's result (figures reported, corroborations, revisions, rejected lines). */
  result?: {
    figuresReported: number;
    updates: number;
    corroborations: number;
    revisions: number;
    unchanged: number;
    rejected: { index: number; code: string; reason: string }[];
  };
  /** Why it was refused or failed. */
  error?: string;
  /** The same content was ingested before: nothing new was queued. */
  alreadySubmitted?: boolean;
}

const POLL_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerIngestCommand(program: Command, ctx: CliContext): void {
  withApiOption(
    program
      .command('ingest')
      .description('submit articles (.txt, .md) and structured reports (.json, .csv) through the API and follow their jobs to the end')
      .argument('<paths...>', 'files or directories (walked for .txt, .md, .json, .csv)')
      .option('--publisher <name>', 'the outlet, for articles and CSV without it (front matter wins)')
      .option('--title <title>', 'report title (default for an article: its first line)')
      .option('--published-at <yyyy-mm-dd>', 'publication date (an article may date itself in its text)')
      .option('--language <code>', 'report language', 'en')
      .option('--url <url>', 'report URL')
      .option('--timeout <seconds>', 'how long to follow each job', wholeNumber(1, 86_400), 300)
      .option('--json', 'one JSON object: {files: [...], summary}'),
  ).action(act(ctx, (paths: string[], o: IngestOptions) => ingest(ctx, paths, o)));
}

async function ingest(ctx: CliContext, paths: string[], o: IngestOptions): Promise<number> {
  const { io } = ctx;
  let files: string[];
  try {
    files = await listFiles(paths);
  } catch (error) {
    io.stderr(`ingest: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (files.length === 0) {
    io.stderr(`ingest: no .txt, .md, .json or .csv file in ${paths.join(', ')}\n`);
    return EXIT.usage;
  }
  const key = io.env.FACTLEDGER_API_KEY;
  if (!key) {
    io.stderr('ingest: set FACTLEDGER_API_KEY to a key with the reporter role\n');
    return EXIT.usage;
  }
  const api = cliClient(o.api, key);
  const flags: ReportFlags = { publisher: o.publisher, title: o.title, publishedAt: o.publishedAt, language: o.language, url: o.url };
  const bar = progressBar('ingest', io.progress);
  const outcomes: FileOutcome[] = [];
  const report = (outcome: FileOutcome) => {
    outcomes.push(outcome);
    if (!o.json) io.stdout(`${describe(outcome)}\n`);
    bar.update(outcomes.length, files.length, outcome.file);
  };
  try {
    // Submitted first, then followed: the worker takes jobs one at a time, in order.
    const queued: FileOutcome[] = [];
    for (const file of files) {
      try {
        const submission = await submissionOf(file, flags);
        const answer = await attempt(submit(api, submission));
        if (answer.ok)
          queued.push({ file, jobId: answer.value.jobId, state: 'timeout', alreadySubmitted: !answer.value.created && !answer.value.retried });
        else report({ file, jobId: null, state: 'refused', error: describeProblem(answer.problem) });
      } catch (error) {
        if (error instanceof ApiUnreachable) throw error;
        report({ file, jobId: null, state: 'refused', error: (error as Error).message });
      }
    }
    for (const job of queued) report(await follow(api, job, o.timeout * 1000));
  } catch (error) {
    if (!(error instanceof ApiUnreachable)) throw error;
    io.stderr(`ingest: ${error.message}\n`);
    return EXIT.failure;
  } finally {
    bar.stop();
  }
  const summary = summarize(outcomes);
  if (o.json) io.stdout(`${JSON.stringify({ files: outcomes, summary }, null, 2)}\n`);
  else
    io.stdout(
      `${files.length} files: ${summary.completed} completed, ${summary.failed} failed, ${summary.refused} refused, ${summary.timedOut} still running (${summary.alreadyIngested} ingested before); ${summary.figuresReported} figures reported, ${summary.corroborations} corroborations, ${summary.revisions} revisions, ${summary.rejected} lines rejected\n`,
    );
  return summary.completed === outcomes.length ? EXIT.ok : EXIT.failure;
}

/** What POST /v1/ingestions answers (202); its contract is being completed, so the CLI names what it reads. */
interface Submitted {
  jobId: string;
  created: boolean;
  retried: boolean;
}

/**
 * Submits a file as it is: the contract's types describe the JSON envelopes,
 * but the CLI forwards the file's own bytes (JSON or CSV, with the CSV's
 * metadata as query parameters), so body and query are serialised by hand.
 */
async function submit(api: FactledgerClient, submission: Submission): Promise<Submitted> {
  const answer: unknown = await api.post('/v1/ingestions', {
    body: submission.body as never,
    bodySerializer: (body: unknown) => body,
    querySerializer: () => submission.query,
    headers: { 'content-type': submission.contentType },
  });
  return answer as Submitted;
}

/** Polls GET /v1/ingestions/{id} until the job completed or failed, or the time is up. */
async function follow(api: FactledgerClient, job: FileOutcome, timeoutMs: number): Promise<FileOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await attempt(api.get('/v1/ingestions/{id}', { params: { path: { id: job.jobId! } } }));
    if (!answer.ok) return { ...job, state: 'failed', error: describeProblem(answer.problem) };
    const { state, result, failedReason, rejected } = answer.value as typeof answer.value & {
      result: FileOutcome['result'] | null;
      rejected?: { index: number; code: string; reason: string }[];
    };
    if (state === 'completed') return { ...job, state: 'completed', result: result ?? undefined };
    if (state === 'failed') {
      const lines = (rejected ?? []).map((r) => `; #${r.index} ${r.code}: ${r.reason}`).join('');
      return { ...job, state: 'failed', error: `${failedReason ?? 'failed'}${lines}` };
    }
    if (Date.now() > deadline)
      return { ...job, state: 'timeout', error: `still ${state} after ${Math.round(timeoutMs / 1000)} s (is the worker running?)` };
    await sleep(POLL_MS);
  }
}

function describe(o: FileOutcome): string {
  if (o.state !== 'completed') return `FAIL ${o.file}: ${o.state}${o.jobId ? ` (job ${o.jobId})` : ''}: ${o.error}`;
  const r = o.result!;
  const again = o.alreadySubmitted ? ' (already ingested: nothing new)' : '';
  return (
    `ok   ${o.file}: ${r.figuresReported} figures reported (${r.updates} updates), ${r.corroborations} corroborations, ${r.revisions} revisions, ${r.unchanged} unchanged, ${r.rejected.length} rejected${again}` +
    r.rejected.map((x) => `\n       rejected #${x.index}: ${x.code}: ${x.reason}`).join('')
  );
}

function summarize(outcomes: FileOutcome[]) {
  const count = (state: FileOutcome['state']) => outcomes.filter((o) => o.state === state).length;
  // What this run changed: a file ingested before answers its first job, whose figures are not new.
  const sum = (pick: (r: NonNullable<FileOutcome['result']>) => number) =>
    outcomes.reduce((n, o) => n + (o.result && !o.alreadySubmitted ? pick(o.result) : 0), 0);
  return {
    files: outcomes.length,
    completed: count('completed'),
    failed: count('failed'),
    refused: count('refused'),
    timedOut: count('timeout'),
    alreadyIngested: outcomes.filter((o) => o.alreadySubmitted).length,
    figuresReported: sum((r) => r.figuresReported),
    corroborations: sum((r) => r.corroborations),
    revisions: sum((r) => r.revisions),
    rejected: sum((r) => r.rejected.length),
  };
}
