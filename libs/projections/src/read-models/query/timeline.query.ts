import { LedgerErrorCodes } from '@factledger/ledger-domain';
import { notFound } from '@factledger/shared';
import { CATALOG_PROJECTION } from '../catalog/catalog.projection';
import { catalogEntriesKeyedAt } from '../catalog/catalog.repository';
import { REPORT_KIND, SOURCE_KIND, type AnyCatalogKind } from '../catalog/catalog-rows';
import { catalogView, type CatalogView } from '../catalog/catalog-views';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import { metricAt } from '../figures/figures.repository';
import { citationsAt, historiesAt, metricFiguresKnownAt } from '../figures/metric-timeline.repository';
import type { Basis, ReadRequest } from './basis';
import { historyOf, type FigureHistory } from './figures.query';
import { readAt, type ReadContext } from './read-snapshot';

/** A chart draws at most this many figures; `truncated` says when the metric has more. */
export const MAX_TIMELINE_FIGURES = 2000;

export interface MetricTimeline {
  metricKey: string;
  unit: string;
  /** Every figure recorded by the basis, retracted ones included, with every version and corroboration. */
  figures: FigureHistory[];
  truncated: boolean;
  /** The sources and reports those figures name, as registered at the basis (party to the conflict, needs review, publication date). */
  sources: CatalogView[];
  reports: CatalogView[];
}

/**
 * A metric's whole history at the basis in one read (the timeline page's
 * chart): five queries, however many figures, instead of one history per figure.
 */
export async function metricTimeline(ctx: ReadContext, metricKey: string, request: ReadRequest): Promise<{ data: MetricTimeline; basis: Basis }> {
  const { result, basis } = await readAt(ctx, [CATALOG_PROJECTION, FIGURES_PROJECTION], request, async (s) => {
    const metric = await metricAt(s, metricKey);
    if (!metric)
      throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${metricKey} is not registered (as of position ${s.basis.position})`, {
        metricKey,
        position: s.basis.position,
      });
    const known = await metricFiguresKnownAt(s, metricKey, MAX_TIMELINE_FIGURES);
    const figures = known.slice(0, MAX_TIMELINE_FIGURES);
    const ids = figures.map((f) => f.figure_id);
    const [rows, citations] = [await historiesAt(s, ids), await citationsAt(s, ids)];
    const seq = BigInt(s.seq);
    const rowsOf = byFigure(rows);
    const citationsOf = byFigure(citations);
    const histories = figures.map((f) => historyOf(f, rowsOf.get(f.figure_id) ?? [], citationsOf.get(f.figure_id) ?? [], seq, s.validAt));
    const entries = async (kind: AnyCatalogKind, keys: string[]) => (await catalogEntriesKeyedAt(s, kind, keys)).map((e) => catalogView(kind, e));
    const sources = await entries(
      SOURCE_KIND,
      figures.map((f) => f.source_id),
    );
    const reports = await entries(REPORT_KIND, rows.map((r) => r.report_id).concat(citations.map((c) => c.report_id)));
    return { metricKey, unit: metric.unit, figures: histories, truncated: known.length > MAX_TIMELINE_FIGURES, sources, reports };
  });
  return { data: result, basis };
}

// Map.groupBy needs Node 21; the engines field says 20.
function byFigure<T extends { figure_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.figure_id);
    if (group) group.push(row);
    else groups.set(row.figure_id, [row]);
  }
  return groups;
}
