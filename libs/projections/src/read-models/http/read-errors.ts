import { LedgerErrorCodes as L } from '@factledger/ledger-domain';
import { errorCodes } from '@factledger/platform';
import { WaitErrorCodes } from '../../engine/wait-for-position';
import { QueryErrorCodes } from '../query/basis';

/**
 * The problem codes of the read routes (@Contract `errors`): every read
 * takes a basis (asOf, validAt, algorithmVersion, a cursor) and waits for
 * the read models to reach it; each adds the entity it names.
 */
const READ = {
  422: [...Object.values(QueryErrorCodes), WaitErrorCodes.positionUnknown],
  503: [WaitErrorCodes.timeout, WaitErrorCodes.failed, 'projection.not_ready'],
};

export const ReadErrors = {
  list: READ,
  metric: errorCodes(READ, { 404: [L.metricNotFound] }),
  figure: errorCodes(READ, { 404: [L.figureNotFound] }),
  report: errorCodes(READ, { 404: [L.reportNotFound] }),
  source: errorCodes(READ, { 404: [L.sourceNotFound] }),
};

/** The digest routes: a read model's name (404 when it is none), its table, the position compared. */
export const DigestErrors = {
  all: { 503: ['projection.not_ready'] },
  one: { 404: ['projection.unknown'], 503: ['projection.not_ready'] },
  rows: { 404: ['projection.unknown', 'projection.unknown_table'], 409: ['projection.moved'], 503: ['projection.not_ready'] },
};
