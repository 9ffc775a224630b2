import { extractFigures } from '../lib/extract-figures';
import { isFirmFigure } from '../lib/figures/firm-figures';
import { dateMatch, loadGold, matchPredictions, readDoc, sourceMatch } from './gold-match';

// Invented articles in many outlet styles (wire datelines, live blogs, transcripts, factboxes,
// analyses), hand-annotated in the corpus scorer's gold format before the extractor was run on
// them. The matching below mirrors the scorer: same numbers (within 0.5%), overlapping quotes.

const READ_ON = '2026-12-03';
const gold = loadGold();

// Measured when the set was written, less a small margin: a drop below these is a regression in generality.
// g56-g63 (their remaining misses unfixed: see the root README) lowered source and date to 94.6 and 91.3; g81-g88,
// written by an independent annotator, after their fixes score source 91.0 and date 95.4 alone, the whole set 94.1 and 91.6;
// g89-g96, the same annotator's second batch, after their fixes source 98.9 and date 90.7 alone, the whole set 94.6 and 91.9.
const THRESHOLDS = { recall: 99, precision: 98, qualifier: 99, source: 94, date: 90 };

const pct = (hit: number, all: number): number => (all ? (100 * hit) / all : 100);

const score = () => {
  const t = { core: 0, coreHit: 0, pred: 0, predHit: 0, qOk: 0, sOk: 0, dated: 0, dOk: 0 };
  for (const doc of [...new Set(gold.map((r) => r.doc))]) {
    const text = readDoc(doc);
    // Read as the CLI would, on a fixed day well after the stories (places yearless wire datelines).
    const predictions = extractFigures(text, { notAfter: READ_ON }).filter((f) => isFirmFigure(f));
    const records = gold.filter((r) => r.doc === doc);
    const used = new Set<string>();
    matchPredictions(text, predictions, records).forEach((hit, i) => {
      const p = predictions[i];
      if (!hit || !p) return;
      used.add(hit.id);
      t.predHit++;
      if (p.qualifier === hit.qualifier) t.qOk++;
      if (sourceMatch(p, hit)) t.sOk++;
      const d = dateMatch(p, hit);
      if (d !== null) {
        t.dated++;
        if (d) t.dOk++;
      }
    });
    const core = records.filter((r) => !r.optional);
    t.core += core.length;
    t.coreHit += core.filter((r) => used.has(r.id)).length;
    t.pred += predictions.length;
  }
  return {
    recall: pct(t.coreHit, t.core),
    precision: pct(t.predHit, t.pred),
    qualifier: pct(t.qOk, t.predHit),
    source: pct(t.sOk, t.predHit),
    date: pct(t.dOk, t.dated),
  };
};

describe('generality set: invented articles scored like the corpus scorer', () => {
  const result = score();

  it('holds at least 8 articles and a gold record for each', () => {
    expect(new Set(gold.map((r) => r.doc)).size).toBeGreaterThanOrEqual(8);
    expect(gold.filter((r) => !r.optional).length).toBeGreaterThan(200);
  });

  it.each(Object.entries(THRESHOLDS))('%s stays at or above %d%%', (metric, floor) => {
    expect(result[metric as keyof typeof THRESHOLDS]).toBeGreaterThanOrEqual(floor);
  });

  it('quotes every gold record verbatim', () => {
    for (const r of gold) expect(readDoc(r.doc)).toContain(r.quote);
  });
});
