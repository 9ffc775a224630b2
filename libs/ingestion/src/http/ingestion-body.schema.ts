import { Type, type TSchema } from '@sinclair/typebox';
import { AMOUNT_QUALIFIERS, FIGURE_METHODS, LedgerLimits, LedgerPatterns, VALID_AT_PRECISIONS } from '@factledger/ledger-domain';
import { CalendarDate, Closed, Line, Matching, Nullable } from '@factledger/platform';
import { CSV_HEADER, INGESTION_LIMITS } from '../domain';

/**
 * Request and response schemas of `POST /v1/ingestions` (@Contract). The
 * envelope (kind, report, the list of figures) is the request's shape: one
 * that breaks it is 400. Each figure is checked on its own when ingested,
 * so a bad one is a rejected line of the job (422 when none is valid): its
 * fields are described in `x-line-schema`, not enforced on the request.
 */

const reportFields = {
  reportId: Type.Optional(
    Nullable(
      Type.String({
        pattern: `^$|${LedgerPatterns.slug.source}`,
        description: 'Slug; derived from publisher, date and url/title (or text) when left out',
      }),
    ),
  ),
  publisher: Line(1, LedgerLimits.publisherMax, { examples: ['Example Wire'] }),
  title: Line(1, LedgerLimits.titleMax),
  url: Type.Optional(
    Nullable(Type.String({ maxLength: LedgerLimits.urlMax, pattern: '^https?://', format: 'uri', description: 'An absolute http(s) URL' })),
  ),
  language: Matching(LedgerPatterns.language, { description: 'a language tag such as en or pt-BR' }),
};
const PUBLISHED_AT = 'YYYY-MM-DD, not after today (a later date is 422)';
const StructuredReport = Closed({ ...reportFields, publishedAt: CalendarDate({ description: PUBLISHED_AT, examples: ['2024-10-28'] }) });
const ArticleReport = Closed({
  ...reportFields,
  publishedAt: Type.Optional(Nullable(CalendarDate({ description: `${PUBLISHED_AT}; left out, the date the text gives` }))),
});

/** What a figure line needs to be accepted (checked line by line when the job runs). */
const FigureLine = Type.Object({
  metricKey: Type.String({ examples: ['north_korean_troops_in_russia'] }),
  source: Type.String({
    description: 'Source id, name or alias; an unknown name creates a source (kind other, needs review)',
    examples: ['Ukrainian intelligence'],
  }),
  qualifier: Type.Union(AMOUNT_QUALIFIERS.map((q) => Type.Literal(q))),
  value: Type.Optional(Type.Number({ description: 'exact, approximately' })),
  low: Type.Optional(Type.Number({ description: 'at_least, more_than, range' })),
  high: Type.Optional(Type.Number({ description: 'up_to, range' })),
  unit: Type.Optional(Type.String({ description: "Must equal the metric's unit when given" })),
  validAt: Type.String({ examples: ['2024-10-28'] }),
  validPrecision: Type.Optional(
    Type.Union(
      VALID_AT_PRECISIONS.map((p) => Type.Literal(p)),
      { default: 'day' },
    ),
  ),
  statedAt: Type.Optional(Type.String()),
  quote: Type.String({ description: 'Short verbatim quote holding the figure' }),
  quoteOffset: Type.Optional(Type.Integer({ minimum: 0 })),
  method: Type.Optional(
    Type.Union(
      FIGURE_METHODS.map((m) => Type.Literal(m)),
      { default: 'unknown' },
    ),
  ),
  scopeNote: Type.Optional(Type.String()),
  revises: Type.Optional(
    Type.Boolean({ description: 'The report corrects or revises an earlier figure of the source (default: the quote says so)' }),
  ),
  reason: Type.Optional(Type.String({ description: 'Why, for a revision' })),
});
const plain = (schema: TSchema) => JSON.parse(JSON.stringify(schema)) as unknown;

const Structured = Closed({
  kind: Type.Literal('structured'),
  report: StructuredReport,
  figures: Type.Array(
    Type.Object(
      {},
      {
        additionalProperties: true,
        description: 'A figure line (x-line-schema): a bad one is a rejected line of the job',
        'x-line-schema': plain(FigureLine),
      },
    ),
    {
      minItems: 1,
      maxItems: INGESTION_LIMITS.figuresMax,
    },
  ),
});
const Article = Closed({
  kind: Type.Literal('article'),
  report: ArticleReport,
  text: Type.String({ minLength: 1, maxLength: INGESTION_LIMITS.textMax, pattern: '\\S', description: 'The raw article text (not blank)' }),
});

/** The JSON body: a structured report with its figures, or an article (`kind` tells which). */
export const IngestionBody = Type.Unsafe<unknown>({ type: 'object', oneOf: [Structured, Article], discriminator: { propertyName: 'kind' } });

/** The CSV body (content-type text/csv); the report's metadata comes as query parameters. */
export const IngestionCsvBody = Type.String({
  description: `CSV with the header ${CSV_HEADER} (required: metric_key, source, qualifier, valid_at, quote)`,
});

/** Report metadata of a CSV submission (a JSON body carries its own `report`). */
export const IngestionQuery = Closed({
  publisher: Type.Optional(Type.String({ description: 'CSV: the publisher (required)' })),
  title: Type.Optional(Type.String({ description: 'CSV: the title (required)' })),
  publishedAt: Type.Optional(Type.String({ description: 'CSV: YYYY-MM-DD (required)' })),
  language: Type.Optional(Type.String({ description: 'CSV: a language tag (required)' })),
  url: Type.Optional(Type.String({ description: 'CSV: an absolute http(s) URL' })),
  reportId: Type.Optional(Type.String({ description: 'CSV: a slug' })),
});

export const IngestionSubmission = Closed(
  {
    jobId: Type.String(),
    state: Type.String(),
    created: Type.Boolean({ description: 'False when the same content was submitted before: nothing new was queued' }),
    retried: Type.Boolean({ description: 'The earlier job had failed and was queued again' }),
    statusUrl: Type.String(),
  },
  { description: 'The job (Location: its status URL); the same content again answers the same job' },
);
