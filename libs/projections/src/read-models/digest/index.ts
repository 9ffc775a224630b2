export { digestSchema, combineTableDigests, READ_MODEL_DIGEST_ALGORITHM, type SchemaDigest, type TableDigest } from './schema-digest';
export { liveReadModelDigests, type ReadModelDigest } from './live-digests';
export { ReadModelReplay, openReadModelReplay, type ReadModelReplayOptions, type ReplayEvent } from './read-model-replay';
