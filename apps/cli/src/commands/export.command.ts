import { createWriteStream } from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { ApiUnreachable, CliApiClient, describeProblem } from '../api-client';
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
      const api = new CliApiClient(o.api, key);
      let expected = 0;
      try {
        const status = await api.request('GET', '/v1/checkpoints/status');
        if (status.status === 200) expected = Number(status.body.treeSize) + Number(status.body.lagEvents);
      } catch (error) {
        if (!(error instanceof ApiUnreachable)) throw error;
        io.stderr(`export: ${error.message}\n`);
        return EXIT.failure;
      }
      const query = new URLSearchParams({ ...(o.after ? { after: o.after } : {}), ...(o.until ? { until: o.until } : {}) });
      const response = await fetch(new URL(`/v1/events/export?${query}`, o.api), { headers: key ? { authorization: `Bearer ${key}` } : {} });
      if (response.status !== 200 || !response.body) {
        io.stderr(`export: ${describeProblem({ status: response.status, body: await response.json().catch(() => undefined) })}\n`);
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
      const sink = o.out ? createWriteStream(o.out) : new Writable({
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
