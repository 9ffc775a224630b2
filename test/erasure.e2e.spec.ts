import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { Sealer, runVerify, VERIFY_DEFAULTS } from '@factledger/audit';
import { createTestKey, ERASED_MARKER, type IssuedKey } from '@factledger/platform';
import { firstVersion, openReadModelReplay, readModelSpec } from '@factledger/projections';
import { testSigningKey } from '../libs/audit/application/src/testing/ledger-fixture';
import { runCli } from '../apps/cli/src/program';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { figureBody, METRIC, REPORTS, registerCatalog } from './support/scenario';

const CATALOG = `rm_catalog_v${firstVersion(readModelSpec('catalog'))}`;
const WITNESS = { sourceId: 'witness-0042', name: 'Maria Kovalenko-Testwitness', kind: 'person', aliases: ['M. Kovalenko-Testwitness'] };
const SECOND = { sourceId: 'witness-0043', name: 'Petro Hrytsenko-Testwitness', kind: 'person' };
const PLAINTEXTS = [WITNESS.name, ...WITNESS.aliases, SECOND.name];

/**
 * Erasure of personal data by crypto-shredding, end to end: a person source's
 * name is readable through the API while its key exists, sealed as
 * ciphertext in the log, the export and the read models; after
 * `POST /v1/subjects/{id}/erasure` (and `factledger erase-subject`) it is
 * unreadable everywhere — API, export, read-model tables, stored write
 * answers, a pg_dump taken afterwards — and `verify --replay` still passes.
 */
