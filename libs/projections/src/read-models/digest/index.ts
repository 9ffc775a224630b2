export {
  digestSchema,
  hashedRows,
  combineTableDigests,
  READ_MODEL_DIGEST_ALGORITHM,
  type SchemaDigest,
  type TableDigest,
  type HashedRow,
} from './schema-digest';
export { liveTableRows, type LiveRowsPage } from './live-rows';
export { liveReadModelDigests, type ReadModelDigest } from './live-digests';
export { ReadModelReplay, openReadModelReplay, type ReadModelReplayOptions, type ReplayEvent } from './read-model-replay';
