import { LedgerErrorCodes } from '@factledger/ledger-domain';
import { notFound } from '@factledger/shared';
import { CATALOG_PROJECTION } from '../catalog/catalog.projection';
import { METRIC_KIND, REPORT_KIND } from '../catalog/catalog-rows';
import { catalogEntriesAt, catalogEntryAt } from '../catalog/catalog.repository';
import { catalogView, type CatalogView } from '../catalog/catalog-views';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { figureAtBasis, citationView, type CitationView, type FigureAtBasis } from '../figures/figure-views';
import { reportCitationsAt, versionsHeldAt } from '../figures/figures.repository';
import type { Basis, ReadRequest } from './basis';
import type { Paged, PageRequest } from './figures.query';
import { continueFrom, CursorKeys, DEFAULT_PAGE_SIZE, pageOf } from './page-cursor';
import { readAt, type ReadContext } from './read-snapshot';

const metricLinks = (key: string) => ({ estimate: `/v1/metrics/${key}/estimate`, figures: `/v1/metrics/${key}/figures` });

export async function listMetrics(ctx: ReadContext, request: ReadRequest & PageRequest): Promise<Paged<CatalogView>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const { request: at, after } = continueFrom(request, request.cursor, [CursorKeys.metricKey]);
  const { result, basis } = await readAt(ctx, [CATALOG_PROJECTION], at, async (s) => {
    const entries = await catalogEntriesAt(s, METRIC_KIND, { after: after?.[0] ?? null, limit });
    return pageOf(
      entries,
      limit,
      s.basis,
      (e) => [String(e.fields.key)],
      (e) => ({ ...catalogView(METRIC_KIND, e), links: metricLinks(String(e.fields.key)) }),
    );
  });
  return { data: result.items, basis, page: { limit, nextCursor: result.nextCursor } };
}

export async function getMetric(ctx: ReadContext, key: string, request: ReadRequest): Promise<{ data: CatalogView; basis: Basis }> {
  const { result, basis } = await readAt(ctx, [CATALOG_PROJECTION], request, async (s) => {
    const entry = await catalogEntryAt(s, METRIC_KIND, key);
    if (!entry)
      throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${key} is not registered (as of position ${s.basis.position})`, {
        metricKey: key,
        position: s.basis.position,
      });
    return { ...catalogView(METRIC_KIND, entry), links: metricLinks(key) };
  });
  return { data: result, basis };
}

export interface ReportCitation extends CitationView {
  metricKey: string;
  sourceId: string;
  /** The figure's standing at the basis, and its version held then for validAt (null when retracted or not valid yet). */
  figureStatus: 'active' | 'retracted';
  figureAtBasis: FigureAtBasis | null;
}

/** A report as held at the basis, with the figures citing it (paged). Reads both read models in one snapshot. */
export async function getReport(
  ctx: ReadContext,
  reportId: string,
  request: ReadRequest & PageRequest,
): Promise<{ data: CatalogView & { citations: ReportCitation[] }; basis: Basis; page: Paged<unknown>['page'] }> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const { request: at, after } = continueFrom(request, request.cursor, [CursorKeys.seq]);
  const { result, basis } = await readAt(ctx, [CATALOG_PROJECTION, FIGURES_PROJECTION], at, async (s) => {
    const entry = await catalogEntryAt(s, REPORT_KIND, reportId);
    if (!entry)
      throw notFound(LedgerErrorCodes.reportNotFound, `Report ${reportId} is not registered (as of position ${s.basis.position})`, {
        reportId,
        position: s.basis.position,
      });
    const rows = await reportCitationsAt(s, reportId, { after, limit });
    const held = new Map(
      (
        await versionsHeldAt(
          s,
          rows.slice(0, limit).map((r) => r.figure_id),
        )
      ).map((v) => [v.figure_id, figureAtBasis(v)]),
    );
    const page = pageOf(
      rows,
      limit,
      s.basis,
      (r) => [r.seq],
      (r): ReportCitation => ({
        ...citationView(r),
        metricKey: r.metric_key,
        sourceId: r.source_id,
        figureStatus: r.retracted ? 'retracted' : 'active',
        figureAtBasis: held.get(r.figure_id) ?? null,
      }),
    );
    return { report: catalogView(REPORT_KIND, entry), page };
  });
  return { data: { ...result.report, citations: result.page.items }, basis, page: { limit, nextCursor: result.page.nextCursor } };
}
