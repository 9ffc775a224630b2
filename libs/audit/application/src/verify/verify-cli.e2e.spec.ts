import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sql } from 'kysely';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStoreTables } from '@factledger/event-store';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { Sealer } from '../sealer/sealer';
import { createAuditTestApp } from '../testing/audit-test-app';
import { seedEvents, testSigningKey } from '../testing/ledger-fixture';
import { runVerify, VERIFY_DEFAULTS, type VerifyOptions } from './verify-cli';

describe('factledger verify against a real server', () => {
  const key = testSigningKey();
  let t: TestDatabase<EventStoreTables>;
  let app: NestFastifyApplication;
  let sealer: Sealer;
  let api: string;
  let dir: string;

  const verify = async (options: Partial<VerifyOptions> = {}) => {
    let out = '';
    let stdout = '';
    const code = await runVerify(
      { ...VERIFY_DEFAULTS, api, stateFile: 'state.json', ...options },
      {
        stdout: (text) => ((out += text), (stdout += text)),
        stderr: (text) => (out += text),
        cwd: dir,
      },
    );
    return { code, out, stdout };
  };

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-verify-'));
    app = await createAuditTestApp(t.url, { checkpointWaitMs: 5000 });
    await app.listen(0, '127.0.0.1');
    api = await app.getUrl();
    sealer = new Sealer({ connectionString: t.sealerUrl, key, pollIntervalMs: 50, checkpointIntervalMs: 60_000 });
    await seedEvents(t.db, 25);
    await sealer.checkpointNow();
  });
  afterAll(async () => {
    await sealer.stop();
    await app.close();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on an untouched ledger, pinning the key on first use', async () => {
    const { code, out } = await verify();
    expect(out).toContain(`PASS: the first 25 events of the log are exactly those signed in checkpoint 25`);
    expect(out).toContain(`key ${key.keyId} is now pinned`);
    expect(code).toBe(0);
    const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8'));
    expect(state).toMatchObject({ version: 1, publicKey: { keyId: key.keyId }, checkpoint: { treeSize: 25 } });
  });

  it('passes again after the log grew, proving the new checkpoint extends the remembered one', async () => {
    await seedEvents(t.db, 6, 25);
    sealer.start(); // --fresh asks the running sealer for a checkpoint
    try {
      const { code, out } = await verify({ fresh: true, spotChecks: 31 });
      expect(out).toContain('extends the remembered checkpoint of size 25');
      expect(out).toContain('31 inclusion proofs verified');
      expect(out).toContain('PASS: the first 31 events');
      expect(code).toBe(0);
    } finally {
      await sealer.stop();
    }
  });

  it('pins a key given out of band instead of trusting the first one served', async () => {
    writeFileSync(path.join(dir, 'operator.pem'), key.publicKey.export({ type: 'spki', format: 'pem' }));
    const right = await verify({ publicKey: 'operator.pem', stateFile: 'pinned.json' });
    expect(right.code).toBe(0);
    expect(right.out).toContain(`key ${key.keyId} matches the pinned key`);
    writeFileSync(path.join(dir, 'other.pem'), testSigningKey().publicKey.export({ type: 'spki', format: 'pem' }));
    const wrong = await verify({ publicKey: 'other.pem', stateFile: 'other-pinned.json' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`FAIL [key.changed] the checkpoint key changed: pinned `);
    writeFileSync(path.join(dir, 'junk.pem'), 'not a key');
    expect((await verify({ publicKey: 'junk.pem' })).code).toBe(2);
  });

  it('fails naming the event whose row was changed in PostgreSQL behind the trigger', async () => {
    const { rows } = await sql<{ event_id: string }>`SELECT event_id::text FROM events ORDER BY events.position OFFSET 17 LIMIT 1`.execute(t.db);
    const victim = rows[0]!.event_id;
    await sql`ALTER TABLE events DISABLE TRIGGER USER`.execute(t.adminDb);
    try {
      await sql`UPDATE events SET data = jsonb_set(data, '{value}', '1000000') WHERE event_id = ${victim}::uuid`.execute(t.adminDb);
    } finally {
      await sql`ALTER TABLE events ENABLE TRIGGER USER`.execute(t.adminDb);
    }
    const { code, out } = await verify();
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`FAIL \\[event\\.altered\\] leaf 17: event ${victim} \\(position \\d+\\) does not match checkpoint 31`));
    expect(out).not.toContain('PASS');
  });

  it('refuses options that do not hold together with exit code 2, and --replay without the projection code to replay with', async () => {
    expect((await verify({ spotChecks: -1 })).code).toBe(2);
    expect((await verify({ pageSize: 1001 })).out).toContain('--page-size needs a whole number from 1 to 1000');
    expect((await verify({ api: 'ftp://x' })).out).toContain('--api must be an http(s) URL');
    const replay = await verify({ replay: true });
    expect(replay.code).toBe(2);
    expect(replay.out).toContain('--replay needs the projection code');
    expect((await verify({ scratchDb: 'postgres://x/y' })).out).toContain('--scratch-db only applies with --replay');
    expect((await verify({ replay: true, scratchDb: 'mysql://x/y' })).out).toContain('--scratch-db must be a postgres:// URL');
  });

  it('answers one JSON object on stdout with --json, the progress lines going to stderr', async () => {
    const { code, stdout } = await verify({ json: true });
    expect(code).toBe(1); // the row altered above is still altered
    expect(JSON.parse(stdout)).toEqual({ result: 'fail', code: 'event.altered', message: expect.stringContaining('does not match checkpoint 31') });
  });

  it('reports an unreachable API or a broken state file as an error, not a pass', async () => {
    const unreachable = await runVerify(
      { ...VERIFY_DEFAULTS, api: 'http://127.0.0.1:9', stateFile: path.join(dir, 'other.json') },
      {
        stdout: () => undefined,
        stderr: () => undefined,
      },
    );
    expect(unreachable).toBe(1);
    writeFileSync(path.join(dir, 'broken.json'), '{"version": 7}');
    const { code, out } = await verify({ stateFile: 'broken.json' });
    expect(code).toBe(1);
    expect(out).toContain('ERROR: verification could not complete: state file');
  });
});
