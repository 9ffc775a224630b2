import { LedgerErrorCodes as E } from '../errors';
import { initialReportState } from '../report/report.state';
import { deciderSpec } from '../testing/decider-spec';
import { retractFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, FIGURE_ID, reports, reportState } from '../testing/scenario';
import { figureDecider } from './figure.decider';

const spec = deciderSpec(figureDecider);
const citation = { reportId: 'reuters-2024-10-28', quote: 'the earlier estimate was withdrawn', offset: 7 };

describe('RetractFigure', () => {
  it('retracts a figure without a citation', () => {
    const state = spec
      .given([dutchFigureReported])
      .when(retractFigureCommand())
      .then([
        {
          type: 'figure.retracted.v1',
          data: { figureId: FIGURE_ID, reason: 'The source withdrew the assessment', citation: null },
        },
      ]);
    expect(state).toMatchObject({
      status: 'retracted',
      currentVersion: 1,
      retraction: { reason: 'The source withdrew the assessment', citation: null },
    });
  });

  it('retracts a figure citing the report that announced it', () => {
    spec
      .given([dutchFigureReported])
      .when(retractFigureCommand({ citation }, { report: reportState(reports.update) }))
      .then([{ type: 'figure.retracted.v1', data: { figureId: FIGURE_ID, reason: 'The source withdrew the assessment', citation } }]);
  });

  it('refuses to retract twice', () => {
    spec
      .given([dutchFigureReported, { type: 'figure.retracted.v1', data: { figureId: FIGURE_ID, reason: 'x', citation: null } }])
      .when(retractFigureCommand())
      .thenThrows(E.figureAlreadyRetracted, { kind: 'conflict' });
  });

  it('refuses to retract a figure that does not exist', () => {
    spec.given([]).when(retractFigureCommand()).thenThrows(E.figureNotFound, { kind: 'not_found' });
  });

  it('requires a cited report to be registered', () => {
    spec.given([dutchFigureReported]).when(retractFigureCommand({ citation })).thenThrows(E.reportNotFound);
    spec
      .given([dutchFigureReported])
      .when(retractFigureCommand({ citation }, { report: initialReportState() }))
      .thenThrows(E.reportNotFound, { kind: 'not_found' });
  });

  it('requires a reason', () => {
    spec
      .given([dutchFigureReported])
      .when(retractFigureCommand({ reason: '' }))
      .thenThrows(E.figureInvalidField, { details: { field: 'reason' } });
  });
});
