import type { MetricPattern } from '@factledger/extraction';
import { articleCandidates } from './article-candidates';
import { parseFigureLine } from './figure-line';
import type { Candidate, IngestionPayload, Rejection } from './ingestion.types';

/** Every figure of a payload, each either ready to match or rejected with its reason. */
export function candidatesOf(
  payload: IngestionPayload,
  options: { today: string; lines?: readonly number[]; metrics: MetricPattern[]; minConfidence?: number },
): (Candidate | Rejection)[] {
  if (payload.kind === 'article') {
    return articleCandidates(payload.text, {
      publishedAt: payload.report.publishedAt,
      publisher: payload.report.publisher,
      metrics: options.metrics,
      ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
    });
  }
  return payload.figures.map((figure, index) => {
    const line = options.lines?.[index];
    return parseFigureLine(figure, line === undefined ? { index } : { index, line }, options.today);
  });
}
