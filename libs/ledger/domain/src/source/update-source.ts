import { invalid, notFound } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { sameList } from '../validation/fields';
import { sourceFields } from './source.fields';
import type { SourceEvent, SourceKind, SourceUpdatedData } from './source.events';
import type { SourceState } from './source.state';

/** Omitted fields stay as they are; `country: null` clears the country. */
export type UpdateSource = LedgerCommand<
  'UpdateSource',
  {
    sourceId: string;
    name?: string;
    kind?: SourceKind;
    country?: string | null;
    partyToConflict?: boolean;
    aliases?: string[];
    needsReview?: boolean;
  }
>;

export const updateSource = ({ data }: UpdateSource, state: SourceState): SourceEvent[] => {
  if (state.status !== 'registered')
    throw notFound(LedgerErrorCodes.sourceNotFound, `Source ${String(data.sourceId)} is not registered`, {
      sourceId: data.sourceId,
    });
  if (data.sourceId !== state.sourceId) throw sourceFields.mismatch('sourceId');

  const changes: SourceUpdatedData = { sourceId: state.sourceId };
  if (data.name !== undefined) {
    const name = sourceFields.name(data.name);
    if (name !== state.name) changes.name = name;
  }
  if (data.kind !== undefined) {
    const kind = sourceFields.kind(data.kind);
    if (kind !== state.kind) changes.kind = kind;
  }
  if (data.country !== undefined) {
    const country = sourceFields.country(data.country);
    if (country !== state.country) changes.country = country;
  }
  if (data.partyToConflict !== undefined) {
    const partyToConflict = sourceFields.partyToConflict(data.partyToConflict);
    if (partyToConflict !== state.partyToConflict) changes.partyToConflict = partyToConflict;
  }
  if (data.aliases !== undefined) {
    const aliases = sourceFields.aliases(data.aliases);
    if (!sameList(aliases, state.aliases)) changes.aliases = aliases;
  }
  if (data.needsReview !== undefined) {
    const needsReview = sourceFields.needsReview(data.needsReview);
    if (needsReview !== state.needsReview) changes.needsReview = needsReview;
  }
  if (Object.keys(changes).length === 1)
    throw invalid(LedgerErrorCodes.sourceUpdateNoChange, `The update changes nothing on source ${state.sourceId}`, {
      sourceId: state.sourceId,
    });
  return [{ type: 'source.updated.v1', data: changes }];
};
