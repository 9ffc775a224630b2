import type { BenchCase } from '../harness/bench-case';
import { COMMIT_MODES } from '../harness/commit-mode';
import { baselineCopy } from './baseline-copy.case';
import { baselineInsertBatch } from './baseline-insert-batch.case';
import { baselineInsertOne } from './baseline-insert.case';
import { baselinePagedRead, baselineReadStream } from './baseline-read.case';
import { emmettAppendBatch, emmettAppendOne, emmettReadStream } from './emmett-append.case';
import { emmettConsumerCatchUp } from './emmett-consumer.case';
import { extractionCases } from './extraction.case';
import { factledgerAppendBatch, factledgerAppendOne } from './factledger-append.case';
import { factledgerReadStream } from './factledger-read-stream.case';
import { factledgerProjectionCatchUp } from './factledger-catch-up.case';
import { factledgerEstimateQuery } from './factledger-estimate.case';
import { factledgerProjectionLag } from './factledger-projection-lag.case';
import { factledgerRebuildRss } from './factledger-rebuild-rss.case';
import { baselineHttpJson, factledgerHttpEstimate } from './http-estimate.case';
import { baselineHttpJsonWriting, factledgerHttpEstimateHot, factledgerHttpEstimateWriting } from './http-estimate-writes.case';

/**
 * Every measured case, in print order within its group. A new case is a
 * `*.case.ts` module returning a BenchCase, added here. Fresh instances per
 * run: cases hold state.
 */
export const allCases = (): BenchCase[] => [
  ...COMMIT_MODES.flatMap((mode) => [
    baselineInsertOne(1, mode),
    factledgerAppendOne(1, mode),
    emmettAppendOne(1, mode),
    baselineInsertOne(8, mode),
    factledgerAppendOne(8, mode),
    emmettAppendOne(8, mode),
    baselineInsertBatch(mode),
    factledgerAppendBatch(mode),
    emmettAppendBatch(mode),
  ]),
  baselineCopy(),
  baselinePagedRead(),
  factledgerProjectionCatchUp(),
  emmettConsumerCatchUp(),
  baselineReadStream(),
  factledgerReadStream(),
  emmettReadStream(),
  factledgerEstimateQuery(),
  baselineHttpJson(),
  factledgerHttpEstimate(),
  baselineHttpJsonWriting(),
  factledgerHttpEstimateWriting(),
  factledgerHttpEstimateHot(),
  factledgerProjectionLag(),
  factledgerRebuildRss(),
  ...extractionCases(),
];

/** The read models' cases and their baselines (the HTTP one): they share the ledger database and child processes. */
const READ_SIDE = /^(factledger\.(projection-|estimate-|http-|rebuild-)|baseline\.http-)/;
export const isReadSide = (c: BenchCase): boolean => READ_SIDE.test(c.name);

/**
 * The cases whose name or group matches `pattern` (a regular expression,
 * case-insensitive), plus the baselines they are ratios to.
 */
export function selectCases(cases: readonly BenchCase[], pattern?: string): BenchCase[] {
  if (!pattern) return [...cases];
  const re = new RegExp(pattern, 'i');
  const picked = new Set(cases.filter((c) => re.test(c.name) || re.test(c.group)).map((c) => c.name));
  for (const c of cases) if (picked.has(c.name) && c.baseline) picked.add(c.baseline);
  return cases.filter((c) => picked.has(c.name));
}
