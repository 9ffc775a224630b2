import { assertNever, conflict, upcasterOf, type Decider, type DomainEvent } from '@factledger/shared';

/**
 * An editor's decision on a figure the extractor was not confident of (a
 * candidate for review): accepted (it became reported figures) or rejected.
 * One stream per candidate; one decision per candidate, ever.
 */
export const candidateStreamId = (candidateId: string): string => `candidate-${candidateId}`;

export const ReviewErrorCodes = {
  alreadyDecided: 'candidate.already_decided',
  notFound: 'candidate.not_found',
  invalidId: 'candidate.invalid_id',
} as const;

export type CandidateAccepted = DomainEvent<
  'candidate.accepted.v1',
  { candidateId: string; jobId: string; reportId: string; figureIds: string[]; sourceIds: string[]; decidedAt: string }
>;
export type CandidateRejected = DomainEvent<
  'candidate.rejected.v1',
  { candidateId: string; jobId: string; reason: string | null; decidedAt: string }
>;
export type CandidateReviewEvent = CandidateAccepted | CandidateRejected;
const upcastCandidateReviewEvent = upcasterOf<CandidateReviewEvent>({ accepted: 'candidate.accepted.v1', rejected: 'candidate.rejected.v1' });

export type CandidateReviewState =
  | { status: 'pending' }
  | { status: 'accepted'; figureIds: string[]; decidedAt: string }
  | { status: 'rejected'; reason: string | null; decidedAt: string };

export type CandidateStatus = CandidateReviewState['status'];

export interface AcceptCandidate {
  type: 'AcceptCandidate';
  data: { candidateId: string; jobId: string; reportId: string; figureIds: string[]; sourceIds: string[] };
  now: string;
}
export interface RejectCandidate {
  type: 'RejectCandidate';
  data: { candidateId: string; jobId: string; reason: string | null };
  now: string;
}
export type CandidateReviewCommand = AcceptCandidate | RejectCandidate;

const initialState = (): CandidateReviewState => ({ status: 'pending' });

function evolve(state: CandidateReviewState, event: CandidateReviewEvent): CandidateReviewState {
  switch (event.type) {
    case 'candidate.accepted.v1':
      return { status: 'accepted', figureIds: event.data.figureIds, decidedAt: event.data.decidedAt };
    case 'candidate.rejected.v1':
      return { status: 'rejected', reason: event.data.reason, decidedAt: event.data.decidedAt };
    default:
      return assertNever(event, 'candidate review event');
  }
}

/** A decided candidate stays decided: a second decision (even the same one) is refused, so the first one is the record. */
export function pendingOrRefuse(state: CandidateReviewState, candidateId: string): void {
  if (state.status === 'pending') return;
  throw conflict(ReviewErrorCodes.alreadyDecided, `Candidate ${candidateId} was already ${state.status} at ${state.decidedAt}`, {
    candidateId,
    decision: state.status,
  });
}

export function acceptCandidate(command: AcceptCandidate, state: CandidateReviewState): CandidateReviewEvent[] {
  pendingOrRefuse(state, command.data.candidateId);
  return [{ type: 'candidate.accepted.v1', data: { ...command.data, decidedAt: command.now } }];
}

export function rejectCandidate(command: RejectCandidate, state: CandidateReviewState): CandidateReviewEvent[] {
  pendingOrRefuse(state, command.data.candidateId);
  return [{ type: 'candidate.rejected.v1', data: { ...command.data, decidedAt: command.now } }];
}

function decide(command: CandidateReviewCommand, state: CandidateReviewState): CandidateReviewEvent[] {
  switch (command.type) {
    case 'AcceptCandidate':
      return acceptCandidate(command, state);
    case 'RejectCandidate':
      return rejectCandidate(command, state);
    default:
      return assertNever(command, 'candidate review command');
  }
}

export const candidateReviewDecider: Decider<CandidateReviewCommand, CandidateReviewEvent, CandidateReviewState> = {
  upcast: upcastCandidateReviewEvent,
  initialState,
  evolve,
  decide,
};
