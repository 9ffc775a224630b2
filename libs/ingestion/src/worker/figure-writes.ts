import type { CommandBus } from '@nestjs/cqrs';
import { CorroborateFigureCommand, ReportFigureCommand, ReviseFigureCommand, type WriteContext, type WriteResult } from '@factledger/ledger';
import type { FigureView, RegisteredMetric, ReportFigure } from '@factledger/ledger-domain';
import type { Candidate, MatchDecision } from '../domain';
import { newFigureId } from './landed-writes';
import type { RunResult } from './run-result';

type FigureWrite = WriteResult<FigureView | null>;

export interface FigureWritesDeps {
  commands: CommandBus;
  ctx: (seed: string) => WriteContext;
  result: RunResult;
  /** The report's publisher, named in the reason of a revision the line gives none for. */
  publisher: string;
}

/** Where one line's figure is written: for one of its sources, on behalf of one report. */
export interface FigureTarget {
  reportId: string;
  sourceId: string;
  metric: RegisteredMetric;
  seed: string;
  /** The decision is what an earlier attempt already wrote: repeating it appends nothing. */
  replayed: boolean;
}

/** The ReportFigure a line stands for (also what the check pass dry-runs). */
export function reportFigureData(figureId: string, c: Candidate, metric: RegisteredMetric, sourceId: string, reportId: string): ReportFigure['data'] {
  return {
    figureId,
    metricKey: metric.key,
    sourceId,
    amount: c.amount,
    unit: metric.unit,
    validAt: c.validAt,
    statedAt: c.statedAt,
    citation: { reportId, quote: c.quote, offset: c.quoteOffset },
    method: c.method,
    scopeNote: c.scopeNote,
  };
}

/** A match decision as the ledger command it leads to, counted in the result as what it did. */
export class FigureWrites {
  constructor(private readonly deps: FigureWritesDeps) {}

  async apply(decision: MatchDecision, c: Candidate, at: FigureTarget): Promise<FigureWrite | null> {
    const { commands, ctx, result } = this.deps;
    const citation = { reportId: at.reportId, quote: c.quote, offset: c.quoteOffset };
    let written: FigureWrite;
    switch (decision.kind) {
      case 'reject':
        result.reject(c, decision.code, decision.reason);
        return null;
      case 'report': {
        const data = reportFigureData(newFigureId(at.seed), c, at.metric, at.sourceId, at.reportId);
        written = await commands.execute(new ReportFigureCommand(data, ctx(at.seed)));
        result.reported(decision.reason === 'update');
        break;
      }
      case 'corroborate':
        written = await commands.execute(new CorroborateFigureCommand({ figureId: decision.figureId, citation }, ctx(at.seed)));
        // A replay appends nothing (changed is false), but it stands for the corroboration the earlier attempt wrote.
        result.corroborated(written.changed || at.replayed);
        break;
      case 'revise':
        written = await commands.execute(
          new ReviseFigureCommand(
            {
              figureId: decision.figureId,
              kind: decision.revisionKind,
              amount: c.amount,
              validAt: c.validAt,
              statedAt: c.statedAt,
              citation,
              method: c.method,
              reason: c.reason ?? `${this.deps.publisher} reports a revised figure: "${c.quote.slice(0, 300)}"`,
            },
            ctx(at.seed),
          ),
        );
        result.revised();
        break;
    }
    result.wrote(written.id, written.position);
    return written;
  }
}
