import { LedgerErrorCodes } from '../errors';
import { fieldChecks } from '../validation/fields';
import { LedgerLimits, LedgerPatterns } from '../validation/patterns';

/** Where a claim is written: the report, the verbatim quote, and its offset in the raw text if known. */
export interface Citation {
  reportId: string;
  quote: string;
  offset: number | null;
}

export interface CitationInput {
  reportId: string;
  quote: string;
  offset?: number | null; // default null
}

const check = fieldChecks(LedgerErrorCodes.figureInvalidField);

export const parseCitation = (input: unknown, field = 'citation'): Citation => {
  const raw = check.record(field, input);
  return {
    reportId: check.matching(`${field}.reportId`, raw.reportId, LedgerPatterns.slug, 'a report id slug'),
    // Quotes are kept verbatim (no trimming) so they still match the raw text at `offset`.
    quote: check.text(`${field}.quote`, raw.quote, { max: LedgerLimits.quoteMax, multiline: true, trim: false }),
    offset: raw.offset === undefined || raw.offset === null ? null : check.nonNegativeInteger(`${field}.offset`, raw.offset),
  };
};
