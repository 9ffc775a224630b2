import { invalid } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import { isKnownTimeZone, localDateOf } from '../validation/dates';
import { fieldChecks, unstorableTextReason } from '../validation/fields';
import { LedgerLimits, LedgerPatterns } from '../validation/patterns';

const check = fieldChecks(LedgerErrorCodes.reportInvalidField);

const isHttpUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
};

export const reportFields = {
  reportId: (value: unknown) => check.matching('reportId', value, LedgerPatterns.slug, 'a slug matching ^[a-z0-9][a-z0-9_-]{0,99}$'),
  publisher: (value: unknown) => check.text('publisher', value, { max: LedgerLimits.publisherMax }),
  title: (value: unknown) => check.text('title', value, { max: LedgerLimits.titleMax }),
  url: (value: unknown): string | null => {
    if (value === null) return null;
    const url = check.text('url', value, { max: LedgerLimits.urlMax });
    if (!isHttpUrl(url)) throw check.fail('url', 'must be an absolute http(s) URL or null');
    return url;
  },
  /** A report cannot be published after the moment it is recorded: after today in its zone (UTC when none is stated). */
  publishedAt: (value: unknown, now: string, zone: string | null = null) => {
    const date = check.date('publishedAt', value);
    const today = localDateOf(now, zone);
    if (date > today)
      throw invalid(LedgerErrorCodes.reportPublishedAtInFuture, `publishedAt ${date} is after today (${today} in ${zone ?? 'UTC'})`, {
        field: 'publishedAt',
        publishedAt: date,
        today,
      });
    return date;
  },
  publishedZone: (value: unknown): string | null => {
    if (value === null) return null;
    const zone = check.matching('publishedZone', value, LedgerPatterns.timeZone, 'an IANA time zone such as Europe/Kyiv, or null');
    // Well-formed but unknown (or not known to this runtime's tz data yet): the contract allows it, the domain does not.
    if (!isKnownTimeZone(zone))
      throw invalid(LedgerErrorCodes.reportPublishedZoneUnknown, `publishedZone ${zone} is not a time zone this server knows (IANA tz database)`, {
        field: 'publishedZone',
        publishedZone: zone,
      });
    return zone;
  },
  language: (value: unknown) => check.matching('language', value, LedgerPatterns.language, 'a BCP-47 language tag such as en or pt-BR'),
  contentHash: (value: unknown): string | null =>
    value === null ? null : check.matching('contentHash', value, LedgerPatterns.sha256, 'a lower-case sha256 hex digest or null'),
  mismatch: (field: string) => check.fail(field, 'does not match the stream the command was sent to'),
};

/**
 * A report's raw text, kept verbatim (its sha256 is the report's contentHash;
 * articles may hold form feeds and other controls): up to reportTextMax, but
 * only text PostgreSQL can store (no NUL, no lone surrogate).
 */
export const parseReportText = (value: unknown): string => {
  if (typeof value !== 'string') throw check.fail('text', 'must be a string');
  if (value.length > LedgerLimits.reportTextMax) throw check.fail('text', `must have at most ${LedgerLimits.reportTextMax} characters`);
  const unstorable = unstorableTextReason(value);
  if (unstorable) throw check.fail('text', unstorable);
  return value;
};
