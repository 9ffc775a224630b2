import { conflict } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import { sourceFields } from './source.fields';
import type { SourceEvent, SourceKind } from './source.events';
import type { SourceState } from './source.state';

export type RegisterSource = LedgerCommand<
  'RegisterSource',
  {
    sourceId: string;
    name: string;
    kind: SourceKind;
    country?: string | null; // default null
    partyToConflict?: boolean; // default false
    aliases?: string[]; // default []
    needsReview?: boolean; // default false
  }
>;

export const registerSource = ({ data }: RegisterSource, state: SourceState): SourceEvent[] => {
  if (state.status !== 'empty')
    throw conflict(LedgerErrorCodes.sourceAlreadyRegistered, `Source ${state.sourceId} is already registered`, {
      sourceId: state.sourceId,
    });
  return [
    {
      type: 'source.registered.v1',
      data: {
        sourceId: sourceFields.sourceId(data.sourceId),
        name: sourceFields.name(data.name),
        kind: sourceFields.kind(data.kind),
        country: sourceFields.country(data.country ?? null),
        partyToConflict: sourceFields.partyToConflict(data.partyToConflict ?? false),
        aliases: sourceFields.aliases(data.aliases ?? []),
        needsReview: sourceFields.needsReview(data.needsReview ?? false),
      },
    },
  ];
};
