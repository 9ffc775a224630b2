import type { AppConfig } from '@factledger/platform';
import { ProgressBar } from './progress-bar';
import { runRebuildCli } from './rebuild-cli';

const capture = (isTTY = false) => {
  const out = { text: '', isTTY, write: (t: string) => void (out.text += t) };
  return out;
};
const neverConnects = () => {
  throw new Error('no database should be needed');
};

describe('rebuild CLI', () => {
  it.each([
    [[], 'missing command'],
    [['rebuild'], 'name a read model or give --all'],
    [['rebuild', 'figures', '--all'], 'not both'],
    [['rebuild', 'nope'], 'unknown read model: nope'],
    [['rebuild', '--all', '--fast'], 'unknown option: --fast'],
    [['rebuild', '--all', '--batch-size', '0'], '--batch-size needs a whole number'],
  ])('refuses %j with usage and exit code 2', async (argv, message) => {
    const stderr = capture();
    expect(await runRebuildCli(argv, { stderr, config: neverConnects as () => AppConfig })).toBe(2);
    expect(stderr.text).toContain(message);
    expect(stderr.text).toContain('usage: rebuild');
  });

  it('draws a bar on a terminal and plain lines otherwise', () => {
    const tty = capture(true);
    const bar = new ProgressBar(tty);
    const progress = { name: 'figures', version: 1001, checkpoint: { transactionId: '1', position: '1' } };
    bar.update({ ...progress, processed: 500, total: 1000, phase: 'catching_up' });
    bar.update({ ...progress, processed: 1000, total: 1000, phase: 'switched' });
    expect(tty.text).toMatch(/^\rfigures v1001 \[#{15}\.{15}\] 500\/1,000 events \(50\.0%\)/);
    expect(tty.text).toMatch(/\[#{30}\] 1,000\/1,000 events \(100\.0%\).* switched\n$/);

    const log = capture(false);
    const plain = new ProgressBar(log);
    plain.update({ ...progress, processed: 10, total: 1000, phase: 'catching_up' });
    plain.update({ ...progress, processed: 20, total: 1000, phase: 'catching_up' }); // within 2 s: not repeated
    plain.update({ ...progress, processed: 1000, total: 1000, phase: 'switched' });
    expect(log.text.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^figures v1001: 10\/1,000 events \(1\.0%\)/), expect.stringMatching(/1,000\/1,000 .* switched$/)]);
  });
});
