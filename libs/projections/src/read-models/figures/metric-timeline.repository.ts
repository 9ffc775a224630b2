import { sql } from 'kysely';
import type { Snapshot } from '../query/read-snapshot';
import { selectColumns } from '../shared/batch-rows';
import {
  CITATION_COLUMNS,
  FIGURE_HEAD_COLUMNS,
  FIGURE_VERSION_COLUMNS,
  type CitationRow,
  type FigureHeadRow,
  type FigureVersionRow,
} from './figure-rows';
import { figureHeads, table } from './figures.repository';

/**
 * Every figure of the metric recorded by the basis, retracted ones included,
 * in (source, figure) order; limit + 1 rows so the caller can tell it was cut.
 */
export async function metricFiguresKnownAt(s: Snapshot, metricKey: string, limit: number): Promise<FigureHeadRow[]> {
  const { rows } = await sql<FigureHeadRow>`
    SELECT ${selectColumns(FIGURE_HEAD_COLUMNS, 'f')} FROM (${figureHeads(s, sql`o.metric_key = ${metricKey} AND o.recorded_from <= ${s.seq}::bigint`)}) f
     ORDER BY f.source_id, f.figure_id LIMIT ${limit + 1}`.execute(s.trx);
  return rows;
}

/** Every belief period, begun by the basis, of the given figures: one query for all of them. */
export async function historiesAt(s: Snapshot, figureIds: readonly string[]): Promise<FigureVersionRow[]> {
  if (figureIds.length === 0) return [];
  const { rows } = await sql<FigureVersionRow>`
    SELECT ${selectColumns(FIGURE_VERSION_COLUMNS, 'v')} FROM ${table(s, 'figure_versions')} v
     WHERE v.figure_id = ANY (${[...figureIds]}::uuid[]) AND v.recorded_from <= ${s.seq}::bigint
     ORDER BY v.figure_id, v.version, v.recorded_from`.execute(s.trx);
  return rows;
}

export async function citationsAt(s: Snapshot, figureIds: readonly string[]): Promise<CitationRow[]> {
  if (figureIds.length === 0) return [];
  const { rows } = await sql<CitationRow>`
    SELECT ${selectColumns(CITATION_COLUMNS, 'c')} FROM ${table(s, 'citations')} c
     WHERE c.figure_id = ANY (${[...figureIds]}::uuid[]) AND c.seq <= ${s.seq}::bigint ORDER BY c.seq`.execute(s.trx);
  return rows;
}
