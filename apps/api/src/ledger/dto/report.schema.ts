import { Type, type Static } from '@sinclair/typebox';
import { LedgerLimits, LedgerPatterns } from '@factledger/ledger-domain';
import { CalendarDate, Closed, Line, Matching, Nullable, reportViewFields, WriteResult } from '@factledger/platform';

// An absolute http(s) URL the domain's WHATWG parser accepts: the host's last label starts with a letter
// (an all-digit or 0x label would be read as an IPv4 address), a port of at most 4 digits, then visible ASCII.
const HTTP_URL = '^https?://([A-Za-z0-9-]+\\.)*[A-Za-z][A-Za-z0-9-]*(:[0-9]{1,4})?([/?#][\\x21-\\x7e]*)?$';
// Raw article text is kept verbatim (controls allowed) but must be storable: no NUL, no lone surrogate.
const STORABLE_TEXT = '^[^\\u0000\\ud800-\\udfff]*$';
const ReportText = (description: string) => Type.String({ maxLength: LedgerLimits.reportTextMax, pattern: STORABLE_TEXT, description });

export const ReportId = Matching(LedgerPatterns.slug, { description: 'a lowercase slug: a-z, 0-9, _ and -' });

export const RegisterReportBody = Closed({
  reportId: ReportId,
  publisher: Line(1, LedgerLimits.publisherMax),
  title: Line(1, LedgerLimits.titleMax),
  url: Type.Optional(Nullable(Type.String({ maxLength: LedgerLimits.urlMax, pattern: HTTP_URL, description: 'an absolute http(s) URL' }))),
  publishedAt: CalendarDate({ examples: ['2024-10-28'] }),
  publishedZone: Type.Optional(
    Nullable(
      Matching(LedgerPatterns.timeZone, {
        description: "the outlet's IANA time zone publishedAt is a local date in (e.g. Europe/Kyiv); default null: UTC",
      }),
    ),
  ),
  language: Matching(LedgerPatterns.language, { description: 'a language tag such as en or pt-BR' }),
  contentHash: Type.Optional(Nullable(Matching(LedgerPatterns.sha256, { description: 'sha256 (hex) of the UTF-8 article text' }))),
  text: Type.Optional(ReportText('Raw article text; stored apart from the events (redactable); its sha256 becomes contentHash')),
});
export type RegisterReportInput = Static<typeof RegisterReportBody>;

/** Changed fields only (the id is the path's; the text has its own route; the zone is set at registration). */
export const UpdateReportBody = Type.Partial(Type.Omit(RegisterReportBody, ['reportId', 'text', 'publishedZone']));
export type UpdateReportInput = Static<typeof UpdateReportBody>;

export const ReportTextBody = Closed({ text: ReportText("Raw article text; must hash (sha256 of UTF-8) to the report's contentHash") });
export type ReportTextInput = Static<typeof ReportTextBody>;

export const ReportIdParams = Closed({ id: ReportId });

/** The report stream's state after a write (RegisteredReport). */
export const ReportView = Closed({
  status: Type.Literal('registered'),
  ...reportViewFields,
});
export const ReportWriteResult = WriteResult(ReportView, 'The report after the write (ETag: its stream version)');

const Hash = Type.String({ pattern: LedgerPatterns.sha256.source });
export const StoredText = Closed(
  { reportId: Type.String(), contentHash: Hash, length: Type.Integer({ minimum: 0 }) },
  { description: 'The text is stored' },
);
export const ReportTextRead = Closed(
  { reportId: Type.String(), contentHash: Hash, body: Type.String(), storedAt: Type.String({ format: 'date-time' }) },
  { description: "The report's raw text" },
);
export const RedactedText = Closed(
  { reportId: Type.String(), redacted: Type.Boolean({ description: 'false when there was no text to redact' }) },
  { description: 'The text is gone' },
);
