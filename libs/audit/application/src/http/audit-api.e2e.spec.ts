import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { appendToStream, type EventStoreTables } from '@factledger/event-store';
import {
  eventLeafHash,
  fromHex,
  publicKeyFromRaw,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
  type LoggedEvent,
  type SignedCheckpoint,
} from '@factledger/audit-domain';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { Sealer } from '../sealer/sealer';
import { signingKeyFromPem } from '../sealer/signing-key';
import { createAuditTestApp } from '../testing/audit-test-app';
import { settleLog } from '../testing/settle';

/** A log cursor as a client could forge it. */
const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const key = signingKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
type EventJson = LoggedEvent & { transactionId: string; leafIndex: number | null; cursor: string; metadata: Record<string, unknown> };

describe('audit API', () => {
  let t: TestDatabase<EventStoreTables>;
  let app: NestFastifyApplication;
  let sealer: Sealer;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body ? safeJson(res.body) : undefined, raw: res.body };
  };
  const safeJson = (text: string) => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const append = (streamId: string, type: string, data: unknown = {}) =>
    appendToStream(t.db, streamId, [{ id: randomUUID(), type, data, metadata: { actor: 'alice', reason: `recording ${type}` } }]);

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    app = await createAuditTestApp(t.url, { checkpointWaitMs: 3000, heartbeatMs: 150, tailPollMs: 1000, pageSize: 7 });
    for (let i = 0; i < 12; i++) await append(`figure-${i % 3}`, i % 2 ? 'figure.revised.v1' : 'figure.reported.v1', { i });
    await new Promise((r) => setTimeout(r, 15));
    for (let i = 0; i < 4; i++) await append('source-1', 'source.registered.v1', { i });
    await settleLog(t.db);
    sealer = new Sealer({ connectionString: t.sealerUrl, key, pollIntervalMs: 50, checkpointIntervalMs: 60_000 });
    await sealer.checkpointNow();
  });
  afterAll(async () => {
    await sealer.stop();
    await app.close();
    await t.drop();
  });

  async function wholeLog(query = '', limit = 5): Promise<EventJson[]> {
    const events: EventJson[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await get(`/v1/events?limit=${limit}${cursor ? `&after=${cursor}` : ''}${query}`);
      expect(res.status).toBe(200);
      events.push(...res.body.events);
      cursor = res.body.nextCursor;
      if (!res.body.hasMore) return events;
    }
    throw new Error('log did not end');
  }

  describe('GET /v1/events', () => {
    it('pages the whole log in gap-safe order with opaque cursors, each event with its leaf and metadata', async () => {
      const events = await wholeLog();
      expect(events).toHaveLength(16);
      expect(events.map((e) => e.leafIndex)).toEqual(events.map((_, i) => i));
      expect(events[0]).toMatchObject({
        streamId: 'figure-0',
        streamVersion: 1,
        type: 'figure.reported.v1',
        metadata: { actor: 'alice', reason: 'recording figure.reported.v1' },
      });
      expect(events[0]!.position).toMatch(/^\d+$/);
      expect(events[0]!.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      // Resuming from any event's cursor continues right after it.
      const res = await get(`/v1/events?after=${events[9]!.cursor}&limit=3`);
      expect(res.body.events.map((e: EventJson) => e.id)).toEqual(events.slice(10, 13).map((e) => e.id));
    });

    it('filters by stream (repeatable), type (comma list or repeated) and recorded time', async () => {
      const all = await wholeLog();
      const byStreams = await wholeLog('&stream=figure-1&stream=source-1');
      expect(byStreams.map((e) => e.id)).toEqual(all.filter((e) => ['figure-1', 'source-1'].includes(e.streamId)).map((e) => e.id));
      const byTypes = await wholeLog('&type=figure.revised.v1,source.registered.v1');
      expect(byTypes).toHaveLength(10);
      expect(await wholeLog('&type=figure.revised.v1&type=source.registered.v1')).toEqual(byTypes);
      // from is inclusive, to exclusive; the source events were recorded 15 ms after the figures.
      const firstSource = all.find((e) => e.streamId === 'source-1')!.recordedAt;
      expect((await wholeLog(`&from=${firstSource}`)).map((e) => e.streamId)).toEqual(['source-1', 'source-1', 'source-1', 'source-1']);
      expect(await wholeLog(`&to=${firstSource}`)).toHaveLength(12);
    });

    it('moves a filtered cursor past skipped events, so polling does not rescan them', async () => {
      const res = await get('/v1/events?type=no.such.type');
      expect(res.body).toMatchObject({ events: [], hasMore: false });
      const all = await wholeLog();
      expect(res.body.nextCursor).toBe(all.at(-1)!.cursor);
    });

    it.each([
      ['/v1/events?limit=0', 400, 'request.invalid'],
      ['/v1/events?limit=1001', 400, 'request.invalid'],
      ['/v1/events?limit=ten', 400, 'request.invalid'],
      ['/v1/events?colour=red', 400, 'request.invalid'],
      ['/v1/events?from=yesterday', 400, 'request.invalid'],
      ['/v1/events?type=bad%20type', 400, 'request.invalid'],
      ['/v1/events?after=not-a-cursor', 422, 'events.invalid_cursor'],
      [`/v1/events?after=${Buffer.from('12:x').toString('base64url')}`, 422, 'events.invalid_cursor'],
      ['/v1/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 422, 'events.invalid_range'],
      ['/v1/events/export?until=%3D%3D', 422, 'events.invalid_cursor'],
      ['/v1/streams/nope/events', 404, 'stream.not_found'],
      ['/v1/streams/figure-1/events?afterVersion=-1', 400, 'request.invalid', 'afterVersion'],
      // Values PostgreSQL would refuse (bigint, xid8, NUL, year 0) are refused at the edge, never a 500.
      [`/v1/events?after=${cursorOf('12:9999999999999999999')}`, 422, 'events.invalid_cursor', 'after'],
      [`/v1/events?after=${cursorOf('12:9223372036854775808')}`, 422, 'events.invalid_cursor', 'after'],
      [`/v1/events?after=${cursorOf('18446744073709551616:1')}`, 422, 'events.invalid_cursor', 'after'],
      [`/v1/events/export?after=${cursorOf('12:9999999999999999999')}`, 422, 'events.invalid_cursor', 'after'],
      [`/v1/events/export?until=${cursorOf('12:9999999999999999999')}`, 422, 'events.invalid_cursor', 'until'],
      ['/v1/streams/figure-1/events?afterVersion=99999999999999999999', 400, 'request.invalid', 'afterVersion'],
      ['/v1/streams/a%00b/events', 400, 'request.invalid', 'id'],
      ['/v1/events?stream=a%00b', 400, 'request.invalid', 'stream'],
      ['/v1/events/export?stream=a%00b', 400, 'request.invalid', 'stream'],
      ['/v1/events?from=0000-01-01T00:00:00Z', 400, 'request.invalid', 'from'],
      // Times: a zone is required (a local time would be the server's), and no day rolls over.
      ['/v1/events?from=2024-10-01T00:00:00', 400, 'request.invalid', 'from'],
      ['/v1/events?from=2024-10-01', 400, 'request.invalid', 'from'],
      ['/v1/events?to=2023-02-29T00:00:00Z', 400, 'request.invalid', 'to'],
      ['/v1/events/export?from=2024-10-01T00:00:00', 400, 'request.invalid', 'from'],
    ])('answers %s with %i problem+json (%s)', async (url, status, code, ...named: string[]) => {
      const field = named[0]; // a rest parameter: jest would take a fourth one for `done`
      const res = await get(url);
      expect(res.status).toBe(status);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      if (field) expect(res.body).toMatchObject({ errors: [expect.objectContaining({ field })] });
    });

    it("says why a time is refused, in the read side's words", async () => {
      expect((await get('/v1/events?from=2024-10-01T00:00:00')).body.errors).toEqual([
        { field: 'from', message: 'from must be an ISO 8601 timestamp with a time zone, e.g. 2024-10-29T12:00:00Z' },
      ]);
      expect((await get('/v1/events?to=2023-02-29T00:00:00Z')).body.errors).toEqual([
        { field: 'to', message: 'to is not a real date: 2023-02-29 does not exist' },
      ]);
    });
  });

  describe('GET /v1/streams/{id}/events', () => {
    it('lists one stream in version order and pages by version', async () => {
      const first = await get('/v1/streams/figure-1/events?limit=2');
      expect(first.body.events.map((e: EventJson) => e.streamVersion)).toEqual([1, 2]);
      expect(first.body.nextAfterVersion).toBe(2);
      const rest = await get('/v1/streams/figure-1/events?afterVersion=2');
      expect(rest.body.events.map((e: EventJson) => e.streamVersion)).toEqual([3, 4]);
      expect(rest.body.nextAfterVersion).toBeNull();
      expect(rest.body.events[0].metadata).toEqual({ actor: 'alice', reason: expect.stringContaining('recording') });
    });
  });

  describe('GET /v1/events/export', () => {
    it('streams the log as NDJSON, one event per line, in log order', async () => {
      const res = await get('/v1/events/export');
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/x-ndjson');
      const lines = res.raw
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((e) => e.id)).toEqual((await wholeLog()).map((e) => e.id));
    });

    it('exports a cursor range and honours the filters', async () => {
      const all = await wholeLog();
      const res = await get(`/v1/events/export?after=${all[2]!.cursor}&until=${all[9]!.cursor}&stream=figure-0`);
      const ids = res.raw
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id);
      expect(ids).toEqual(
        all
          .slice(3, 10)
          .filter((e) => e.streamId === 'figure-0')
          .map((e) => e.id),
      );
      expect((await get(`/v1/events/export?after=${all.at(-1)!.cursor}`)).raw).toBe('');
    });
  });

  describe('checkpoints and the public key', () => {
    it('serves the latest and sized checkpoints, verifiable with the served key', async () => {
      const latest = await get('/v1/checkpoints/latest');
      expect(latest.status).toBe(200);
      const checkpoint = latest.body as SignedCheckpoint;
      expect(checkpoint).toMatchObject({ treeSize: 16, algorithm: 'Ed25519', keyId: key.keyId });
      const publicKey = (await get('/v1/audit/public-key')).body;
      expect(publicKey).toMatchObject({ algorithm: 'Ed25519', keyId: key.keyId, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
      expect(verifyCheckpointSignature(checkpoint, publicKeyFromRaw(Buffer.from(publicKey.publicKey, 'base64')))).toBe(true);
      expect((await get('/v1/checkpoints/16')).body).toEqual(checkpoint);
      expect((await get('/v1/checkpoints/15')).body.code).toBe('checkpoint.not_found');
      expect((await get('/v1/checkpoints/-1')).status).toBe(400);
      expect((await get('/v1/checkpoints/1e3')).body.code).toBe('request.invalid');
      // The key history before any rotation: the one key, no statements; "keys" is a route, not a size.
      expect((await get('/v1/checkpoints/keys')).body).toEqual({
        currentKeyId: key.keyId,
        keys: [{ algorithm: 'Ed25519', keyId: key.keyId, publicKey: publicKey.publicKey, createdAt: publicKey.createdAt }],
        statements: [],
      });
    });

    it('issues a checkpoint on demand through the sealer (201), then answers with it while nothing changed (200)', async () => {
      sealer.start();
      try {
        await append('figure-9', 'figure.reported.v1');
        await settleLog(t.db);
        const created = await app.inject({ method: 'POST', url: '/v1/checkpoints' });
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({ treeSize: 17 });
        const again = await app.inject({ method: 'POST', url: '/v1/checkpoints' });
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(created.json());
      } finally {
        await sealer.stop();
      }
    });

    it('answers 503 when no sealer answers in time', async () => {
      const quick = await createAuditTestApp(t.url, { checkpointWaitMs: 200 });
      try {
        await append('figure-9', 'figure.revised.v1');
        await settleLog(t.db);
        const res = await quick.inject({ method: 'POST', url: '/v1/checkpoints' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'audit.sealer_unavailable' });
      } finally {
        await quick.close();
      }
    });
  });

  it('documents every audit endpoint in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/audit/public-key',
      '/v1/checkpoints',
      '/v1/checkpoints/keys',
      '/v1/checkpoints/latest',
      '/v1/checkpoints/status',
      '/v1/checkpoints/{size}',
      '/v1/events',
      '/v1/events/export',
      '/v1/events/tail',
      '/v1/proofs/consistency',
      '/v1/proofs/inclusion',
      '/v1/streams/{id}/events',
    ]);
    expect(document.paths['/v1/events']!.get!.parameters!.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['after', 'limit', 'stream', 'type', 'from', 'to']),
    );
  });

  describe('proofs', () => {
    let checkpoint: SignedCheckpoint;
    let events: EventJson[];
    beforeAll(async () => {
      await sealer.checkpointNow();
      checkpoint = (await get('/v1/checkpoints/latest')).body;
      events = await wholeLog();
    });

    it('proves inclusion of an event by id, by position, or by leaf, against a signed root', async () => {
      const root = fromHex(checkpoint.rootHash);
      for (const [i, query] of [
        [0, `event=${events[0]!.id}`],
        [7, `event=${events[7]!.position}`],
        [checkpoint.treeSize - 1, `leaf=${checkpoint.treeSize - 1}`],
      ] as const) {
        const res = await get(`/v1/proofs/inclusion?${query}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ leafIndex: i, treeSize: checkpoint.treeSize, event: { id: events[i]!.id, position: events[i]!.position } });
        const leafHash = eventLeafHash(events[i]!);
        expect(res.body.leafHash).toBe(leafHash.toString('hex'));
        expect(() =>
          verifyInclusion(
            i,
            checkpoint.treeSize,
            leafHash,
            res.body.proof.map((h: string) => fromHex(h)),
            root,
          ),
        ).not.toThrow();
      }
      const older = await get(`/v1/proofs/inclusion?event=${events[3]!.id}&size=4`);
      expect(older.body).toMatchObject({ leafIndex: 3, treeSize: 4 });
    });

    it('proves consistency between tree sizes', async () => {
      const res = await get(`/v1/proofs/consistency?from=5&to=${checkpoint.treeSize}`);
      expect(res.status).toBe(200);
      const proof = res.body.proof.map((h: string) => fromHex(h));
      expect(() => verifyConsistency(5, checkpoint.treeSize, fromHex(res.body.fromRoot), fromHex(checkpoint.rootHash), proof)).not.toThrow();
      expect((await get(`/v1/proofs/consistency?from=0&to=${checkpoint.treeSize}`)).body.proof).toEqual([]);
    });

    it.each([
      ['/v1/proofs/inclusion', 400, 'proof.invalid_query'],
      ['/v1/proofs/inclusion?event=1&leaf=1', 400, 'proof.invalid_query'],
      ['/v1/proofs/inclusion?event=abc', 400, 'request.invalid'],
      ['/v1/proofs/inclusion?event=9223372036854775808', 400, 'request.invalid'],
      ['/v1/proofs/inclusion?event=a%00b', 400, 'request.invalid'],
      [`/v1/proofs/inclusion?event=${randomUUID()}`, 404, 'proof.event_not_found'],
      ['/v1/proofs/inclusion?leaf=5000', 404, 'proof.leaf_not_found'],
      ['/v1/proofs/inclusion?leaf=5&size=5', 422, 'proof.not_in_tree'],
      ['/v1/proofs/inclusion?leaf=5&size=5000', 422, 'proof.size_beyond_tree'],
      ['/v1/proofs/inclusion?leaf=-1', 400, 'request.invalid'],
      ['/v1/proofs/consistency?from=3', 400, 'request.invalid'],
      ['/v1/proofs/consistency?from=4&to=3', 422, 'proof.invalid_range'],
      ['/v1/proofs/consistency?from=1&to=99999', 422, 'proof.size_beyond_tree'],
      ['/v1/proofs/consistency?from=x&to=3', 400, 'request.invalid'],
    ])('answers %s with %i (%s)', async (url, status, code) => {
      const res = await get(url);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('answers 409 for an event the sealer has not reached yet', async () => {
      const { lastPosition } = await append('figure-late', 'figure.reported.v1');
      const res = await get(`/v1/proofs/inclusion?event=${lastPosition}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('proof.not_sealed');
    });
  });
});
