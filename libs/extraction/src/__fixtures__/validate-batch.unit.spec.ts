import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { batchProblems } from './validate-batch';

const batches = readdirSync(__dirname).filter((d) => /^held-out-\d+$/.test(d));

describe('validate-batch: an annotator batch is checked before it is scored', () => {
  it.each(batches)('finds every quote and repeat of %s verbatim where its gold says', (batch) => {
    expect(batchProblems(path.join(__dirname, batch), 1)).toEqual([]);
  });

  it('names a quote off its offset, a qualifier without its bound, a repeat not in the text and a thin text', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'batch-'));
    try {
      cpSync(path.join(__dirname, batches.at(-1)!), folder, { recursive: true });
      const file = path.join(folder, 'gold.json');
      const gold = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, unknown>[] };
      const [a, b, c] = gold.records as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
      a.quote_offset = Number(a.quote_offset) + 3;
      Object.assign(b, { qualifier: 'up_to', value: 12, high: null, low: null });
      c.other_mentions = ['words this text never had'];
      writeFileSync(file, JSON.stringify(gold));
      const problems = batchProblems(folder, 1000);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^${String(a.id)}: quote is not at quote_offset`)),
          `${String(b.id)}: up_to needs a number in high`,
          `${String(b.id)}: up_to leaves value null`,
          `${String(c.id)}: other mention not verbatim: words this text never had`,
          expect.stringMatching(/required records, fewer than 1000$/),
        ]),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
