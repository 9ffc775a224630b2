import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../apps/cli/src/program';
import { startApi, type ApiHarness } from './support/api-harness';

/** Other instances (here: the CLI revoking behind the API's back) are seen within this. */
const CACHE_TTL_MS = 400;
const TOKEN = /^flk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** Key lifecycle through /v1/keys and `factledger keys`, and what the ledger records of it. */
describe('API keys (HTTP and CLI, real PostgreSQL)', () => {
  let api: ApiHarness;
  let dir: string;
  beforeAll(async () => {
    api = await startApi({ apiKeyCacheTtlMs: CACHE_TTL_MS });
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-keys-'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (token: string, method: string, url: string, body?: unknown) => api.request(method, url, body, { authorization: `Bearer ${token}` });
  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['keys', ...args], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), config: () => api.config });
    return { code, out, err };
  };
  const principalEvents = async (keyId: string) =>
    (
      await api.db.pool.query(`SELECT event_type AS type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
        `principal-${keyId}`,
      ])
    ).rows;

  it('issues a key over the API: the token once, only its hash stored, the event without name or secret', async () => {
    const created = await api.request(
      'POST',
      '/v1/keys',
      { name: 'Jane Doe, newsroom importer', roles: ['reporter', 'reader'] },
      { 'idempotency-key': 'k-1' },
    );
    expect(created.status).toBe(201);
    const { keyId, token } = created.body;
    expect(token).toMatch(TOKEN);
    expect(TOKEN.exec(token)![1]).toBe(keyId);
    expect(created.body).toMatchObject({ roles: ['reader', 'reporter'], expiresAt: null, name: 'Jane Doe, newsroom importer' });

    const { rows } = await api.db.pool.query(`SELECT encode(token_hash, 'hex') AS hash, name FROM api_keys WHERE id = $1`, [keyId]);
    expect(rows[0].hash).toHaveLength(64);
    expect(JSON.stringify(rows[0])).not.toContain(token.slice(22));
    // The response (it holds the token) was not kept for Idempotency-Key replays.
    expect((await api.db.pool.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'k-1'`)).rows[0].n).toBe(0);

    const events = await principalEvents(keyId);
    expect(events).toEqual([
      {
        type: 'principal.key_issued.v1',
        data: { keyId, roles: ['reader', 'reporter'], expiresAt: null, issuedBy: api.key.keyId, issuedAt: expect.any(String) },
        metadata: expect.objectContaining({ actor: api.key.keyId }),
      },
    ]);
    const logged = JSON.stringify(events);
    for (const secret of [token, token.slice(22), rows[0].hash, 'Jane Doe']) expect(logged).not.toContain(secret);

    const listed = await api.request('GET', '/v1/keys');
    const entry = listed.body.items.find((k: { keyId: string }) => k.keyId === keyId);
    expect(entry).toMatchObject({
      keyId,
      name: 'Jane Doe, newsroom importer',
      roles: ['reader', 'reporter'],
      createdBy: api.key.keyId,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/flk_|token|hash/i);
  });

  it('records last use to the minute, and revocation takes effect at once: 401, and an event naming who revoked it', async () => {
    const { keyId, token } = (await api.request('POST', '/v1/keys', { name: 'short-lived', roles: ['editor'] })).body;
    expect((await as(token, 'PATCH', '/v1/sources/nope', { name: 'x' })).status).toBe(404); // authenticated; the source does not exist
    for (let i = 0; i < 50 && !(await api.db.pool.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [keyId])).rows[0].last_used_at; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await api.db.pool.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [keyId])).rows[0].last_used_at).toBeInstanceOf(Date);

    const revoked = await api.request('DELETE', `/v1/keys/${keyId}`);
    expect(revoked.body).toMatchObject({ keyId, revokedBy: api.key.keyId, revokedAt: expect.any(String) });
    const refused = await as(token, 'PATCH', '/v1/sources/nope', { name: 'x' });
    expect(refused).toMatchObject({ status: 401, body: { code: 'auth.unauthenticated', detail: 'The API key is revoked' } });
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="factledger"');
    expect((await api.request('DELETE', `/v1/keys/${keyId}`)).status).toBe(200); // again: nothing new
    expect((await principalEvents(keyId)).map((e) => [e.type, e.data.revokedBy ?? null])).toEqual([
      ['principal.key_issued.v1', null],
      ['principal.key_revoked.v1', api.key.keyId],
    ]);
    expect((await api.request('DELETE', '/v1/keys/0000000000000000')).body).toMatchObject({ status: 404, code: 'key.not_found' });
    expect((await api.request('DELETE', '/v1/keys/not-a-key')).status).toBe(400);
  });

  it('refuses an expired key with 401, and bad input to /v1/keys with 4xx', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { token } = (await api.request('POST', '/v1/keys', { name: 'expiring', roles: ['auditor'], expiresAt })).body;
    expect((await as(token, 'GET', '/v1/read-models/digest')).status).not.toBe(401);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await as(token, 'GET', '/v1/events')).body).toMatchObject({ status: 401, detail: 'The API key is expired' });
    for (const body of [
      { name: 'x', roles: [] },
      { name: 'x', roles: ['root'] },
      { roles: ['reader'] },
      { name: 'x', roles: ['reader'], expiresAt: 'tomorrow' },
    ]) {
      expect((await api.request('POST', '/v1/keys', body)).status).toBe(400);
    }
    expect((await api.request('POST', '/v1/keys', { name: 'x', roles: ['reader'], expiresAt: '2001-01-01T00:00:00Z' })).body).toMatchObject({
      status: 422,
      code: 'key.invalid_expiry',
    });
  });

  it('manages keys from the CLI by database access, as system:cli', async () => {
    const created = await cli('create', '--name', 'ops laptop', '--roles', 'admin,auditor');
    expect(created.code).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(TOKEN);
    const keyId = TOKEN.exec(token)![1]!;
    expect(created.err).toContain(`key ${keyId} (auditor, admin)`);
    expect((await as(token, 'GET', '/v1/keys')).status).toBe(200);

    const listed = await cli('list', '--json');
    expect((await cli('list')).out).toMatch(new RegExp(`^${keyId}  auditor,admin +active +ops laptop$`, 'm'));
    expect(JSON.parse(listed.out)).toEqual(expect.arrayContaining([expect.objectContaining({ keyId, name: 'ops laptop', createdBy: 'system:cli' })]));
    expect(listed.out).not.toContain(token);

    expect(await cli('revoke', keyId)).toMatchObject({ code: 0, out: expect.stringContaining(`revoked ${keyId}`) });
    // Revoked by another process: this API instance sees it once its cached copy is older than API_KEY_CACHE_TTL_MS.
    await new Promise((r) => setTimeout(r, CACHE_TTL_MS + 50));
    expect((await as(token, 'GET', '/v1/keys')).status).toBe(401);
    expect((await principalEvents(keyId)).map((e) => e.metadata.actor)).toEqual(['system:cli', 'system:cli']);

    expect(await cli('create', '--name', 'x', '--roles', 'root')).toMatchObject({
      code: 1,
      err: expect.stringContaining('roles must be one or more of'),
    });
    expect((await cli('create', '--name', 'x')).code).toBe(2);
    expect((await cli('revoke', '0000000000000000')).code).toBe(1);
  });

  it('bootstrap-local creates the first key only: every role, the token alone in a 0600 file; never in production', async () => {
    const file = path.join(dir, 'admin-key');
    // This database already has keys: nothing is created.
    expect(await cli('bootstrap-local', file)).toEqual({ code: 0, out: '', err: '' });
    await api.db.pool.query('DELETE FROM api_keys');
    const prod = await runCli(['keys', 'bootstrap-local', file], {
      stdout: () => undefined,
      stderr: () => undefined,
      config: () => ({ ...api.config, nodeEnv: 'production' }),
    });
    expect(prod).toBe(0);
    expect(() => statSync(file)).toThrow();

    const first = await cli('bootstrap-local', file);
    expect(first.code).toBe(0);
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(TOKEN);
    expect(first.out).toContain(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await cli('bootstrap-local', file)).out).toBe('');
    const [row] = (await api.db.pool.query(`SELECT roles FROM api_keys`)).rows;
    expect(row.roles).toEqual(['reader', 'reporter', 'editor', 'auditor', 'admin']);
  });
});
