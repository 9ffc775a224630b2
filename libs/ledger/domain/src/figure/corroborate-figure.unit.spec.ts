import { LedgerErrorCodes as E } from '../errors';
import { initialReportState } from '../report/report.state';
import { initialSourceState } from '../source/source.state';
import { deciderSpec } from '../testing/decider-spec';
import { corroborateFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, FIGURE_ID, reports, reportState, sources, sourceState } from '../testing/scenario';
import type { FigureCorroborated, FigureRevised } from './figure.events';
import { figureDecider } from './figure.decider';

const spec = deciderSpec(figureDecider);

const bbcRepeats: FigureCorroborated = {
  type: 'figure.corroborated.v1',
  data: {
    figureId: FIGURE_ID,
    citation: { reportId: 'bbc-2024-10-26', quote: 'as many as 1,500 North Korean soldiers', offset: 42 },
    sourceId: null,
  },
};

describe('CorroborateFigure', () => {
  it('adds the BBC repeating the Dutch figure as a citation, changing no value', () => {
    const state = spec.given([dutchFigureReported]).when(corroborateFigureCommand()).then([bbcRepeats]);
    expect(state).toMatchObject({
      status: 'active',
      currentVersion: 1,
      citedReportIds: ['nos-2024-10-25', 'bbc-2024-10-26'],
      corroborations: [{ citation: bbcRepeats.data.citation, sourceId: null }],
    });
  });

  it('records who repeated the claim when a registered source is given', () => {
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({ sourceId: 'kr-nis' }, { source: sourceState(sources.southKoreanIntel) }))
      .then([{ ...bbcRepeats, data: { ...bbcRepeats.data, sourceId: 'kr-nis' } }]);
  });

  it('is a no-op for the report the figure was reported in', () => {
    spec
      .given([dutchFigureReported])
      .when(
        corroborateFigureCommand(
          { citation: { reportId: 'nos-2024-10-25', quote: 'another passage', offset: 900 } },
          { report: reportState(reports.dutch) },
        ),
      )
      .thenNothing();
  });

  it('is a no-op for a report that already corroborated it', () => {
    spec.given([dutchFigureReported, bbcRepeats]).when(corroborateFigureCommand()).thenNothing();
  });

  it('is a no-op for a report cited by a revision', () => {
    const { figureId, validAt, statedAt, method, scopeNote } = dutchFigureReported.data;
    const corrected: FigureRevised = {
      type: 'figure.revised.v1',
      data: {
        figureId,
        revision: 2,
        revises: 1,
        kind: 'correction',
        amount: { qualifier: 'up_to', high: 2000 },
        validAt,
        statedAt,
        citation: { reportId: 'bbc-2024-10-26', quote: 'up to 2,000', offset: null },
        method,
        scopeNote,
        reason: 'Misquoted',
      },
    };
    spec.given([dutchFigureReported, corrected]).when(corroborateFigureCommand()).thenNothing();
  });

  it('refuses to corroborate a retracted figure', () => {
    spec
      .given([dutchFigureReported, { type: 'figure.retracted.v1', data: { figureId: FIGURE_ID, reason: 'Withdrawn', citation: null } }])
      .when(corroborateFigureCommand())
      .thenThrows(E.figureRetracted, { kind: 'conflict' });
  });

  it('refuses to corroborate a figure that does not exist', () => {
    spec.given([]).when(corroborateFigureCommand()).thenThrows(E.figureNotFound, { kind: 'not_found' });
  });

  it('requires the cited report and the named source to be registered', () => {
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({}, { report: initialReportState() }))
      .thenThrows(E.reportNotFound, { kind: 'not_found' });
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({ sourceId: 'kr-nis' }))
      .thenThrows(E.sourceNotFound, { kind: 'not_found', details: { sourceId: 'kr-nis' } });
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({ sourceId: 'kr-nis' }, { source: initialSourceState() }))
      .thenThrows(E.sourceNotFound);
  });

  it('validates the citation and the source id', () => {
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({ citation: { reportId: 'bbc-2024-10-26', quote: '' } }))
      .thenThrows(E.figureInvalidField, { details: { field: 'citation.quote' } });
    spec
      .given([dutchFigureReported])
      .when(corroborateFigureCommand({ sourceId: 'South Korea' }))
      .thenThrows(E.figureInvalidField, { details: { field: 'sourceId' } });
  });
});
