import { readFileSync } from 'node:fs';
import { DEFAULT_METRIC_PATTERNS } from '@factledger/extraction';
import { articleCandidates, isRejection } from '../domain';

/**
 * What article ingestion would match, in the shared scorer's format:
 *
 *     node -r ./tools/register.cjs libs/ingestion/src/tools/score-candidates.ts FILE --published YYYY-MM-DD [--publisher NAME]
 *
 * One JSON object per candidate (rejected ones left out): bounds, qualifier,
 * unit, source as credited (the publisher when nobody is), quote, and
 * `as_of` = the validAt the figure would get.
 */
function main(argv: string[]): number {
  const [file, ...rest] = argv;
  const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  const publishedAt = option('--published');
  if (!file || !publishedAt || !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt)) {
    process.stderr.write('usage: score-candidates FILE --published YYYY-MM-DD [--publisher NAME]\n');
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const candidates = articleCandidates(text, { publishedAt, publisher: option('--publisher') ?? 'article', metrics: DEFAULT_METRIC_PATTERNS });
  const figures = candidates.flatMap((c) =>
    isRejection(c) ? [] : [{ ...c.amount, unit: c.unit, source: c.sourceName, quote: c.quote, as_of: c.validAt.date, revises: c.revises }],
  );
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
