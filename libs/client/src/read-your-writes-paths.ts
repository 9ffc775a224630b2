import type { ReadYourWritesPath } from './typed-paths';

/**
 * The reads that take `minPosition`, by path template. Kept as a list because
 * the generated types vanish at run time; the check below fails the type check
 * when the document gains such a read that the list lacks (or lists one it lost).
 */
const LISTED = [
  '/v1/metrics',
  '/v1/metrics/{key}',
  '/v1/metrics/{key}/estimate',
  '/v1/metrics/{key}/figures',
  '/v1/metrics/{key}/timeline',
  '/v1/reports/{id}',
  '/v1/figures/{id}/history',
  '/v1/sources/{id}/figures',
] as const satisfies readonly ReadYourWritesPath[];

type Unlisted = Exclude<ReadYourWritesPath, (typeof LISTED)[number]>;
const _everyReadListed: [Unlisted] extends [never] ? true : Unlisted = true;

export const READ_YOUR_WRITES_PATHS: ReadonlySet<string> = new Set(LISTED);
