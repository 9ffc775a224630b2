/** Formats shared by commands; exported so DTOs can reuse them as a first line. */
export const LedgerPatterns = {
  metricKey: /^[a-z][a-z0-9_]{1,99}$/,
  slug: /^[a-z0-9][a-z0-9_-]{0,99}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  country: /^[A-Z]{2}$/,
  language: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
  sha256: /^[0-9a-f]{64}$/,
  /** An IANA time zone name's form (`UTC`, `Europe/Kyiv`, `America/Argentina/Salta`); whether it exists is Intl's to say. */
  timeZone: /^(UTC|[A-Z][A-Za-z_]{1,30}(\/[A-Za-z0-9_+-]{1,30}){1,2})$/,
} as const;

/** Length and size limits (in UTF-16 code units) enforced by the domain. */
export const LedgerLimits = {
  labelMax: 200,
  nameMax: 200,
  publisherMax: 200,
  titleMax: 500,
  unitMax: 50,
  descriptionMax: 2000,
  aliasMax: 200,
  aliasesMaxItems: 50,
  patternMax: 500,
  patternsMaxItems: 50,
  urlMax: 2048,
  quoteMax: 2000,
  reasonMax: 2000,
  scopeNoteMax: 1000,
  reportTextMax: 1_000_000,
} as const;
