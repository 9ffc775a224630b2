import { Type } from '@sinclair/typebox';
import { Nullable } from './contract-schemas';

/**
 * The fields a metric and a report answer with, written once: the write side's
 * state after a write and the read side's catalog views both spread them.
 */
export const metricViewFields = {
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  description: Type.String(),
  aliases: Type.Array(Type.String()),
  patterns: Type.Array(Type.String()),
};

export const reportViewFields = {
  reportId: Type.String(),
  publisher: Type.String(),
  title: Type.String(),
  url: Nullable(Type.String()),
  publishedAt: Type.String(),
  publishedZone: Nullable(Type.String({ description: 'the IANA time zone publishedAt is a local date in; null: not stated (UTC assumed)' })),
  language: Type.String(),
  contentHash: Nullable(Type.String()),
};
