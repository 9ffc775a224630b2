import { assertNever, type Decider } from '@factledger/shared';
import { upcastReportEvent, type ReportEvent } from './report.events';
import { evolveReport, initialReportState, type ReportState } from './report.state';
import { registerReport, type RegisterReport } from './register-report';
import { updateReport, type UpdateReport } from './update-report';

export type ReportCommand = RegisterReport | UpdateReport;

export const decideReport = (command: ReportCommand, state: ReportState): ReportEvent[] => {
  switch (command.type) {
    case 'RegisterReport':
      return registerReport(command, state);
    case 'UpdateReport':
      return updateReport(command, state);
    default:
      return assertNever(command, 'report command');
  }
};

/** Stream `report-<reportId>`. */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  upcast: upcastReportEvent,
  initialState: initialReportState,
  evolve: evolveReport,
  decide: decideReport,
};
