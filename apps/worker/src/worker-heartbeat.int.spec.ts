import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { PlatformModule, loadConfig } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { WorkerHeartbeat } from './worker-heartbeat';

describe('worker heartbeat (the container healthcheck reads its file)', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-heartbeat-'));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (workerHeartbeatFile: string | null, databaseUrl = t.url) => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ config: { ...loadConfig(), databaseUrl, workerHeartbeatFile }, applicationName: 'heartbeat-spec' })],
      providers: [WorkerHeartbeat],
    }).compile();
    moduleRef.useLogger(false);
    return moduleRef.init();
  };

  it('writes the file at start while the database answers, and removes it at shutdown', async () => {
    const file = path.join(dir, 'alive');
    const app = await start(file);
    try {
      expect(Date.now() - Date.parse(readFileSync(file, 'utf8').trim())).toBeLessThan(5000);
    } finally {
      await app.close();
    }
    expect(existsSync(file)).toBe(false);
  });

  it('writes nothing while the database does not answer', async () => {
    const file = path.join(dir, 'never');
    const unreachable = new URL(t.url);
    unreachable.port = '1';
    const app = await start(file, unreachable.toString());
    expect(existsSync(file)).toBe(false);
    await app.close();
  });

  it('is off when no file is configured', async () => {
    const app = await start(null);
    await app.close();
  });
});
