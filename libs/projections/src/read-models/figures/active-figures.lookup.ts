import { sql, type Kysely } from 'kysely';
import type { EngineDb } from '../../engine/projection.tables';
import { AMOUNT_FIELDS, parseAmount, type Amount, type AmountQualifier, type ValidAt, type ValidAtPrecision } from '@factledger/ledger-domain';
import { activeSchema } from '../../engine';
import { FIGURES_PROJECTION } from './figures.projection';
import { currentRow, versionCitations } from './figures.tables';

/** An active figure at the figures model's head, as ingestion matches a claim against it. */
export interface ActiveFigure {
  figureId: string;
  amount: Amount;
  validAt: ValidAt;
  citedReportIds: string[];
  /** Amounts of the versions the current one replaced, oldest first. */
  previousAmounts: Amount[];
}

interface ActiveFigureRow {
  figure_id: string;
  qualifier: string;
  value: string | null;
  low: string | null;
  high: string | null;
  valid_at: string;
  valid_precision: ValidAtPrecision;
  cited_report_ids: string[];
  previous: Bounds[];
}

type Bounds = Pick<ActiveFigureRow, 'qualifier' | 'value' | 'low' | 'high'>;

/** Only the bounds the qualifier states, whether the read model also fills the others in (normalised) or not. */
const amountOf = (r: Bounds) => {
  const fields = AMOUNT_FIELDS[r.qualifier as AmountQualifier] ?? [];
  return parseAmount({ qualifier: r.qualifier, ...Object.fromEntries(fields.map((f) => [f, r[f] === null ? null : Number(r[f])])) });
};

/**
 * The active figures of one source for one metric at the head (retracted
 * ones cannot be matched): current versions, with the amounts of the versions
 * they replaced (matching knows "corrected to 1,900, not 1,500" names the old
 * value). Other modules ask the figures model through this, never its tables.
 */
export async function activeFiguresOf(db: Kysely<EngineDb>, metricKey: string, sourceId: string): Promise<ActiveFigure[]> {
  const schema = await activeSchema(db, FIGURES_PROJECTION);
  const { rows } = await sql<ActiveFigureRow>`
    SELECT c.figure_id, c.qualifier, c.value::text, c.low::text, c.high::text, to_char(c.valid_at, 'YYYY-MM-DD') AS valid_at, c.valid_precision,
           -- Reports cited by a version or a corroboration, first citation first (as the figure's state counts them).
           (SELECT coalesce(array_agg(r.report_id ORDER BY r.first), '{}') FROM (
              SELECT t.report_id, min(t.seq) AS first FROM (
                SELECT x.report_id, x.seq FROM ${sql.id(schema, 'citations')} x WHERE x.figure_id = c.figure_id AND x.kind = 'corroboration'
                UNION ALL
                SELECT y.report_id, y.seq FROM (${versionCitations(schema, sql`v.figure_id = c.figure_id`)}) y) t
               GROUP BY t.report_id) r) AS cited_report_ids,
           coalesce((SELECT json_agg(json_build_object('qualifier', v.qualifier, 'value', v.value::text, 'low', v.low::text, 'high', v.high::text) ORDER BY v.version)
                       FROM ${sql.id(schema, 'figure_versions')} v
                      WHERE v.figure_id = c.figure_id AND v.version < c.version), '[]') AS previous
      FROM ${sql.id(schema, 'figure_versions')} c
     WHERE c.metric_key = ${metricKey} AND c.source_id = ${sourceId} AND ${currentRow('c')}`.execute(db);
  return rows.map((r) => ({
    figureId: r.figure_id,
    amount: amountOf(r),
    validAt: { date: r.valid_at, precision: r.valid_precision },
    citedReportIds: r.cited_report_ids,
    previousAmounts: r.previous.map(amountOf),
  }));
}
