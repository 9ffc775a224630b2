import { createTestDatabase, startStallingProxy, type StallingProxy, type TestDatabase } from '@factledger/testing';
import { READ_MODELS_CHANNEL, type ReadModelNotice } from '../../engine';
import { ReadModelListener } from './read-model-listener';

/** The estimate cache's LISTEN connection: the cache may only be trusted while it really listens. */
describe('read-model listener', () => {
  let t: TestDatabase;
  let proxy: StallingProxy;
  const states: boolean[] = [];
  const notices: ReadModelNotice[] = [];
  let listener: ReadModelListener;
  const until = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 10_000; !condition(); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    proxy = await startStallingProxy({ host: '127.0.0.1', port: Number(new URL(t.url).port || 5432) });
    listener = new ReadModelListener(
      proxy.url(t.url),
      { onNotice: (n) => notices.push(n), onListening: (l) => states.push(l) },
      'read-model-listener-spec',
      100,
    );
    listener.start();
    await until(() => listener.listening, 'LISTEN');
  });
  afterAll(async () => {
    await listener.close();
    await proxy.close();
    await t.drop();
  });

  it('delivers notices committed by another session', async () => {
    const notice: ReadModelNotice = { projection: 'figures', version: 2000, position: '41', change: 'advance' };
    await t.pool.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, JSON.stringify(notice)]);
    await until(() => notices.length === 1, 'the notice');
    expect(notices).toEqual([notice]);
  });

  it('stops listening when its connection goes silent without closing, then listens again on a new one', async () => {
    states.length = 0;
    proxy.stall();
    // Only the heartbeat can tell: nothing was closed, so no error or end event comes.
    await until(() => states.length >= 2, 'down and up again');
    expect(states.slice(0, 2)).toEqual([false, true]);
    const notice: ReadModelNotice = { projection: 'figures', version: 2000, position: '42', change: 'advance' };
    await t.pool.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, JSON.stringify(notice)]);
    await until(() => notices.length === 2, 'the notice on the new connection');
    expect(notices.at(-1)).toEqual(notice);
  });
});
