import { invalid, notFound } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { reportFields } from './report.fields';
import type { ReportEvent, ReportUpdatedData } from './report.events';
import type { ReportState } from './report.state';

/** Omitted fields stay as they are; `null` clears `url` or `contentHash`. */
export type UpdateReport = LedgerCommand<
  'UpdateReport',
  {
    reportId: string;
    publisher?: string;
    title?: string;
    url?: string | null;
    publishedAt?: string;
    language?: string;
    contentHash?: string | null;
  }
>;

export const updateReport = ({ data, now }: UpdateReport, state: ReportState): ReportEvent[] => {
  if (state.status !== 'registered')
    throw notFound(LedgerErrorCodes.reportNotFound, `Report ${String(data.reportId)} is not registered`, {
      reportId: data.reportId,
    });
  if (data.reportId !== state.reportId) throw reportFields.mismatch('reportId');

  const changes: ReportUpdatedData = { reportId: state.reportId };
  if (data.publisher !== undefined) {
    const publisher = reportFields.publisher(data.publisher);
    if (publisher !== state.publisher) changes.publisher = publisher;
  }
  if (data.title !== undefined) {
    const title = reportFields.title(data.title);
    if (title !== state.title) changes.title = title;
  }
  if (data.url !== undefined) {
    const url = reportFields.url(data.url);
    if (url !== state.url) changes.url = url;
  }
  if (data.publishedAt !== undefined) {
    const publishedAt = reportFields.publishedAt(data.publishedAt, now, state.publishedZone);
    if (publishedAt !== state.publishedAt) changes.publishedAt = publishedAt;
  }
  if (data.language !== undefined) {
    const language = reportFields.language(data.language);
    if (language !== state.language) changes.language = language;
  }
  if (data.contentHash !== undefined) {
    const contentHash = reportFields.contentHash(data.contentHash);
    if (contentHash !== state.contentHash) changes.contentHash = contentHash;
  }
  if (Object.keys(changes).length === 1)
    throw invalid(LedgerErrorCodes.reportUpdateNoChange, `The update changes nothing on report ${state.reportId}`, {
      reportId: state.reportId,
    });
  return [{ type: 'report.updated.v1', data: changes }];
};
