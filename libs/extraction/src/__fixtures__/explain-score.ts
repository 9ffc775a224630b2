import { extractFigures } from '../lib/extract-figures';
import { isFirmFigure } from '../lib/figures/firm-figures';
import { join } from 'node:path';
import { dateMatch, GENERALITY_DIR, HELD_OUT_DIR, loadGold, matchPredictions, readDoc, sourceMatch } from './gold-match';
import { READ_ON } from './calibration-set';

// Prints, per article, each firm figure against the gold record it matches (or none) and each missed core record:
// the misses a batch shows. Run: node -r ./tools/register.cjs libs/extraction/src/__fixtures__/explain-score.ts [held-out|generality|<folder under __fixtures__>] [doc-prefix]

const arg = process.argv[2] ?? 'held-out';
const dir = arg === 'generality' ? GENERALITY_DIR : arg === 'held-out' ? HELD_OUT_DIR : join(__dirname, arg);
const only = process.argv[3] ?? '';
const gold = loadGold(dir);
for (const doc of [...new Set(gold.map((r) => r.doc))].filter((d) => d.startsWith(only))) {
  const text = readDoc(doc, dir);
  const preds = extractFigures(text, { notAfter: READ_ON }).filter((f) => isFirmFigure(f));
  const records = gold.filter((r) => r.doc === doc);
  const hits = matchPredictions(text, preds, records);
  process.stdout.write(`== ${doc}\n`);
  preds.forEach((p, i) => {
    const g = hits[i];
    const n = p.value ?? `${p.low ?? ''}-${p.high ?? ''}`;
    if (!g) return void process.stdout.write(`  EXTRA ${n} "${p.quote.slice(0, 70)}"\n`);
    const bad = [
      p.qualifier !== g.qualifier ? `qual ${p.qualifier}≠${g.qualifier}` : '',
      sourceMatch(p, g) ? '' : `src "${p.source}"(${p.sourceBasis})≠"${g.source}"`,
      dateMatch(p, g) === false ? `date ${p.as_of}(${p.dateBasis})≠${g.as_of}` : '',
    ].filter(Boolean);
    if (bad.length) process.stdout.write(`  ${n} ${bad.join('; ')}  "${p.quote.slice(0, 60)}"\n`);
  });
  const used = new Set(hits.filter(Boolean).map((g) => g?.id));
  for (const r of records.filter((x) => !x.optional && !used.has(x.id))) process.stdout.write(`  MISS ${r.value ?? `${r.low}-${r.high}`} "${r.quote}"\n`);
}
