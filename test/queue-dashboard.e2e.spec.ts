import { createTestKey, type IssuedKey } from '@factledger/platform';
import { startApi, type ApiHarness } from './support/api-harness';

const report = (n: number) => ({
  kind: 'structured',
  report: { publisher: 'Dashboard Wire', title: `Queue dashboard report ${n}`, publishedAt: '2024-10-28', language: 'en' },
  figures: [
    {
      metricKey: 'north_korean_troops_in_russia',
      source: 'Ukrainian intelligence',
      qualifier: 'approximately',
      value: 11_000 + n,
      validAt: '2024-10-28',
      quote: `about ${11_000 + n}`,
    },
  ],
});

/** The operator pages over real HTTP (fetch, not inject), the real ingestion queue in Redis holding real jobs (no worker runs, so they wait). */
describe('queue dashboard at /admin/queues', () => {
  let api: ApiHarness;
  let base: string;
  let reader: IssuedKey;
  const jobIds: string[] = [];

  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetch(base + path, { redirect: 'manual', ...init });
  const login = async (token: string) => {
    const response = await call('/admin/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: base, 'sec-fetch-site': 'same-origin' },
    });
    const cookie = response.headers.getSetCookie()[0] ?? '';
    return { response, cookie: cookie.split(';')[0]!, raw: cookie };
  };

  beforeAll(async () => {
    api = await startApi({ adminSessionTtlSeconds: 60 });
    await api.app.listen(0, '127.0.0.1');
    base = await api.app.getUrl();
    reader = await createTestKey(api.db.db, ['reader', 'reporter', 'editor', 'auditor']);
    for (const n of [1, 2]) {
      const submitted = await api.request('POST', '/v1/ingestions', report(n));
      expect(submitted.status).toBe(202);
      jobIds.push(submitted.body.jobId);
    }
  });
  afterAll(() => api.close());

  it('sends an anonymous browser to the login page and answers an anonymous script 401', async () => {
    const page = await call('/admin/queues', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fqueues');
    const json = await call('/admin/queues/api/queues');
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    const form = await call('/admin/login');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form id="login">');
    expect(form.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a key without the admin role, by bearer and at login (403)', async () => {
    const bearer = await call('/admin/queues/api/queues', { headers: { authorization: `Bearer ${reader.token}` } });
    expect(bearer.status).toBe(403);
    const { response, cookie } = await login(reader.token);
    expect(response.status).toBe(403);
    expect(cookie).toBe('');
    expect((await call('/admin/session', { method: 'POST', headers: { authorization: 'Bearer flk_nope_nope' } })).status).toBe(401);
  });

  it('opens an HttpOnly SameSite=Strict session with an admin key; the dashboard and its API list the ingestion queue and its jobs', async () => {
    const { response, cookie, raw } = await login(api.key.token);
    expect(response.status).toBe(201);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\/admin/);
    expect(raw).not.toMatch(/Secure/); // plain http here; https gets Secure
    const page = await call('/admin/queues', { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('factledger queues');
    const queues = await call('/admin/queues/api/queues?activeQueue=ingestion&status=waiting&page=1', { headers: { cookie } });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string; counts: Record<string, number>; jobs: { id: string }[] }[] };
    const ingestion = body.queues.find((q) => q.name === 'ingestion')!;
    expect(ingestion.counts.waiting).toBe(2);
    expect(ingestion.jobs.map((j) => j.id).sort()).toEqual([...jobIds].sort());
  });

  it('refuses a cross-site state-changing request carried by the cookie, and accepts it from its own origin', async () => {
    const { cookie } = await login(api.key.token);
    const pause = (headers: Record<string, string>) =>
      call('/admin/queues/api/queues/ingestion/pause', { method: 'PUT', headers: { cookie, ...headers } });
    const evil = await pause({ origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { code: string }).code).toBe('auth.cross_site');
    expect((await pause({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await pause({})).status).toBe(403); // neither header: fail closed
    const own = await pause({ origin: base, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    const queues = await call('/admin/queues/api/queues', { headers: { cookie } });
    expect(((await queues.json()) as { queues: { name: string; isPaused: boolean }[] }).queues.find((q) => q.name === 'ingestion')!.isPaused).toBe(
      true,
    );
    expect((await call('/admin/queues/api/queues/ingestion/resume', { method: 'PUT', headers: { cookie, origin: base } })).status).toBe(200);
  });

  it('ends a session at logout', async () => {
    const { cookie } = await login(api.key.token);
    expect((await call('/admin/queues/api/queues', { headers: { cookie } })).status).toBe(200);
    expect((await call('/admin/logout', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    const out = await call('/admin/logout', { method: 'POST', headers: { cookie, origin: base } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await call('/admin/queues/api/queues', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const short = await startApi({ adminSessionTtlSeconds: 1 });
    try {
      await short.app.listen(0, '127.0.0.1');
      const url = await short.app.getUrl();
      const response = await fetch(`${url}/admin/session`, { method: 'POST', headers: { authorization: `Bearer ${short.key.token}`, origin: url } });
      const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await fetch(`${url}/admin/queues/api/queues`, { headers: { cookie } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const expired = await fetch(`${url}/admin/queues/api/queues`, { headers: { cookie } });
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { detail: string }).detail).toContain('expired');
    } finally {
      await short.close();
    }
  });
});
