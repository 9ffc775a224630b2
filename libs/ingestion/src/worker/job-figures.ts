import type { Kysely } from 'kysely';
import type { IngestionDb } from './ingestion-db';
import type { FigureView } from '@factledger/ledger-domain';
import { activeFiguresOf } from '@factledger/projections';
import type { KnownFigure } from '../domain';

/**
 * The figures a line is matched against, per metric and source: the read
 * model's active ones, and those this job wrote, which the read model may not
 * show yet and which take precedence in matching.
 */
export class JobFigures {
  private readonly written = new Map<string, Map<string, KnownFigure>>();

  constructor(private readonly db: Kysely<IngestionDb>) {}

  async of(metricKey: string, sourceId: string): Promise<{ existing: KnownFigure[]; inJob: KnownFigure[] }> {
    const existing = await activeFiguresOf(this.db, metricKey, sourceId);
    return { existing, inJob: [...(this.written.get(key(metricKey, sourceId))?.values() ?? [])] };
  }

  remember(metricKey: string, sourceId: string, view: FigureView): void {
    let figures = this.written.get(key(metricKey, sourceId));
    if (!figures) this.written.set(key(metricKey, sourceId), (figures = new Map()));
    if (view.status !== 'active') return void figures.delete(view.figureId);
    figures.set(view.figureId, {
      figureId: view.figureId,
      amount: view.current.amount,
      validAt: view.current.validAt,
      citedReportIds: view.citedReportIds,
      previousAmounts: view.versions.slice(0, -1).map((v) => v.amount),
    });
  }
}

const key = (metricKey: string, sourceId: string): string => `${metricKey}\u0000${sourceId}`;
