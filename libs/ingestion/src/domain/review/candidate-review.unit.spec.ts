import { isDomainError } from '@factledger/shared';
import { candidateReviewDecider as decider, type CandidateReviewCommand, type CandidateReviewEvent } from './candidate-review';

const NOW = '2026-12-06T05:00:00.000Z';
const accept: CandidateReviewCommand = {
  type: 'AcceptCandidate',
  data: { candidateId: 'c1', jobId: 'article-x', reportId: 'r1', figureIds: ['f1'], sourceIds: ['s1'] },
  now: NOW,
};
const reject: CandidateReviewCommand = {
  type: 'RejectCandidate',
  data: { candidateId: 'c1', jobId: 'article-x', reason: 'a page number' },
  now: NOW,
};

const given = (events: CandidateReviewEvent[]) => events.reduce(decider.evolve, decider.initialState());
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? { code: error.code, kind: error.kind } : error;
  }
  throw new Error('expected a refusal');
};

describe('candidate review', () => {
  it('given a pending candidate, when an editor accepts it, then it is accepted with the figures it became', () => {
    const events = decider.decide(accept, given([]));
    expect(events).toEqual([{ type: 'candidate.accepted.v1', data: { ...accept.data, decidedAt: NOW } }]);
    expect(given(events)).toEqual({ status: 'accepted', figureIds: ['f1'], decidedAt: NOW });
  });

  it('given a pending candidate, when an editor rejects it, then the rejection and its reason are recorded', () => {
    const events = decider.decide(reject, given([]));
    expect(events).toEqual([{ type: 'candidate.rejected.v1', data: { ...reject.data, decidedAt: NOW } }]);
    expect(given(events)).toEqual({ status: 'rejected', reason: 'a page number', decidedAt: NOW });
  });

  it('given a rejected candidate, when an editor accepts it, then it is refused as a conflict', () => {
    const rejected = decider.decide(reject, given([]));
    expect(refusal(() => decider.decide(accept, given(rejected)))).toEqual({ code: 'candidate.already_decided', kind: 'conflict' });
  });

  it('given an accepted candidate, when it is accepted or rejected again, then both are refused', () => {
    const accepted = decider.decide(accept, given([]));
    expect(refusal(() => decider.decide(accept, given(accepted)))).toEqual({ code: 'candidate.already_decided', kind: 'conflict' });
    expect(refusal(() => decider.decide(reject, given(accepted)))).toEqual({ code: 'candidate.already_decided', kind: 'conflict' });
  });
});
