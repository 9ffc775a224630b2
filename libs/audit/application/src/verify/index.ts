export { runVerify, verifyOptionsProblem, VERIFY_DEFAULTS, type VerifyIo, type VerifyOptions } from './verify-cli';
export { verifyLedger, type VerifyLedgerOptions, type VerifyReport } from './ledger-verifier';
export { VerificationFailure, type FailureLocation } from './verification-failure';
export { VerifyApiClient, ApiError, type FetchLike } from './verify-api.client';
export { loadVerifyState, saveVerifyState, type VerifyState } from './verify-state';
export { ReplayError, type OpenReplay, type OpenReplayOptions, type ReplaySession, type ModelDigest, type TableDigest } from './read-model-replayer';
export { fetchLiveDigests, type LiveDigest } from './digest-responses';
export { checkReplay, type ReplayedModel } from './replay-check';
