import { EventStoreErrorCodes } from '@factledger/event-store';
import { LedgerErrorCodes as L } from '@factledger/ledger-domain';
import { errorCodes, SubjectErrorCodes } from '@factledger/platform';

/**
 * The problem codes of the ledger's write routes (@Contract `errors`), from
 * the domain's and the store's code lists: what the command path can refuse
 * on any write, and what each entity's deciders raise, by status.
 */
const WRITE_PATH = {
  409: [EventStoreErrorCodes.eventIdConflict, 'stream.concurrent_write'],
  412: [EventStoreErrorCodes.versionConflict],
  422: [EventStoreErrorCodes.invalidAppend],
};

export const MetricErrors = {
  register: errorCodes(WRITE_PATH, { 400: [L.metricInvalidField], 409: [L.metricAlreadyRegistered] }),
  update: errorCodes(WRITE_PATH, { 400: [L.metricInvalidField], 404: [L.metricNotFound], 422: [L.metricUnitImmutable, L.metricUpdateNoChange] }),
};

export const SourceErrors = {
  register: errorCodes(WRITE_PATH, { 400: [L.sourceInvalidField], 409: [L.sourceAlreadyRegistered] }),
  update: errorCodes(WRITE_PATH, {
    400: [L.sourceInvalidField],
    404: [L.sourceNotFound],
    409: [SubjectErrorCodes.erased],
    422: [L.sourceUpdateNoChange],
  }),
};

const CONTENT_HASH_MISMATCH = 'report.content_hash_mismatch';
const TEXT_NOT_FOUND = 'report.text_not_found';
export const ReportErrors = {
  register: errorCodes(WRITE_PATH, {
    400: [L.reportInvalidField],
    409: [L.reportAlreadyRegistered],
    422: [L.reportPublishedAtInFuture, L.reportPublishedZoneNotYet, L.reportPublishedZoneUnknown, CONTENT_HASH_MISMATCH],
  }),
  update: errorCodes(WRITE_PATH, {
    400: [L.reportInvalidField],
    404: [L.reportNotFound],
    422: [L.reportPublishedAtInFuture, L.reportUpdateNoChange, CONTENT_HASH_MISMATCH],
  }),
  storeText: errorCodes(WRITE_PATH, { 400: [L.reportInvalidField], 404: [L.reportNotFound], 422: [CONTENT_HASH_MISMATCH] }),
  readText: { 404: [L.reportNotFound, TEXT_NOT_FOUND] },
  redactText: errorCodes(WRITE_PATH, { 400: [L.reportInvalidField], 404: [L.reportNotFound, TEXT_NOT_FOUND] }),
};

// A figure's amount and dates: malformed (400) or refused by a rule (422) depending on what is wrong.
const AMOUNT_AND_DATES = {
  400: [L.figureInvalidField, L.figureAmountInvalid, L.figureValidAtInvalid],
  422: [
    L.figureAmountInvalid,
    L.figureAmountNegative,
    L.figureValidAtInvalid,
    L.figureValidAtInFuture,
    L.figureStatedAtInFuture,
    L.figureUnitMismatch,
  ],
};
const CITED = { 404: [L.metricNotFound, L.sourceNotFound, L.reportNotFound] };
export const FigureErrors = {
  report: errorCodes(WRITE_PATH, AMOUNT_AND_DATES, CITED, { 409: [L.figureAlreadyReported] }),
  revise: errorCodes(WRITE_PATH, AMOUNT_AND_DATES, CITED, {
    404: [L.figureNotFound],
    409: [L.figureRetracted],
    412: [L.figureVersionMismatch],
    422: [L.figureRevisionNoChange, L.figureRevisionBackdated, L.figureRevisionKindMismatch],
  }),
  corroborate: errorCodes(WRITE_PATH, CITED, {
    400: [L.figureInvalidField],
    404: [L.figureNotFound],
    409: [L.figureRetracted],
    422: [L.figureStatedAtInFuture],
  }),
  retract: errorCodes(WRITE_PATH, { 400: [L.figureInvalidField], 404: [L.figureNotFound], 409: [L.figureAlreadyRetracted] }),
  read: { 404: [L.figureNotFound] },
};
