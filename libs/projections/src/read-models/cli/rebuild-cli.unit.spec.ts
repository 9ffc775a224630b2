import type { AppConfig } from '@factledger/platform';
import { runRebuild, type RebuildCliOptions } from './rebuild-cli';

const neverConnects = () => {
  throw new Error('no database should be needed');
};

describe('rebuild (options parsed by apps/cli)', () => {
  it.each<[RebuildCliOptions, string]>([
    [{ readModels: [], fresh: false }, 'name a read model or give --all'],
    [{ readModels: ['nope'], fresh: false }, 'unknown read model: nope'],
    [{ readModels: ['figures'], fresh: false, batchSize: 0 }, '--batch-size needs a whole number'],
  ])('refuses %j with exit code 2 before touching the database', async (options, message) => {
    let stderr = '';
    expect(await runRebuild(options, { stderr: (t) => void (stderr += t), config: neverConnects as () => AppConfig })).toBe(2);
    expect(stderr).toContain(message);
  });
});
