import { Controller, Get, Headers, Inject, Optional, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { START, visibleHead } from '@factledger/event-store';
import { Contract, READ_KYSELY, RateBudget, ReadAccess, RequireRoles, STREAM_SLOTS, type StreamSlots } from '@factledger/platform';
import { invalid, notFound } from '@factledger/shared';
import { AUDIT_API_OPTIONS, DEFAULT_AUDIT_API_OPTIONS, type AuditApiOptions } from '../audit.options';
import { toEventJson } from '../history/event-json';
import { readLog, readStreamPage, type LogFilter } from '../history/history.repository';
import { decodeCursor, encodeCursor } from '../history/log-cursor';
import { EventView, StreamEventsQuery, StreamEventsView, StreamIdParams } from './audit-schemas';
import { EventListView, ExportEventsQuery, ListEventsQuery, LOG_FILTER_EXPLAIN, TailEventsQuery } from './audit-log-schemas';
import { abortableStream, exportLines, tailFrames } from './log-streams';
import { LogWakeups } from './log-wakeups';

type StreamEventsQueryInput = Static<typeof StreamEventsQuery>;
type ListEventsInput = Static<typeof ListEventsQuery>;
type ExportEventsInput = Static<typeof ExportEventsQuery>;
type TailEventsInput = Static<typeof TailEventsQuery>;
type LogFilterInput = Pick<ListEventsInput, 'stream' | 'type' | 'from' | 'to'>;

const CURSOR_ERRORS = { 422: ['events.invalid_cursor', 'events.invalid_range'] } as const;
const STREAM_ERRORS = { ...CURSOR_ERRORS, 429: ['rate_limit.too_many_streams'] } as const;
type SlotRequest = Parameters<StreamSlots['acquire']>[0];

interface StreamReply {
  header(name: string, value: string): StreamReply;
  send(payload: unknown): unknown;
  raw: { once(event: 'close', listener: () => void): unknown };
}

function filterOf(q: LogFilterInput): LogFilter {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from.getTime() >= to.getTime()) throw invalid('events.invalid_range', `from (${q.from}) must be before to (${q.to})`);
  return { streamIds: q.stream, eventTypes: q.type, from, to };
}

/** Auditors' read access to the whole history: the global log in gap-safe order, per stream, exported, or live. */
@ApiTags('audit')
@Controller('v1')
export class EventsController {
  private readonly options: AuditApiOptions;

  constructor(
    @Inject(READ_KYSELY) private readonly db: Kysely<AuditDb>,
    private readonly wakeups: LogWakeups,
    @Optional() @Inject(AUDIT_API_OPTIONS) options?: Partial<AuditApiOptions>,
    @Optional() @Inject(STREAM_SLOTS) private readonly slots?: StreamSlots,
  ) {
    this.options = { ...DEFAULT_AUDIT_API_OPTIONS, ...options };
  }

  @ReadAccess('auditor')
  @Get('events')
  @Contract({ query: ListEventsQuery, responses: { 200: EventListView }, errors: CURSOR_ERRORS, explain: LOG_FILTER_EXPLAIN })
  @ApiOperation({ summary: 'The global event log in gap-safe commit order, a page after an opaque cursor; filter by stream, type, recorded time' })
  async list(@Query() q: ListEventsInput) {
    const after = q.after ? decodeCursor(q.after) : START;
    const page = await readLog(this.db, after, { ...filterOf(q), limit: q.limit ?? 100 });
    return { events: page.events.map(toEventJson), nextCursor: encodeCursor(page.next), hasMore: page.hasMore };
  }

  @RequireRoles('auditor', 'admin')
  @RateBudget('tails')
  @Get('events/export')
  @Contract({
    query: ExportEventsQuery,
    explain: LOG_FILTER_EXPLAIN,
    responses: {
      200: {
        mediaType: 'application/x-ndjson',
        item: EventView,
        description: 'One event per line (x-item-schema), in log order; empty when the range is',
      },
    },
    errors: STREAM_ERRORS,
  })
  @ApiOperation({ summary: 'NDJSON export of the log (or a cursor range), one event per line, streamed with backpressure' })
  async export(@Query() q: ExportEventsInput, @Req() request: SlotRequest, @Res() reply: StreamReply) {
    const filter = filterOf(q);
    const after = q.after ? decodeCursor(q.after) : START;
    // Default end: the log as it is now, so an export is a well-defined snapshot even while writers go on.
    const until = q.until ? decodeCursor(q.until, 'until') : (await visibleHead(this.db)).checkpoint;
    const body = until
      ? this.holdingSlot(request, reply, () => abortableStream(() => exportLines(this.db, { after, until }, filter, this.options.pageSize)))
      : '';
    reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(body);
  }

  @ReadAccess('auditor')
  @RateBudget('tails')
  @Get('events/tail')
  @Contract({
    query: TailEventsQuery,
    explain: LOG_FILTER_EXPLAIN,
    responses: {
      200: {
        mediaType: 'text/event-stream',
        item: EventView,
        description: 'Server-Sent Events: `event: event` frames whose data is an event (x-item-schema) and id its cursor; comment heartbeats',
      },
    },
    errors: STREAM_ERRORS,
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event (sent by EventSource on reconnect)' })
  @ApiOperation({ summary: 'Live tail of the log as Server-Sent Events; resumes from Last-Event-ID or `after`, else starts at the end' })
  async tail(
    @Query() q: TailEventsInput,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: SlotRequest,
    @Res() reply: StreamReply,
  ) {
    const filter = filterOf(q);
    const resume = lastEventId ? decodeCursor(lastEventId, 'Last-Event-ID') : q.after ? decodeCursor(q.after) : null;
    const after = resume ?? (await visibleHead(this.db)).checkpoint ?? START;
    const wakeups = this.wakeups.get();
    const body = this.holdingSlot(request, reply, () =>
      abortableStream(
        (signal) =>
          tailFrames(this.db, {
            after,
            filter,
            wakeups,
            signal,
            heartbeatMs: this.options.heartbeatMs,
            pollMs: this.options.tailPollMs,
            pageSize: Math.min(this.options.pageSize, 200),
          }),
        this.wakeups.shutdownSignal,
      ),
    );
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-accel-buffering', 'no') // nginx: do not buffer the stream
      .send(body);
  }

  /**
   * A slot of the principal's open streams for as long as the body streams
   * (429 when all are taken). Given back when the body ends or the client
   * goes away, whichever is first (a quiet tail's generator notices a gone
   * client only at its next heartbeat).
   */
  private holdingSlot(request: SlotRequest, reply: StreamReply, open: () => Readable): Readable {
    const release = this.slots?.acquire(request);
    const body = open();
    if (release) {
      body.once('close', release);
      reply.raw.once('close', release);
    }
    return body;
  }

  @ReadAccess('auditor')
  @Get('streams/:id/events')
  @Contract({ params: StreamIdParams, query: StreamEventsQuery, responses: { 200: StreamEventsView }, errors: { 404: ['stream.not_found'] } })
  @ApiOperation({ summary: "One stream's events in version order, with who recorded each and why (metadata)" })
  async stream(@Param('id') streamId: string, @Query() q: StreamEventsQueryInput) {
    const afterVersion = q.afterVersion ?? 0;
    const page = await readStreamPage(this.db, streamId, afterVersion, q.limit ?? 100);
    if (!page) throw notFound('stream.not_found', `Stream ${streamId} does not exist`, { streamId });
    const last = page.events.at(-1);
    return { streamId, events: page.events.map(toEventJson), nextAfterVersion: page.hasMore && last ? last.streamVersion : null };
  }
}
