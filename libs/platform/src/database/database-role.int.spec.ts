import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { createDatabase, type DatabaseHandle } from './database';
import { checkApplicationRole, databaseRoleFacts, DatabaseRoleError } from './database-role';

describe('the application role check at start-up', () => {
  let t: TestDatabase;
  const handles: DatabaseHandle<unknown>[] = [];
  const as = (url: string) => {
    const handle = createDatabase(url, { max: 1 });
    handles.push(handle);
    return handle.db;
  };
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await t.drop();
  });

  it('passes the application role in production, silently', async () => {
    const warnings: string[] = [];
    expect(await databaseRoleFacts(t.db)).toEqual({ role: 'factledger_app', superuser: false, ownsLog: false });
    await checkApplicationRole(t.db, { production: true, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['the owner of the log', (db: TestDatabase) => db.ownerUrl, /connects as "factledger_owner", the owner of the events table/],
    ['a superuser', (db: TestDatabase) => db.adminUrl, /a superuser: this process could alter or drop the log/],
  ])('refuses %s in production and only warns elsewhere', async (_who, url, message) => {
    const db = as(url(t));
    await expect(checkApplicationRole(db, { production: true, warn: () => undefined })).rejects.toThrow(DatabaseRoleError);
    await expect(checkApplicationRole(db, { production: true, warn: () => undefined })).rejects.toThrow(message);
    const warnings: string[] = [];
    await checkApplicationRole(db, { production: false, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(message)]);
  });
});
