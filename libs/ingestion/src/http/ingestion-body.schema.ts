import type { SchemaObject } from '@nestjs/swagger';
import { AMOUNT_QUALIFIERS, FIGURE_METHODS, VALID_AT_PRECISIONS } from '@factledger/ledger-domain';

const report: SchemaObject = {
  type: 'object',
  required: ['publisher', 'title', 'language'],
  properties: {
    reportId: { type: 'string', description: 'Slug; derived from publisher, date and url/title (or text) when left out' },
    publisher: { type: 'string', example: 'Example Wire' },
    title: { type: 'string' },
    url: { type: 'string', nullable: true },
    publishedAt: { type: 'string', example: '2024-10-28', description: 'YYYY-MM-DD; an article may leave it to its text' },
    language: { type: 'string', example: 'en' },
  },
};

const figure: SchemaObject = {
  type: 'object',
  required: ['metricKey', 'source', 'qualifier', 'validAt', 'quote'],
  properties: {
    metricKey: { type: 'string', example: 'north_korean_troops_in_russia' },
    source: { type: 'string', description: 'Source id, name or alias; an unknown name creates a source (kind other, needs review)', example: 'Ukrainian intelligence' },
    qualifier: { type: 'string', enum: [...AMOUNT_QUALIFIERS] },
    value: { type: 'number', description: 'exact, approximately' },
    low: { type: 'number', description: 'at_least, more_than, range' },
    high: { type: 'number', description: 'up_to, range' },
    unit: { type: 'string', description: "Must equal the metric's unit when given" },
    validAt: { type: 'string', example: '2024-10-28' },
    validPrecision: { type: 'string', enum: [...VALID_AT_PRECISIONS], default: 'day' },
    statedAt: { type: 'string' },
    quote: { type: 'string', description: 'Short verbatim quote holding the figure' },
    quoteOffset: { type: 'integer', minimum: 0 },
    method: { type: 'string', enum: [...FIGURE_METHODS], default: 'unknown' },
    scopeNote: { type: 'string' },
    revises: { type: 'boolean', description: 'The report corrects or revises an earlier figure of the source (default: the quote says so)' },
    reason: { type: 'string', description: 'Why, for a revision' },
  },
};

/** OpenAPI schema of the JSON body of `POST /v1/ingestions`. */
export const INGESTION_BODY_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      title: 'structured',
      required: ['kind', 'report', 'figures'],
      properties: { kind: { type: 'string', enum: ['structured'] }, report, figures: { type: 'array', items: figure, minItems: 1 } },
    },
    {
      type: 'object',
      title: 'article',
      required: ['kind', 'report', 'text'],
      properties: { kind: { type: 'string', enum: ['article'] }, report, text: { type: 'string', description: 'The raw article text' } },
    },
  ],
};
