import { assertNever } from '@factledger/shared';
import type { SourceEvent, SourceKind } from './source.events';

export interface RegisteredSource {
  status: 'registered';
  sourceId: string;
  name: string;
  kind: SourceKind;
  country: string | null;
  partyToConflict: boolean;
  aliases: string[];
  needsReview: boolean;
}

export type SourceState = { status: 'empty' } | RegisteredSource;

export const initialSourceState = (): SourceState => ({ status: 'empty' });

export const evolveSource = (state: SourceState, event: SourceEvent): SourceState => {
  switch (event.type) {
    case 'source.registered.v1':
      return { status: 'registered', ...event.data };
    case 'source.updated.v1': {
      if (state.status !== 'registered') return state;
      const { sourceId: _sourceId, ...changes } = event.data;
      return { ...state, ...changes };
    }
    default:
      return assertNever(event, 'source event');
  }
};
