import { Type, type Static } from '@sinclair/typebox';
import { Closed, Matching, Nullable, SUBJECT_ID } from '@factledger/platform';

export const SubjectIdParams = Closed({
  id: Matching(SUBJECT_ID, { description: "a subject: the stream its personal data belongs to, e.g. `source-<sourceId>` for a person source" }),
});
export type SubjectIdInput = Static<typeof SubjectIdParams>;

export const ErasureResult = Closed(
  {
    subject: Type.String(),
    erasedAt: Type.String({ format: 'date-time', description: 'When the subject was erased (the first erasure, when this one repeats it)' }),
    position: Nullable(Type.String({ description: 'Global position of the subject.erased.v1 event' })),
    changed: Type.Boolean({ description: 'false: it was erased already, nothing new was recorded' }),
  },
  { description: "The subject's data key is shredded: its personal data reads as [erased] everywhere; the event names only the subject" },
);
