import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Basis } from '../../query/basis';
import type { MetricEstimate } from '../../query/estimate.query';
import { metricFigures } from '../../query/figures.query';
import { MAX_PAGE_SIZE } from '../../query/page-cursor';
import type { ReadContext } from '../../query/read-snapshot';
import type { MetricFiguresQueryInput } from '../read-schemas';
import { basisHeaders, CSV_CONTENT_TYPE, csvStream } from './csv-export';
import { ESTIMATE_SOURCE_CSV_COLUMNS, FIGURE_CSV_COLUMNS } from './read-csv-columns';

/** What a read controller hands Nest: the file, and the headers to set before it streams. */
export interface CsvAnswer {
  headers: Record<string, string>;
  file: StreamableFile;
}

const answer = (body: Readable, basis: Basis, name: string): CsvAnswer => ({
  headers: { ...basisHeaders(basis), 'cache-control': 'no-store' },
  file: new StreamableFile(body, { type: CSV_CONTENT_TYPE, disposition: `attachment; filename="${name}-${basis.position}-${basis.validAt}.csv"` }),
});

/**
 * Every figure of the metric held at the basis (from `cursor` on, when one is
 * sent), page after page at the first page's basis: the file is the same
 * bytes whenever the same basis is asked again. The first page is read before
 * answering, so a refusal is still a problem+json; the rest is read as the
 * client drains the stream. `limit` pages JSON only.
 */
export async function metricFiguresCsv(
  ctx: ReadContext,
  key: string,
  query: Omit<MetricFiguresQueryInput, 'format'>,
  pageSize = MAX_PAGE_SIZE,
): Promise<CsvAnswer> {
  const { limit: _limit, ...request } = query;
  const first = await metricFigures(ctx, key, { ...request, limit: pageSize });
  async function* figures() {
    yield* first.data;
    for (let cursor = first.page.nextCursor; cursor !== null;) {
      const page = await metricFigures(ctx, key, { sourceId: request.sourceId, algorithmVersion: request.algorithmVersion, cursor, limit: pageSize });
      yield* page.data;
      cursor = page.page.nextCursor;
    }
  }
  return answer(csvStream(FIGURE_CSV_COLUMNS, figures()), first.basis, `${key}-figures`);
}

/** The estimate's sources table (the figures it counted) at its basis; the estimate's filters are in the basis headers. */
export function estimateSourcesCsv(key: string, estimate: { data: MetricEstimate; basis: Basis }): CsvAnswer {
  return answer(
    csvStream<MetricEstimate['sources'][number]>(ESTIMATE_SOURCE_CSV_COLUMNS, estimate.data.sources),
    estimate.basis,
    `${key}-estimate-sources`,
  );
}
