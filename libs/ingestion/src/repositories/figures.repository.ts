import { sql, type Kysely } from 'kysely';
import { AMOUNT_FIELDS, parseAmount, type AmountQualifier, type ValidAtPrecision } from '@factledger/ledger-domain';
import { activeSchema } from '@factledger/projections';
import type { KnownFigure } from '../domain';
import { FIGURES_READ_MODEL } from './read-models';

interface FigureRow {
  figure_id: string;
  qualifier: string;
  value: string | null;
  low: string | null;
  high: string | null;
  valid_at: string;
  valid_precision: ValidAtPrecision;
  cited_report_ids: string[];
}

/** Only the bounds the qualifier states, whether the read model also fills the others in (normalised) or not. */
const amountOf = (r: FigureRow) => {
  const fields = AMOUNT_FIELDS[r.qualifier as AmountQualifier] ?? [];
  return parseAmount({ qualifier: r.qualifier, ...Object.fromEntries(fields.map((f) => [f, r[f] === null ? null : Number(r[f])])) });
};

/** The active figures of one source for one metric, current versions only (retracted ones cannot be matched). */
export async function activeFiguresOf(db: Kysely<any>, metricKey: string, sourceId: string): Promise<KnownFigure[]> {
  const schema = await activeSchema(db, FIGURES_READ_MODEL);
  const { rows } = await sql<FigureRow>`
    SELECT figure_id, qualifier, value::text, low::text, high::text, to_char(valid_at, 'YYYY-MM-DD') AS valid_at, valid_precision, cited_report_ids
      FROM ${sql.id(schema, 'figures_current')}
     WHERE metric_key = ${metricKey} AND source_id = ${sourceId} AND status = 'active'`.execute(db);
  return rows.map((r) => ({
    figureId: r.figure_id,
    amount: amountOf(r),
    validAt: { date: r.valid_at, precision: r.valid_precision },
    citedReportIds: r.cited_report_ids,
  }));
}
