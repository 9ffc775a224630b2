import { conflict } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import type { ReportState } from '../report/report.state';
import { parseCitation, type CitationInput } from './citation';
import { figureFields } from './figure.fields';
import type { FigureEvent } from './figure.events';
import { requireFigure } from './figure.guards';
import { requireReport } from './figure.refs';
import type { FigureState } from './figure.state';

export type RetractFigure = LedgerCommand<
  'RetractFigure',
  {
    figureId: string;
    reason: string;
    /** The report announcing the retraction, if any. */
    citation?: CitationInput | null; // default null
  }
> & {
  /** report-<citation.reportId>, needed only when a citation is given. */
  refs?: { report?: ReportState | null };
};

export const retractFigure = ({ data, refs }: RetractFigure, state: FigureState): FigureEvent[] => {
  const figure = requireFigure(state, data.figureId);
  if (figure.status === 'retracted')
    throw conflict(LedgerErrorCodes.figureAlreadyRetracted, `Figure ${figure.figureId} was already retracted`, {
      figureId: figure.figureId,
    });

  const reason = figureFields.reason(data.reason);
  const citation = data.citation === undefined || data.citation === null ? null : parseCitation(data.citation);
  if (citation !== null) requireReport(refs?.report, citation.reportId);

  return [{ type: 'figure.retracted.v1', data: { figureId: figure.figureId, reason, citation } }];
};
