import { assertNever, type Decider } from '@factledger/shared';
import { upcastSourceEvent, type SourceEvent } from './source.events';
import { sourcePersonalFields } from './source.personal';
import { evolveSource, initialSourceState, type SourceState } from './source.state';
import { registerSource, type RegisterSource } from './register-source';
import { updateSource, type UpdateSource } from './update-source';

export type SourceCommand = RegisterSource | UpdateSource;

export const decideSource = (command: SourceCommand, state: SourceState): SourceEvent[] => {
  switch (command.type) {
    case 'RegisterSource':
      return registerSource(command, state);
    case 'UpdateSource':
      return updateSource(command, state);
    default:
      return assertNever(command, 'source command');
  }
};

/** Stream `source-<sourceId>`. */
export const sourceDecider: Decider<SourceCommand, SourceEvent, SourceState> = {
  upcast: upcastSourceEvent,
  initialState: initialSourceState,
  evolve: evolveSource,
  decide: decideSource,
  personal: sourcePersonalFields,
};
