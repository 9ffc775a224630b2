import { conflict, invalid } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { reportFields } from './report.fields';
import { ReportEventTypes, type ReportEvent, type ReportRegisteredWriteVersion } from './report.events';
import type { ReportState } from './report.state';

export type RegisterReport = LedgerCommand<
  'RegisterReport',
  {
    reportId: string;
    publisher: string;
    title: string;
    url?: string | null; // default null
    publishedAt: string;
    publishedZone?: string | null; // default null: UTC assumed
    language: string;
    contentHash?: string | null; // default null
  }
> & {
  /**
   * The version of `report.registered` the ledger writes now (the operator's
   * switch, read by the handler; default 2). At 1 (an upgrade's expand phase)
   * the event is stored as v1, which has no zone: a zone is refused, not dropped.
   */
  readonly registeredVersion?: ReportRegisteredWriteVersion;
};

export const registerReport = ({ data, now, registeredVersion = 2 }: RegisterReport, state: ReportState): ReportEvent[] => {
  if (state.status !== 'empty')
    throw conflict(LedgerErrorCodes.reportAlreadyRegistered, `Report ${state.reportId} is already registered`, {
      reportId: state.reportId,
    });
  const publishedZone = reportFields.publishedZone(data.publishedZone ?? null);
  if (publishedZone !== null && registeredVersion === 1)
    throw invalid(
      LedgerErrorCodes.reportPublishedZoneNotYet,
      'publishedZone is accepted once every factledger process is upgraded (the ledger still writes report.registered.v1, which has no zone); leave it out for now',
      { field: 'publishedZone', writeVersion: 1 },
    );
  return [
    {
      type: ReportEventTypes.registered,
      data: {
        reportId: reportFields.reportId(data.reportId),
        publisher: reportFields.publisher(data.publisher),
        title: reportFields.title(data.title),
        url: reportFields.url(data.url ?? null),
        publishedAt: reportFields.publishedAt(data.publishedAt, now, publishedZone),
        publishedZone,
        language: reportFields.language(data.language),
        contentHash: reportFields.contentHash(data.contentHash ?? null),
      },
    },
  ];
};
