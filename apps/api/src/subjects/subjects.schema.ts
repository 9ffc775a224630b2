import { Type, type Static } from '@sinclair/typebox';
import { Closed, Matching, Nullable, SUBJECT_ID } from '@factledger/platform';

export const SubjectIdParams = Closed({
  id: Matching(SUBJECT_ID, {
    description:
      "a subject: `source-<sourceId>` for a person source (the stream its personal data belongs to), `principal-<keyId>` for the name of an API key's holder",
  }),
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
