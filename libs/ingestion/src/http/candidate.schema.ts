import { Type, type Static } from '@sinclair/typebox';
import { AMOUNT_QUALIFIERS, VALID_AT_PRECISIONS } from '@factledger/ledger-domain';
import { Closed, Line, Matching, Nullable, OneOf } from '@factledger/platform';
import { CANDIDATE_ID, JOB_ID } from '../domain';

const JobId = Matching(JOB_ID, { description: 'a job id: structured- or article- then 64 hex digits' });
export const CandidateJobParams = Closed({ id: JobId });
export const CandidateParams = Closed({ id: JobId, candidateId: Matching(CANDIDATE_ID, { description: 'a candidate id: 32 lowercase hex digits' }) });

export const RejectCandidateBody = Closed({
  reason: Type.Optional(
    Line(1, 2000, { description: 'Why the editor rejects it (recorded in the decision)', examples: ['a page number, not a figure'] }),
  ),
});
export type RejectCandidateInput = Static<typeof RejectCandidateBody>;

const Bound = Type.Optional(Type.Number());
/** CandidateView: what the extractor found and the decision. */
const candidateView = {
  candidateId: Type.String(),
  jobId: Type.String(),
  reportId: Type.String(),
  claim: Type.String(),
  metricKey: Type.String(),
  sourceName: Type.String(),
  amount: Closed({ qualifier: OneOf(AMOUNT_QUALIFIERS), value: Bound, low: Bound, high: Bound }),
  validAt: Closed({ date: Type.String(), precision: OneOf(VALID_AT_PRECISIONS) }),
  quote: Type.String(),
  quoteOffset: Nullable(Type.Integer({ minimum: 0 })),
  confidence: Type.Number(),
  sourceBasis: Type.String(),
  dateBasis: Nullable(Type.String()),
  status: OneOf(['pending', 'accepted', 'rejected'] as const),
  decision: Nullable(
    Closed({
      decidedAt: Type.String(),
      decidedBy: Type.String(),
      figureIds: Type.Optional(Type.Array(Type.String())),
      reason: Type.Optional(Nullable(Type.String())),
    }),
  ),
};
export const CandidateList = Closed(
  { jobId: Type.String(), items: Type.Array(Closed(candidateView)), total: Type.Integer({ minimum: 0 }) },
  { description: "The job's candidates in text order" },
);
export const CandidateDecision = Closed(
  { ...candidateView, position: Nullable(Type.String({ pattern: '^[0-9]+$' })) },
  { description: 'The candidate with its decision, and the log position of the write' },
);
