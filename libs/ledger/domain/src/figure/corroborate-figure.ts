import type { LedgerCommand } from '../command';
import type { ReportState } from '../report/report.state';
import type { SourceState } from '../source/source.state';
import { parseCitation, type CitationInput } from './citation';
import { figureFields } from './figure.fields';
import type { FigureEvent } from './figure.events';
import { requireActiveFigure } from './figure.guards';
import { requireReport, requireSource } from './figure.refs';
import type { FigureState } from './figure.state';

export type CorroborateFigure = LedgerCommand<
  'CorroborateFigure',
  {
    figureId: string;
    citation: CitationInput;
    /** Who repeated the claim, if known; must be a registered source. */
    sourceId?: string | null; // default null
  }
> & {
  /** report-<citation.reportId>; source-<sourceId> when sourceId is given. */
  refs: { report: ReportState; source?: SourceState | null };
};

/**
 * Adds a citation without changing any value. A report already cited on the
 * figure adds nothing, so re-running the same corroboration (e.g. a retried
 * extraction) yields no events instead of an error.
 */
export const corroborateFigure = ({ data, refs }: CorroborateFigure, state: FigureState): FigureEvent[] => {
  const figure = requireActiveFigure(state, data.figureId);
  const citation = parseCitation(data.citation);
  const sourceId = data.sourceId === undefined || data.sourceId === null ? null : figureFields.sourceId(data.sourceId);

  requireReport(refs.report, citation.reportId);
  if (sourceId !== null) requireSource(refs.source, sourceId);

  if (figure.citedReportIds.includes(citation.reportId)) return [];
  return [{ type: 'figure.corroborated.v1', data: { figureId: figure.figureId, citation, sourceId } }];
};
