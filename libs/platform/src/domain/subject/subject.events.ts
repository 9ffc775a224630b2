import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';

export const SubjectEventTypes = {
  erased: 'subject.erased.v1',
} as const;

/**
 * A subject's personal data was erased: its data key is gone, so every token
 * sealed for it is unreadable. Names only the subject (a stream id), never
 * the data: sealed events are immutable.
 */
export interface SubjectErasedData {
  subject: string;
  erasedAt: string;
}

export type SubjectErased = DomainEvent<typeof SubjectEventTypes.erased, SubjectErasedData>;
export type SubjectEvent = SubjectErased;

/** Stream `subject-<subject>`. */
export const subjectStreamId = (subject: string): string => `subject-${subject}`;

export const upcastSubjectEvent = upcasterOf<SubjectEvent>(SubjectEventTypes);
export const SUBJECT_EVENT_TYPES_LISTED: ListsExactly<typeof SubjectEventTypes, SubjectEvent> = true;
