import { assertNever, conflict, type Decider } from '@factledger/shared';
import { SubjectEventTypes, upcastSubjectEvent, type SubjectEvent } from './subject.events';

export const SubjectErrorCodes = {
  notFound: 'subject.not_found',
  erased: 'subject.erased',
} as const;

export interface EraseSubject {
  type: 'EraseSubject';
  subject: string;
  now: string;
}

export type SubjectState = { status: 'held' } | { status: 'erased'; erasedAt: string };

/** Erasing twice records nothing new (the first erasure's time stays). */
export const subjectDecider: Decider<EraseSubject, SubjectEvent, SubjectState> = {
  upcast: upcastSubjectEvent,
  initialState: () => ({ status: 'held' }),
  evolve: (state, event) => {
    switch (event.type) {
      case SubjectEventTypes.erased:
        return state.status === 'erased' ? state : { status: 'erased', erasedAt: event.data.erasedAt };
      default:
        return assertNever(event.type, 'subject event');
    }
  },
  decide: (command, state) =>
    state.status === 'erased' ? [] : [{ type: SubjectEventTypes.erased, data: { subject: command.subject, erasedAt: command.now } }],
};

/** A write of personal data for a subject that was erased. */
export const subjectErased = (subject: string) =>
  conflict(SubjectErrorCodes.erased, `Subject ${subject} was erased: its personal data is not recorded again`, { subject });
