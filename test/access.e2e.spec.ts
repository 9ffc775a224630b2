import { createHash } from 'node:crypto';
import { Sealer } from '@factledger/audit';
import { createTestKey, KEY_ID, ROLES, type IssuedKey, type Role } from '@factledger/platform';
import { testSigningKey } from '../libs/audit/application/src/testing/ledger-fixture';
import { storeTestCandidate } from '../libs/ingestion/src/testing/review-candidate-fixture';
import type { ApiHarness } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { METRIC, REPORTS, SOURCES, registerCatalog, upTo1500 } from './support/scenario';

interface Operation {
  'x-access'?: string;
  'x-required-roles'?: Role[];
  security?: Record<string, string[]>[];
  description?: string;
}
interface Call {
  method: string;
  url: string;
  body?: unknown;
}

/**
 * Walks the served OpenAPI document: every operation declares its access,
 * and every operation that needs a role (all writes; exports, digests,
 * checkpoints on demand and key management even while reads are public)
 * answers 401 anonymously, 403 to a key without the role and 2xx to a key
 * holding only that role. A new operation fails here until it declares its
 * roles and gets an example request below.
 */
describe('access control over the whole API (OpenAPI walk, HTTP, real PostgreSQL)', () => {
  let api: ReadApiHarness;
  let sealer: Sealer;
  let document: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };
  let n = 0;
  const fresh = (prefix: string) => `${prefix}-${++n}`;
  const ok = async (call: Call): Promise<any> => {
    const response = await api.request(call.method, call.url, call.body);
    if (response.status >= 300) throw new Error(`${call.method} ${call.url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const newFigure = async () =>
    (
      await ok({
        method: 'POST',
        url: '/v1/figures',
        body: { ...upTo1500, validAt: { date: `2024-10-${10 + (n % 15)}` }, statedAt: null, citation: { ...upTo1500.citation, quote: fresh('q') } },
      })
    ).id as string;
  const candidate = async () =>
    storeTestCandidate(api.db.db, {
      reportId: REPORTS.oct25.reportId,
      metricKey: METRIC.key,
      sourceName: SOURCES.mivd.name,
      amount: upTo1500.amount as never,
      validAt: '2024-10-25',
      quote: fresh('as many as 1,500'),
    });
  const livePosition = async () => {
    const { rows } = await api.db.pool.query<{ head: string }>('SELECT max(position)::text AS head FROM events');
    await api.settled(rows[0]!.head);
    return rows[0]!.head;
  };

  /** A valid request per operation, made with the harness's all-roles key where it needs state of its own. */
  const EXAMPLES: Record<string, () => Promise<Call>> = {
    'POST /v1/metrics': async () => ({
      method: 'POST',
      url: '/v1/metrics',
      body: { key: fresh('metric').replace('-', '_'), label: 'A metric', unit: 'troops' },
    }),
    'PATCH /v1/metrics/{key}': async () => ({ method: 'PATCH', url: `/v1/metrics/${METRIC.key}`, body: { description: fresh('described') } }),
    'POST /v1/sources': async () => ({
      method: 'POST',
      url: '/v1/sources',
      body: { sourceId: fresh('source'), name: fresh('A source'), kind: 'media' },
    }),
    'PATCH /v1/sources/{id}': async () => ({
      method: 'PATCH',
      url: `/v1/sources/${SOURCES.mivd.sourceId}`,
      body: { needsReview: false, aliases: [fresh('MIVD')] },
    }),
    'POST /v1/reports': async () => ({ method: 'POST', url: '/v1/reports', body: { ...REPORTS.oct25, reportId: fresh('report') } }),
    'PATCH /v1/reports/{id}': async () => ({ method: 'PATCH', url: `/v1/reports/${REPORTS.wire.reportId}`, body: { title: fresh('Retitled') } }),
    'PUT /v1/reports/{id}/text': async () => {
      const [reportId, text] = [fresh('hashed'), fresh('Some text')];
      await ok({
        method: 'POST',
        url: '/v1/reports',
        body: { ...REPORTS.oct25, reportId, contentHash: createHash('sha256').update(text).digest('hex') },
      });
      return { method: 'PUT', url: `/v1/reports/${reportId}/text`, body: { text } };
    },
    'DELETE /v1/reports/{id}/text': async () => {
      const reportId = fresh('texted');
      await ok({ method: 'POST', url: '/v1/reports', body: { ...REPORTS.oct25, reportId, text: 'Some 3,000 soldiers.' } });
      return { method: 'DELETE', url: `/v1/reports/${reportId}/text` };
    },
    'POST /v1/figures': async () => ({
      method: 'POST',
      url: '/v1/figures',
      body: { ...upTo1500, citation: { ...upTo1500.citation, quote: fresh('quote') } },
    }),
    'POST /v1/figures/{id}/revisions': async () => ({
      method: 'POST',
      url: `/v1/figures/${await newFigure()}/revisions`,
      body: { amount: { qualifier: 'exact', value: 1400 }, citation: upTo1500.citation, reason: 'corrected' },
    }),
    'POST /v1/figures/{id}/corroborations': async () => ({
      method: 'POST',
      url: `/v1/figures/${await newFigure()}/corroborations`,
      body: { citation: { reportId: REPORTS.wire.reportId, quote: 'repeated' } },
    }),
    'POST /v1/figures/{id}/retractions': async () => ({
      method: 'POST',
      url: `/v1/figures/${await newFigure()}/retractions`,
      body: { reason: 'withdrawn' },
    }),
    'POST /v1/ingestions': async () => ({
      method: 'POST',
      url: '/v1/ingestions',
      body: {
        kind: 'structured',
        report: { publisher: 'P', title: fresh('T'), publishedAt: '2024-10-28', language: 'en' },
        figures: [{ metricKey: METRIC.key, source: 'HUR', qualifier: 'exact', value: 1, validAt: '2024-10-28', quote: fresh('q') }],
      },
    }),
    'GET /v1/ingestions/{id}/candidates': async () => ({ method: 'GET', url: `/v1/ingestions/${(await candidate()).jobId}/candidates` }),
    'POST /v1/ingestions/{id}/candidates/{candidateId}/accept': async () => {
      const { jobId, candidateId } = await candidate();
      return { method: 'POST', url: `/v1/ingestions/${jobId}/candidates/${candidateId}/accept` };
    },
    'POST /v1/ingestions/{id}/candidates/{candidateId}/reject': async () => {
      const { jobId, candidateId } = await candidate();
      return { method: 'POST', url: `/v1/ingestions/${jobId}/candidates/${candidateId}/reject`, body: { reason: 'not a figure' } };
    },
    'GET /v1/events/export': async () => ({ method: 'GET', url: '/v1/events/export' }),
    'POST /v1/checkpoints': async () => ({ method: 'POST', url: '/v1/checkpoints' }),
    'GET /v1/read-models/digest': async () => ({ method: 'GET', url: '/v1/read-models/digest' }),
    'GET /v1/read-models/{name}/digest': async () => ({ method: 'GET', url: '/v1/read-models/figures/digest' }),
    'GET /v1/read-models/{name}/rows': async () => ({
      method: 'GET',
      url: `/v1/read-models/catalog/rows?table=sources&position=${await livePosition()}`,
    }),
    'POST /v1/keys': async () => ({ method: 'POST', url: '/v1/keys', body: { name: fresh('importer'), roles: ['reporter'] } }),
    'GET /v1/keys': async () => ({ method: 'GET', url: '/v1/keys' }),
    'POST /v1/subjects/{id}/erasure': async () => {
      const sourceId = fresh('person');
      await ok({ method: 'POST', url: '/v1/sources', body: { sourceId, name: fresh('A person'), kind: 'person' } });
      return { method: 'POST', url: `/v1/subjects/source-${sourceId}/erasure` };
    },
    'DELETE /v1/keys/{id}': async () => ({ method: 'DELETE', url: `/v1/keys/${(await createTestKey(api.db.db, ['reader'])).keyId}` }),
  };

  beforeAll(async () => {
    api = await startReadApi();
    sealer = new Sealer({ connectionString: api.db.sealerUrl, key: testSigningKey(), pollIntervalMs: 50, checkpointIntervalMs: 60_000 });
    sealer.start();
    await registerCatalog(api as unknown as ApiHarness); // it only sends requests
    document = (await api.request('GET', '/docs/openapi.json')).body;
  });
  afterAll(async () => {
    await sealer?.stop();
    await api?.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
    );

  it('declares the bearer scheme, and on every operation its access, roles and security', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const undeclared = operations().filter(
      ({ op }) => !['public', 'read', 'roles'].includes(op['x-access'] ?? '') || !Array.isArray(op['x-required-roles']),
    );
    expect(undeclared.map((o) => o.key)).toEqual([]);
    for (const { op } of operations()) {
      expect(op.description).toMatch(/Access: /);
      if (op['x-access'] === 'roles') expect(op.security).toEqual([{ bearer: [] }]);
      for (const role of op['x-required-roles']!) expect(ROLES).toContain(role);
    }
    // Health is public; writes are not.
    expect(document.paths['/health']!.get!['x-access']).toBe('public');
    expect(
      operations()
        .filter(({ key }) => !key.startsWith('GET '))
        .every(({ op }) => op['x-access'] === 'roles'),
    ).toBe(true);
  });

  it('answers 401 anonymously, 403 without the role and 2xx with only the role, on every operation that needs one', async () => {
    const guarded = operations().filter(({ op }) => (op['x-required-roles'] ?? []).length > 0);
    expect(guarded.length).toBeGreaterThanOrEqual(20);
    expect(guarded.map((g) => g.key).filter((key) => !EXAMPLES[key])).toEqual([]); // a new operation needs an example here
    const keys = new Map<string, IssuedKey>();
    const keyWith = async (roles: Role[]) => {
      const id = roles.join(',');
      if (!keys.has(id)) keys.set(id, await createTestKey(api.db.db, roles));
      return keys.get(id)!;
    };
    for (const { key, op } of guarded) {
      const needed = op['x-required-roles']!;
      const call = await EXAMPLES[key]!();
      const anonymous = await api.request(call.method, call.url, call.body, { authorization: '' });
      expect([key, anonymous.status, anonymous.headers['www-authenticate'], anonymous.headers['content-type']]).toEqual([
        key,
        401,
        'Bearer realm="factledger"',
        expect.stringContaining('application/problem+json'),
      ]);
      const others = ROLES.filter((r) => !needed.includes(r));
      const denied = await api.request(call.method, call.url, call.body, { authorization: `Bearer ${(await keyWith(others)).token}` });
      expect([key, denied.status, denied.body.code, denied.body.requiredRoles]).toEqual([key, 403, 'auth.forbidden', needed]);
      const allowed = await api.request(call.method, call.url, call.body, { authorization: `Bearer ${(await keyWith([needed[0]!])).token}` });
      expect([key, allowed.status >= 200 && allowed.status < 300 ? '2xx' : `${allowed.status} ${JSON.stringify(allowed.body)}`]).toEqual([
        key,
        '2xx',
      ]);
    }
  });

  // Ingestion's writes (the worker's, on the submitter's behalf: actor = key id, via = worker) are checked in structured-ingestion.e2e.
  it('names the authenticated key as the actor of every event written through the API, whatever X-Actor says', async () => {
    const reporter = await createTestKey(api.db.db, ['reporter']);
    const written = await api.request(
      'POST',
      '/v1/figures',
      { ...upTo1500, citation: { ...upTo1500.citation, quote: fresh('spoof') } },
      { authorization: `Bearer ${reporter.token}`, 'x-actor': 'someone-else' },
    );
    expect(written.status).toBe(201);
    const { rows } = await api.db.pool.query<{ stream_id: string; actor: string }>(
      `SELECT stream_id, metadata->>'actor' AS actor FROM events ORDER BY position`,
    );
    const keyIds = new Set((await api.db.pool.query<{ id: string }>('SELECT id FROM api_keys')).rows.map((r) => r.id));
    for (const row of rows) {
      // Keys are issued by the CLI's database access (system:cli) or by an admin key; everything else by a key.
      if (row.stream_id.startsWith('principal-')) expect(row.actor === 'system:cli' || keyIds.has(row.actor)).toBe(true);
      else expect([row.stream_id, keyIds.has(row.actor)]).toEqual([row.stream_id, true]);
    }
    expect(rows.at(-1)).toMatchObject({ actor: reporter.keyId });
    expect(rows.some((r) => r.actor === 'someone-else')).toBe(false);
    expect([...keyIds].every((id) => KEY_ID.test(id))).toBe(true);
  });
});
