import type { AppConfig } from '@factledger/platform';
import { setEventVersionCommand } from './event-versions.command';

// Refused before any connection: the URL leads nowhere, so a command that tried to connect would fail differently.
const config = { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', migrationDatabaseUrl: null } as unknown as AppConfig;

describe('factledger event-versions set', () => {
  const run = async (type: string, version: number) => {
    let err = '';
    const code = await setEventVersionCommand(type, version, config, { stdout: () => undefined, stderr: (t) => void (err += t) });
    return { code, err };
  };

  it('refuses an event type that has no switch, naming those that do', async () => {
    expect(await run('figure.reported', 2)).toEqual({
      code: 2,
      err: expect.stringContaining('figure.reported is not an event type whose version can be switched (known: report.registered)'),
    });
  });

  it('refuses a version this code cannot write', async () => {
    expect(await run('report.registered', 3)).toEqual({ code: 2, err: expect.stringContaining('writes report.registered as version 1 or 2, not 3') });
  });
});
