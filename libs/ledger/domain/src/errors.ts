/**
 * Stable, machine-readable error codes raised by the ledger domain. Clients and
 * the HTTP edge match on these strings, so they never change once published.
 * `*.invalid_field` errors carry `details: { field, reason }`.
 */
export const LedgerErrorCodes = {
  metricInvalidField: 'metric.invalid_field',
  metricAlreadyRegistered: 'metric.already_registered',
  metricNotFound: 'metric.not_found',
  metricUnitImmutable: 'metric.unit_immutable',
  metricUpdateNoChange: 'metric.update_no_change',

  sourceInvalidField: 'source.invalid_field',
  sourceAlreadyRegistered: 'source.already_registered',
  sourceNotFound: 'source.not_found',
  sourceUpdateNoChange: 'source.update_no_change',

  reportInvalidField: 'report.invalid_field',
  reportAlreadyRegistered: 'report.already_registered',
  reportNotFound: 'report.not_found',
  reportUpdateNoChange: 'report.update_no_change',
  reportPublishedAtInFuture: 'report.published_at_in_future',
  reportPublishedZoneNotYet: 'report.published_zone_not_yet',
  reportPublishedZoneUnknown: 'report.published_zone_unknown',

  figureInvalidField: 'figure.invalid_field',
  figureAmountInvalid: 'figure.amount_invalid',
  figureAmountNegative: 'figure.amount_negative',
  figureValidAtInvalid: 'figure.valid_at_invalid',
  figureValidAtInFuture: 'figure.valid_at_in_future',
  figureStatedAtInFuture: 'figure.stated_at_in_future',
  figureUnitMismatch: 'figure.unit_mismatch',
  figureAlreadyReported: 'figure.already_reported',
  figureNotFound: 'figure.not_found',
  figureRetracted: 'figure.retracted',
  figureAlreadyRetracted: 'figure.already_retracted',
  figureRevisionNoChange: 'figure.revision_no_change',
  figureRevisionBackdated: 'figure.revision_backdated',
  figureRevisionKindMismatch: 'figure.revision_kind_mismatch',
  figureVersionMismatch: 'figure.version_mismatch',
} as const;

export type LedgerErrorCode = (typeof LedgerErrorCodes)[keyof typeof LedgerErrorCodes];
