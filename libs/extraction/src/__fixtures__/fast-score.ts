import { extractFigures } from '../lib/extract-figures';
import { isFirmFigure } from '../lib/figures/firm-figures';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dateMatch, GENERALITY_DIR, HELD_OUT_DIR, loadGold, matchPredictions, readDoc, sourceMatch } from './gold-match';
import { READ_ON } from './calibration-set';

const sets = process.argv.slice(2);
for (const arg of sets) {
  const dir = arg === 'generality' ? GENERALITY_DIR : arg === 'held-out' ? HELD_OUT_DIR : arg.includes('/') ? arg : join(__dirname, arg);
  // A folder of articles outside the fixtures (the shared corpus) may keep its gold beside the folder.
  const goldFile = existsSync(join(dir, 'gold.json')) ? join(dir, 'gold.json') : join(dirname(dir), 'gold.json');
  const gold: ReturnType<typeof loadGold> = goldFile === join(dir, 'gold.json') ? loadGold(dir) : JSON.parse(readFileSync(goldFile, 'utf8')).records;
  const t = { core: 0, coreHit: 0, pred: 0, predHit: 0, q: 0, qOk: 0, s: 0, sOk: 0, d: 0, dOk: 0 };
  for (const doc of [...new Set(gold.map((r) => r.doc))]) {
    const text = readDoc(doc, dir);
    const preds = extractFigures(text, { notAfter: READ_ON }).filter((f) => isFirmFigure(f));
    const records = gold.filter((r) => r.doc === doc);
    const hits = matchPredictions(text, preds, records);
    preds.forEach((p, i) => {
      const g = hits[i];
      if (!g) return;
      t.predHit++;
      t.q++; if (p.qualifier === g.qualifier) t.qOk++;
      t.s++; if (sourceMatch(p, g)) t.sOk++;
      const d = dateMatch(p, g);
      if (d !== null) { t.d++; if (d) t.dOk++; }
    });
    const used = new Set(hits.filter(Boolean).map((g) => g?.id));
    const core = records.filter((r) => !r.optional);
    t.core += core.length; t.coreHit += core.filter((r) => used.has(r.id)).length; t.pred += preds.length;
  }
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');
  process.stdout.write(`${arg}: ${pct(t.coreHit, t.core)}/${pct(t.predHit, t.pred)}/${pct(t.qOk, t.q)}/${pct(t.sOk, t.s)}/${pct(t.dOk, t.d)}\n`);
}
