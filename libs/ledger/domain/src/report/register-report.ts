import { conflict } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { reportFields } from './report.fields';
import type { ReportEvent } from './report.events';
import type { ReportState } from './report.state';

export type RegisterReport = LedgerCommand<
  'RegisterReport',
  {
    reportId: string;
    publisher: string;
    title: string;
    url?: string | null; // default null
    publishedAt: string;
    language: string;
    contentHash?: string | null; // default null
  }
>;

export const registerReport = ({ data, now }: RegisterReport, state: ReportState): ReportEvent[] => {
  if (state.status !== 'empty')
    throw conflict(LedgerErrorCodes.reportAlreadyRegistered, `Report ${state.reportId} is already registered`, {
      reportId: state.reportId,
    });
  return [
    {
      type: 'report.registered.v1',
      data: {
        reportId: reportFields.reportId(data.reportId),
        publisher: reportFields.publisher(data.publisher),
        title: reportFields.title(data.title),
        url: reportFields.url(data.url ?? null),
        publishedAt: reportFields.publishedAt(data.publishedAt, now),
        language: reportFields.language(data.language),
        contentHash: reportFields.contentHash(data.contentHash ?? null),
      },
    },
  ];
};
