import { createWriteStream } from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { FactledgerProblem } from '@factledger/client';
import { ApiUnreachable, attempt, cliClient, describeProblem } from '../api-client';
import { act, EXIT, withApiOption, type CliContext } from '../cli-io';
import { progressBar } from '../progress';

interface ExportFlags {
  api: string;
  out?: string;
  after?: string;
  until?: string;
  json?: boolean;
}

/**
 * `factledger export`: the event log as NDJSON (GET /v1/events/export, a
 * snapshot of the log as it is when it starts), to a file or stdout, with
 * progress against the sealer's count of committed events (an estimate: the
 * export's own line count is what it reports).
 */
export function registerExportCommand(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  withApiOption(
    program
      .command('export')
      .description('the event log as NDJSON, one event per line (auditor or admin role)')
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--after <cursor>', 'start after this event cursor')
      .option('--until <cursor>', 'end at this event cursor (default: the log as it is now)')
      .option('--json', 'with --out: one JSON summary on stdout {events, bytes, file}'),
  ).action(
    act(ctx, async (o: ExportFlags) => {
      if (o.json && !o.out) {
        io.stderr('export: --json needs --out (the NDJSON itself goes to stdout otherwise)\n');
        return EXIT.usage;
      }
      const key = io.env.FACTLEDGER_API_KEY;
      const api = cliClient(o.api, key);
      let expected = 0;
      let response: Response;
      let refusal: unknown;
      try {
        const status = await attempt(api.get('/v1/checkpoints/status'));
        if (status.ok) expected = Number(status.value.treeSize) + Number(status.value.lagEvents);
        // The NDJSON is streamed as it comes: openapi-fetch's raw answer, not a parsed body.
        ({ response, error: refusal } = await api.api.GET('/v1/events/export', {
          params: { query: { after: o.after, until: o.until } },
          parseAs: 'stream',
        }));
      } catch (error) {
        if (!(error instanceof ApiUnreachable)) throw error;
        io.stderr(`export: ${error.message}\n`);
        return EXIT.failure;
      }
      if (response.status !== 200 || !response.body) {
        io.stderr(`export: ${describeProblem(new FactledgerProblem(response.status, refusal))}\n`);
        return EXIT.failure;
      }
      const bar = progressBar('export', io.progress);
      let events = 0;
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 0x0a) events++;
          bar.update(events, Math.max(expected, events), 'events');
          done(null, chunk);
        },
      });
      const sink = o.out
        ? createWriteStream(o.out)
        : new Writable({
            write: (chunk: Buffer, _encoding, done) => {
              io.stdout(chunk.toString('utf8'));
              done();
            },
          });
      try {
        await pipeline(Readable.fromWeb(response.body as never), count, sink);
      } finally {
        bar.update(events, events, 'events');
        bar.stop();
      }
      if (o.json) io.stdout(`${JSON.stringify({ events, bytes, file: o.out })}\n`);
      else if (o.out) io.stderr(`export: ${events} events (${bytes} bytes) to ${o.out}\n`);
      return EXIT.ok;
    }),
  );
}