describe('erasure of a subject (HTTP and CLI, real PostgreSQL, projector and sealer running)', () => {
  let api: ReadApiHarness;
  let sealer: Sealer;
  let auditor: IssuedKey;
  let url: string;
  let dir: string;
  let head = '0';

  const post = async (target: string, body: unknown, status = 201, headers: Record<string, string> = {}) => {
    const response = await api.request('POST', target, body, headers);
    if (response.status !== status) throw new Error(`${target}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.position) head = response.body.position;
    return response.body;
  };
  const timelineSources = async () => {
    const response = await api.request('GET', `/v1/metrics/${METRIC.key}/timeline`);
    expect(response.status).toBe(200);
    return response.body.data.sources as { sourceId: string; name: string; aliases: string[] }[];
  };
  const exported = async () => {
    const response = await api.app.inject({ method: 'GET', url: '/v1/events/export', headers: { authorization: `Bearer ${auditor.token}` } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const readModelText = async () =>
    (
      await sql<{
        row: string;
      }>`SELECT s::text AS row FROM ${sql.id(CATALOG, 'sources')} s UNION ALL SELECT v::text FROM ${sql.id(CATALOG, 'source_versions')} v`.execute(
        api.db.adminDb,
      )
    ).rows
      .map((r) => r.row)
      .join('\n');
  const stored = async (table: 'idempotency_keys' | 'events') =>
    (await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.id(table)} t`.execute(api.db.adminDb)).rows.map((r) => r.row).join('\n');
  const pgDump = async () => (await promisify(execFile)('pg_dump', ['--no-owner', api.db.adminUrl], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  const verify = async () => {
    let out = '';
    const code = await runVerify(
      { ...VERIFY_DEFAULTS, api: url, stateFile: 'state.json', replay: true, scratchDb: api.db.url },
      {
        stdout: (text: string) => (out += text),
        stderr: (text: string) => (out += text),
        cwd: dir,
        openReplay: openReadModelReplay,
        apiKey: auditor.token,
      },
    );
    return { code, out };
  };

  beforeAll(async () => {
    api = await startReadApi();
    auditor = await createTestKey(api.db.db, ['auditor']);
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-erasure-'));
    await api.app.listen(0, '127.0.0.1');
    url = await api.app.getUrl();
    sealer = new Sealer({ connectionString: api.db.sealerUrl, key: testSigningKey(), pollIntervalMs: 50, checkpointIntervalMs: 60_000 });
    sealer.start();
    await registerCatalog(api as unknown as ApiHarness);
    const registered = await post('/v1/sources', WITNESS, 201, { 'idempotency-key': 'register-witness-0042' });
    expect(registered.data).toMatchObject({ name: WITNESS.name, aliases: WITNESS.aliases, kind: 'person' });
    await post('/v1/sources', SECOND);
    await post(
      '/v1/figures',
      figureBody(WITNESS.sourceId, { qualifier: 'approximately', value: 400 }, '2024-10-28', REPORTS.oct28.reportId, 'about 400, a witness said'),
    );
    await post(
      '/v1/figures',
      figureBody(SECOND.sourceId, { qualifier: 'approximately', value: 500 }, '2024-10-28', REPORTS.oct28.reportId, 'some 500, another witness said'),
    );
    await api.settled(head);
  });
  afterAll(async () => {
    await sealer.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before erasure: the API shows the name; the log, its export and the read models hold only ciphertext', async () => {
    expect((await timelineSources()).find((s) => s.sourceId === WITNESS.sourceId)).toMatchObject({ name: WITNESS.name, aliases: WITNESS.aliases });
    const [log, exportText, rows] = [await stored('events'), await exported(), await readModelText()];
    for (const text of PLAINTEXTS) {
      expect(log).not.toContain(text);
      expect(exportText).not.toContain(text);
      expect(rows).not.toContain(text);
    }
    expect(exportText).toMatch(/"name":"pd1:source-witness-0042:/);
    expect(rows).toContain('pd1:source-witness-0042:');
    // Deciders see the text: the same name again changes nothing.
    expect((await api.request('PATCH', `/v1/sources/${SECOND.sourceId}`, { name: SECOND.name })).body).toMatchObject({
      status: 422,
      code: 'source.update_no_change',
    });
    // The stored answer of the Idempotency-Key write is the one decrypted copy outside the API (erasure drops it).
    expect(await stored('idempotency_keys')).toContain(WITNESS.name);
  });

  it('erases through the API (admin only, once), then the name is unreadable everywhere and verify --replay passes', async () => {
    const keyHex = (
      await sql<{ k: string }>`SELECT encode(data_key, 'hex') AS k FROM subject_keys WHERE subject = 'source-witness-0042'`.execute(api.db.adminDb)
    ).rows[0]!.k;
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    const reader = await createTestKey(api.db.db, ['editor', 'reader']);
    expect(
      (await api.request('POST', '/v1/subjects/source-witness-0042/erasure', undefined, { authorization: `Bearer ${reader.token}` })).status,
    ).toBe(403);
    expect((await api.request('POST', '/v1/subjects/source-nobody/erasure')).body).toMatchObject({ status: 404, code: 'subject.not_found' });
    expect((await api.request('POST', '/v1/subjects/Not%20A%20Subject/erasure')).status).toBe(400);

    const erased = await post('/v1/subjects/source-witness-0042/erasure', undefined, 200);
    expect(erased).toMatchObject({ subject: 'source-witness-0042', changed: true, position: expect.stringMatching(/^\d+$/) });
    head = erased.position;
    const again = await post('/v1/subjects/source-witness-0042/erasure', undefined, 200);
    expect(again).toMatchObject({ changed: false, erasedAt: erased.erasedAt, position: erased.position });

    // The CLI does the same by database access.
    let out = '';
    const io = {
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (out += t),
      progress: { write: () => true, isTTY: false },
      config: () => api.config,
      env: {},
    };
    expect(await runCli(['erase-subject', 'source-witness-0043', '--reason', 'request of the data subject'], io)).toBe(0);
    expect(out).toMatch(/^erased source-witness-0043 at .*: data key shredded, subject\.erased\.v1 at position (\d+)\n$/);
    head = /position (\d+)/.exec(out)![1]!;
    expect(await runCli(['erase-subject', 'source-nobody'], io)).toBe(1);
    await api.settled(head);

    const sources = await timelineSources();
    expect(sources.find((s) => s.sourceId === WITNESS.sourceId)).toMatchObject({ name: ERASED_MARKER, aliases: [ERASED_MARKER] });
    expect(sources.find((s) => s.sourceId === SECOND.sourceId)).toMatchObject({ name: ERASED_MARKER });
    const exportText = await exported();
    const erasure = exportText
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((e) => e.type === 'subject.erased.v1');
    expect(erasure.data).toEqual({ subject: 'source-witness-0042', erasedAt: erased.erasedAt });
    for (const text of PLAINTEXTS) {
      expect(exportText).not.toContain(text);
      expect(await readModelText()).not.toContain(text);
      expect(await stored('idempotency_keys')).not.toContain(text);
    }
    // Personal data of an erased subject is not recorded again.
    expect((await api.request('PATCH', `/v1/sources/${WITNESS.sourceId}`, { name: 'Maria K.' })).body).toMatchObject({
      status: 409,
      code: 'subject.erased',
    });

    // A backup taken now holds neither the names nor the key that could open them.
    const dump = await pgDump();
    expect(dump).toContain('pd1:source-witness-0042:');
    expect(dump).toContain('subject_keys');
    for (const text of [...PLAINTEXTS, keyHex]) expect(dump).not.toContain(text);

    const verified = await verify();
    expect(verified.out).toContain('PASS: replayed through the projection code');
    expect(verified.code).toBe(0);
  });

  it("erases a key holder's name (principal-<keyId>): kept only in the key table, it reads [erased] there and in a later dump", async () => {
    const created = await api.request('POST', '/v1/keys', { name: 'Olena Testeditor', roles: ['editor'] });
    expect(created.status).toBe(201);
    const keyId = created.body.keyId as string;
    expect(await stored('events')).not.toContain('Olena Testeditor');
    const erased = await post(`/v1/subjects/principal-${keyId}/erasure`, undefined, 200);
    expect(erased).toMatchObject({ subject: `principal-${keyId}`, changed: true });
    expect((await post(`/v1/subjects/principal-${keyId}/erasure`, undefined, 200)).changed).toBe(false);
    const keys = await api.request('GET', '/v1/keys');
    expect(keys.body.items.find((k: { keyId: string }) => k.keyId === keyId)).toMatchObject({ name: ERASED_MARKER, roles: ['editor'] });
    expect((await api.request('POST', '/v1/subjects/principal-00000000000000ff/erasure')).body).toMatchObject({
      status: 404,
      code: 'subject.not_found',
    });
    expect(await pgDump()).not.toContain('Olena Testeditor');
  });
});
