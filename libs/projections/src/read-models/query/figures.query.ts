import { LedgerErrorCodes } from '@factledger/ledger-domain';
import { notFound } from '@factledger/shared';
import { FIGURES_PROJECTION } from '../figures/figures.projection';
import {
  beliefPeriod,
  citationView,
  figureAtBasis,
  amountOf,
  type BeliefPeriod,
  type CitationView,
  type FigureAtBasis,
} from '../figures/figure-views';
import {
  figureAt,
  figureCitationsAt,
  figureHistoryAt,
  metricAt,
  metricFiguresAt,
  sourceExistsAt,
  sourceFiguresAt,
} from '../figures/figures.repository';
import type { CitationRow, FigureHeadRow, FigureVersionRow } from '../figures/figure-rows';
import type { Basis, ReadRequest } from './basis';
import { continueFrom, CursorKeys, DEFAULT_PAGE_SIZE, pageOf, type Page } from './page-cursor';
import { readAt, type ReadContext } from './read-snapshot';

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Paged<T> {
  data: T[];
  basis: Basis;
  page: { limit: number; nextCursor: string | null };
}

const paged = <T>(page: Page<T>, basis: Basis, limit: number): Paged<T> => ({
  data: page.items,
  basis,
  page: { limit, nextCursor: page.nextCursor },
});

/** The metric's figures held at the basis, each in its version valid at validAt. */
export async function metricFigures(
  ctx: ReadContext,
  metricKey: string,
  request: ReadRequest & PageRequest & { sourceId?: string },
): Promise<Paged<FigureAtBasis>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const { request: at, after } = continueFrom(request, request.cursor, [CursorKeys.slug, CursorKeys.uuid]);
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], at, async (s) => {
    if (!(await metricAt(s, metricKey)))
      throw notFound(LedgerErrorCodes.metricNotFound, `Metric ${metricKey} is not registered (as of position ${s.basis.position})`, {
        metricKey,
        position: s.basis.position,
      });
    const rows = await metricFiguresAt(s, metricKey, { sourceId: request.sourceId, after, limit });
    return pageOf(rows, limit, s.basis, (r) => [r.source_id, r.figure_id], figureAtBasis);
  });
  return paged(result, basis, limit);
}

/** The source's figures held at the basis, across metrics. */
export async function sourceFigures(
  ctx: ReadContext,
  sourceId: string,
  request: ReadRequest & PageRequest & { metricKey?: string },
): Promise<Paged<FigureAtBasis>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const { request: at, after } = continueFrom(request, request.cursor, [CursorKeys.metricKey, CursorKeys.uuid]);
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], at, async (s) => {
    if (!(await sourceExistsAt(s, sourceId)))
      throw notFound(LedgerErrorCodes.sourceNotFound, `Source ${sourceId} is not registered (as of position ${s.basis.position})`, {
        sourceId,
        position: s.basis.position,
      });
    const rows = await sourceFiguresAt(s, sourceId, { metricKey: request.metricKey, after, limit });
    return pageOf(rows, limit, s.basis, (r) => [r.metric_key, r.figure_id], figureAtBasis);
  });
  return paged(result, basis, limit);
}

export interface FigureHistoryVersion {
  version: number;
  kind: FigureVersionRow['kind'];
  revises: number | null;
  amount: FigureAtBasis['amount'];
  validAt: FigureAtBasis['validAt'];
  statedAt: string | null;
  method: string;
  scopeNote: string | null;
  citation: FigureAtBasis['citation'];
  /** Why the version was made (a revision's reason). */
  reason: string | null;
  /** Who recorded it, in which request, with which stated reason (event metadata). */
  recorded: { position: string; recordedAt: string; by: string | null; requestId: string | null; reason: string | null };
  beliefs: BeliefPeriod[];
}

export interface FigureHistory {
  figureId: string;
  metricKey: string;
  sourceId: string;
  unit: string;
  /** At the basis. */
  status: 'active' | 'retracted';
  retraction: { reason: string | null; position: string; recordedAt: string; by: string | null } | null;
  versions: FigureHistoryVersion[];
  corroborations: CitationView[];
  /** The version held at the basis and valid at validAt; null when none (retracted, or validAt before the first). */
  versionAtBasis: number | null;
}

/** Every version of the figure and every period the ledger held it, as known at the basis. */
export async function figureHistory(ctx: ReadContext, figureId: string, request: ReadRequest): Promise<{ data: FigureHistory; basis: Basis }> {
  const { result, basis } = await readAt(ctx, [FIGURES_PROJECTION], request, async (s) => {
    const figure = await figureAt(s, figureId);
    if (!figure)
      throw notFound(LedgerErrorCodes.figureNotFound, `Figure ${figureId} does not exist (as of position ${s.basis.position})`, {
        figureId,
        position: s.basis.position,
      });
    return historyOf(figure, await figureHistoryAt(s, figureId), await figureCitationsAt(s, figureId), BigInt(s.seq), s.validAt);
  });
  return { data: result, basis };
}

/** A figure's history from its rows (every belief period begun by the basis seq, its citations). */
export function historyOf(
  figure: FigureHeadRow,
  rows: readonly FigureVersionRow[],
  citations: readonly CitationRow[],
  seq: bigint,
  validAt: string,
): FigureHistory {
  const retracted = figure.retracted_seq !== null && BigInt(figure.retracted_seq) <= seq;
  const versions = new Map<number, FigureHistoryVersion>();
  for (const row of rows) {
    const entry = versions.get(row.version) ?? versionOf(row);
    entry.beliefs.push(beliefPeriod(row, seq, validAt));
    versions.set(row.version, entry);
  }
  const all = [...versions.values()];
  return {
    figureId: figure.figure_id,
    metricKey: figure.metric_key,
    sourceId: figure.source_id,
    unit: figure.unit,
    status: retracted ? 'retracted' : 'active',
    retraction: retracted
      ? { reason: figure.retraction_reason, position: figure.retracted_position!, recordedAt: figure.retracted_at!, by: figure.retracted_by }
      : null,
    versions: all,
    corroborations: citations.filter((c) => c.kind === 'corroboration').map(citationView),
    versionAtBasis: all.find((v) => v.beliefs.some((b) => b.atBasis))?.version ?? null,
  };
}

function versionOf(row: FigureVersionRow): FigureHistoryVersion {
  return {
    version: row.version,
    kind: row.kind,
    revises: row.revises,
    amount: amountOf(row),
    validAt: { date: row.valid_at, precision: row.valid_precision as FigureAtBasis['validAt']['precision'] },
    statedAt: row.stated_at,
    method: row.method,
    scopeNote: row.scope_note,
    citation: { reportId: row.report_id, quote: row.quote, offset: row.quote_offset },
    reason: row.reason,
    recorded: {
      position: row.version_position,
      recordedAt: row.version_recorded_at,
      by: row.recorded_by,
      requestId: row.request_id,
      reason: row.recorded_reason,
    },
    beliefs: [],
  };
}
