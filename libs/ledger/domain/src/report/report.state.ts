import { assertNever } from '@factledger/shared';
import type { ReportEvent } from './report.events';

export interface RegisteredReport {
  status: 'registered';
  reportId: string;
  publisher: string;
  title: string;
  url: string | null;
  publishedAt: string;
  publishedZone: string | null;
  language: string;
  contentHash: string | null;
}

export type ReportState = { status: 'empty' } | RegisteredReport;

export const initialReportState = (): ReportState => ({ status: 'empty' });

export const evolveReport = (state: ReportState, event: ReportEvent): ReportState => {
  switch (event.type) {
    case 'report.registered.v2':
      return { status: 'registered', ...event.data };
    case 'report.updated.v1': {
      if (state.status !== 'registered') return state;
      const { reportId: _reportId, ...changes } = event.data;
      return { ...state, ...changes };
    }
    default:
      return assertNever(event, 'report event');
  }
};
