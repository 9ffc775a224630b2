import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = 'test/examples/client-quick-start.ts';
const MARKER = `<!-- ${EXAMPLE}`;

/** The TypeScript block right after the README's marker naming the example file. */
function readmeBlock(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no ${MARKER} marker`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error('no ```ts block after the marker');
  return block[1]!;
}

/** README, "Use from TypeScript": the example shown is this file, and it runs against a real API. */
describe('the README client example', () => {
  let api: ReadApiHarness;
  beforeAll(async () => {
    api = await startReadApi({ readWaitTimeoutMs: 10_000 });
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api?.close());

  it('is the tested file, verbatim', () => {
    expect(readmeBlock()).toBe(readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
  });

  it('runs as a program: registers, reports a figure, reads the estimate as of a date, catches a typed problem', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', './tools/register.cjs', EXAMPLE], {
      cwd: ROOT,
      env: { ...process.env, FACTLEDGER_URL: await api.app.getUrl(), FACTLEDGER_API_KEY: api.key.token },
      timeout: 60_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^figure [0-9a-f-]{36} recorded at position \d+$/);
    const position = /position (\d+)$/.exec(lines[0]!)![1]!;
    expect(lines[1]).toMatch(new RegExp(`^estimate on 2024-10-31: 10000 troops from 1 source\\(s\\), as of position (\\d+)$`));
    expect(BigInt(/position (\d+)$/.exec(lines[1]!)![1]!)).toBeGreaterThanOrEqual(BigInt(position));
    expect(lines[2]).toBe('refused: 404 metric.not_found');
  });
});
