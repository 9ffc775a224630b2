import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import { Sealer, runVerify, VERIFY_DEFAULTS, type FetchLike } from '@factledger/audit';
import { firstVersion, openReadModelReplay, readModelSpec } from '@factledger/projections';
import { createTestKey, type IssuedKey } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { testSigningKey } from '../libs/audit/application/src/testing/ledger-fixture';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { REPORTS, SOURCES, registerCatalog, figureBody as figure } from './support/scenario';

// The versions a fresh worker builds (the live ones here).
const CATALOG = firstVersion(readModelSpec('catalog'));
const FIGURES = firstVersion(readModelSpec('figures'));

/**
 * `factledger verify --replay` against the real API, worker-side projector
 * and sealer: the events, verified against the signed log, replayed through
 * the projection code into scratch schemas must give the live read models.
 */
describe('verify --replay (HTTP, real PostgreSQL, projector and sealer running)', () => {
  let api: ReadApiHarness;
  let scratch: TestDatabase;
  let sealer: Sealer;
  let url: string;
  let dir: string;
  let head = '0';

  const write = async (path: string, body: unknown) => {
    const response = await api.request('POST', path, body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    head = response.body.position;
    return response.body as { id: string; position: string };
  };
  let auditor: IssuedKey;
  const verify = async (scratchDb: string, fetch?: FetchLike) => {
    let out = '';
    const code = await runVerify(
      { ...VERIFY_DEFAULTS, api: url, stateFile: 'state.json', replay: true, scratchDb },
      {
        stdout: (text: string) => (out += text),
        stderr: (text: string) => (out += text),
        cwd: dir,
        fetch,
        openReplay: openReadModelReplay,
        apiKey: auditor.token, // the digests and --fresh need the auditor role
      },
    );
    return { code, out };
  };
  const replaySchemas = async (db: TestDatabase) =>
    (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_namespace WHERE nspname LIKE 'fl_replay_%'`.execute(db.db)).rows[0]!.n;

  beforeAll(async () => {
    api = await startReadApi();
    auditor = await createTestKey(api.db.db, ['auditor']);
    scratch = await createTestDatabase({ poolSize: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-replay-'));
    await api.app.listen(0, '127.0.0.1');
    url = await api.app.getUrl();
    sealer = new Sealer({ connectionString: api.db.sealerUrl, key: testSigningKey(), pollIntervalMs: 50, checkpointIntervalMs: 60_000 });
    sealer.start();

    await registerCatalog(api as unknown as ApiHarness);
    const mivd = await write(
      '/v1/figures',
      figure(SOURCES.mivd.sourceId, { qualifier: 'up_to', high: 1500 }, '2024-10-25', REPORTS.oct25.reportId, 'as many as 1,500 soldiers'),
    );
    await write(`/v1/figures/${mivd.id}/revisions`, {
      amount: { qualifier: 'approximately', value: 3000 },
      validAt: { date: '2024-10-28' },
      citation: { reportId: REPORTS.oct28.reportId, quote: 'now about 3,000' },
      reason: 'new assessment by the same service',
    });
    const us = await write(
      '/v1/figures',
      figure(SOURCES.usIntel.sourceId, { qualifier: 'approximately', value: 10000 }, '2024-10-30', REPORTS.wire.reportId, 'some 10,000'),
    );
    await write(`/v1/figures/${us.id}/revisions`, {
      amount: { qualifier: 'approximately', value: 11000 },
      citation: { reportId: REPORTS.wire.reportId, quote: 'corrected to 11,000' },
      reason: 'misread',
    });
    const hur = await write(
      '/v1/figures',
      figure(
        SOURCES.hur.sourceId,
        { qualifier: 'range', low: 11000, high: 12000 },
        '2024-10-28',
        REPORTS.oct28.reportId,
        'between 11,000 and 12,000',
      ),
    );
    await write(`/v1/figures/${hur.id}/corroborations`, {
      citation: { reportId: REPORTS.wire.reportId, quote: 'around 12,000, according to Ukrainian intelligence' },
    });
    await write(`/v1/figures/${hur.id}/retractions`, { reason: 'the source withdrew the claim', citation: null });
    await api.settled(head);
  });
  afterAll(async () => {
    await sealer.stop();
    await api.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes: the verified events, replayed in a scratch schema of the same database, give the live read models', async () => {
    const { code, out } = await verify(api.db.url);
    expect(out).toMatch(
      new RegExp(`ok digests +live read models catalog v${CATALOG} at position ${head}, figures v${FIGURES} at position ${head}, from one snapshot`),
    );
    expect(out).toMatch(
      new RegExp(
        `ok replay +catalog v${CATALOG}: \\d+ verified events replayed into fl_replay_[0-9a-f]{8}_\\* in postgres://.*: digest [0-9a-f]{16}…, the live one`,
      ),
    );
    expect(out).toMatch(new RegExp(`ok replay +figures v${FIGURES}: \\d+ verified events replayed`));
    expect(out).toContain(
      `PASS: replayed through the projection code, those events give exactly the live read models catalog v${CATALOG} at position ${head}, figures v${FIGURES} at position ${head}`,
    );
    expect(code).toBe(0);
    expect(await replaySchemas(api.db)).toBe(0);
  });

  it('serves digests and rows only for what exists, and rows only at the position the caller compared', async () => {
    const one = await api.request('GET', '/v1/read-models/figures/digest');
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({
      name: 'figures',
      version: FIGURES,
      position: head,
      algorithm: 'factledger-rm-digest-v1',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await api.request('GET', '/v1/read-models/nope/digest')).body).toMatchObject({ code: 'projection.unknown' });
    const rows = await api.request('GET', `/v1/read-models/catalog/rows?table=sources&position=${head}&limit=2`);
    expect(rows.body.data).toMatchObject({
      name: 'catalog',
      table: 'sources',
      rows: [{ key: { source_id: expect.any(String) } }, {}],
      nextAfter: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(rows.body.data.rows[0].hash < rows.body.data.rows[1].hash).toBe(true);
    const moved = await api.request('GET', `/v1/read-models/catalog/rows?table=sources&position=1`);
    expect([moved.status, moved.body.code]).toEqual([409, 'projection.moved']);
    const unknown = await api.request('GET', `/v1/read-models/catalog/rows?table=nope&position=${head}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'projection.unknown_table']);
    expect((await api.request('GET', `/v1/read-models/catalog/rows?table=Robert';--&position=${head}`)).status).toBe(400);
  });

  it('fails naming the read model and table when a live row was changed behind the projector', async () => {
    const table = sql.id(`rm_figures_v${FIGURES}`, 'figure_versions');
    const { rows } = await sql<{ figure_id: string; point: string }>`
      SELECT figure_id::text, point::text FROM ${table} WHERE recorded_to IS NULL AND valid_to IS NULL ORDER BY figure_id LIMIT 1`.execute(api.db.db);
    const victim = rows[0]!;
    const current = sql`figure_id = ${victim.figure_id}::uuid AND recorded_to IS NULL AND valid_to IS NULL`;
    await sql`UPDATE ${table} SET point = point * 10 WHERE ${current}`.execute(api.db.db);
    try {
      const { code, out } = await verify(scratch.url);
      expect(out).toMatch(
        new RegExp(
          `FAIL \\[replay\\.mismatch\\] read model figures v${FIGURES} at position ${head} is not what replaying the \\d+ verified events up to it gives: ` +
            `table figure_versions \\(live: (\\d+) rows, digest [0-9a-f]{16}…; replay: \\1 rows, digest [0-9a-f]{16}…\\); ` +
            `first differing row of figure_versions: row \\{[^}]*"figure_id":"${victim.figure_id}"[^}]*\\}: point is ${Number(victim.point) * 10} live, ${Number(victim.point)} in the replay$`,
          'm',
        ),
      );
      expect(out).toMatch(new RegExp(`ok replay +catalog v${CATALOG}`));
      expect(out).not.toContain('PASS: replayed');
      expect(code).toBe(1);
      expect(await replaySchemas(scratch)).toBe(0);
    } finally {
      await sql`UPDATE ${table} SET point = ${victim.point}::numeric WHERE ${current}`.execute(api.db.db);
    }
    expect((await verify(scratch.url)).code).toBe(0);
  });

  it('fails when the read models claim a position the signed log does not hold', async () => {
    const lying: FetchLike = async (target, init) => {
      const res = await fetch(target, init);
      if (!target.endsWith('/v1/read-models/digest')) return res;
      const body = JSON.parse(await res.text());
      body.data[1].position = String(BigInt(head) + 1000n);
      return { status: res.status, ok: res.ok, text: async () => JSON.stringify(body) };
    };
    const { code, out } = await verify(scratch.url, lying);
    expect(out).toMatch(
      new RegExp(
        `FAIL \\[replay\\.position_not_signed\\] read model figures v${FIGURES} claims to have applied the log up to position \\d+, but no event at that position is among the \\d+ events of the signed log`,
      ),
    );
    expect(code).toBe(1);
    expect(await replaySchemas(scratch)).toBe(0);
  });

  it('replays only events the verification accepted: an event served differently the second time fails', async () => {
    let proofsSeen = false;
    const twoFaced: FetchLike = async (target, init) => {
      const res = await fetch(target, init);
      if (target.includes('/v1/proofs/inclusion')) proofsSeen = true;
      if (!proofsSeen || !target.includes('/v1/events?')) return res;
      const body = JSON.parse(await res.text());
      const event = body.events.find((e: { type: string }) => e.type === 'figure.reported.v1');
      if (event) event.data.amount = { qualifier: 'exact', value: 1 };
      return { status: res.status, ok: res.ok, text: async () => JSON.stringify(body) };
    };
    const { code, out } = await verify(scratch.url, twoFaced);
    expect(out).toMatch(/ok proofs/);
    expect(out).toMatch(
      /FAIL \[replay\.event_changed\] leaf \d+ \(event [0-9a-f-]{36}, position \d+\) was served differently for the replay than for the verification/,
    );
    expect(code).toBe(1);
  });

  it('names a row the live model lost (left to the end: the ledger stays tampered)', async () => {
    await sql`DELETE FROM ${sql.id(`rm_catalog_v${CATALOG}`, 'source_versions')} WHERE source_id = ${SOURCES.hur.sourceId}`.execute(api.db.db);
    const { code, out } = await verify(scratch.url);
    expect(out).toMatch(
      new RegExp(
        `FAIL \\[replay\\.mismatch\\] read model catalog v${CATALOG} at position \\d+ .*: table source_versions \\(live: 2 rows, .*; replay: 3 rows, .*\\); ` +
          `first differing row of source_versions: row \\{"source_id":"ua-hur","stream_version":1\\} is in the replay but not live$`,
        'm',
      ),
    );
    expect(code).toBe(1);
  });

  it('reports a scratch database it cannot use as an error, not a verdict', async () => {
    const { code, out } = await verify('postgres://postgres@127.0.0.1:5432/factledger_no_such_db');
    expect(out).toMatch(/ERROR: verification could not complete: \[replay\.unavailable\] could not open the scratch replay: .*factledger_no_such_db/);
    expect(code).toBe(1);
  });
});
