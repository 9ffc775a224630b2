import { LedgerLimits, sourceDecider } from '@factledger/ledger-domain';
import { slugify } from './ingestion-ids';
import { originOf } from './source-names';

/** The name and aliases a source unknown to the catalog is registered under ("X citing Y" → Y, with the raw text as alias). */
export function newSourceNames(raw: string): { name: string; aliases: string[] } {
  const name = originOf(raw).slice(0, LedgerLimits.nameMax);
  const trimmed = raw.trim();
  return { name, aliases: trimmed !== name && trimmed.length <= LedgerLimits.aliasMax ? [trimmed] : [] };
}

/**
 * Runs the ledger's own RegisterSource rules (no control characters, not
 * blank, lengths) on the source a name would create, without writing: throws
 * the ledger's `source.invalid_field` error when no source could be registered
 * under it. Submission checks every structured line with it (a 422 then), and
 * the worker checks every line before it writes anything.
 */
export function checkNewSourceName(raw: string, now: string): void {
  const { name, aliases } = newSourceNames(raw);
  sourceDecider.decide(
    { type: 'RegisterSource', now, data: { sourceId: slugify(name) || 'source', name, kind: 'other', aliases, needsReview: true } },
    sourceDecider.initialState(),
  );
}
