import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from './generated/openapi';

/**
 * Type helpers over the generated `paths`, so the client's own methods infer
 * exactly as openapi-fetch's (the two it does not export are copied from it).
 */
export type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** JSON answers (a route that also answers text/csv is read as text by `csv()`). */
export type Media = 'application/json';
export type PathWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: unknown } ? P : never }[keyof paths];
export type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;
type Empty = Record<never, never>;
type RequiredKeysOf<T> = { [K in keyof T]: Empty extends Pick<T, K> ? never : K }[keyof T];
/** The init argument: required when the operation has required parameters or a required body. */
export type InitArg<I> = RequiredKeysOf<I> extends undefined | never ? [(I & { [key: string]: unknown })?] : [I & { [key: string]: unknown }];
/** The success body of an operation called with init I. */
export type Ok<P extends keyof paths, M extends Method, I> = paths[P] extends { [K in M]: infer O extends Record<string | number, any> }
  ? NonNullable<Extract<FetchResponse<O, I, Media>, { error?: never }>['data']>
  : never;

type JsonOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
/** GET routes answering `{ data: T[], page: { nextCursor } }`: cursor paging. */
export type PagedPath = { [P in keyof paths]: JsonOk<P> extends { data: unknown[]; page: { nextCursor: string | null } } ? P : never }[keyof paths];
export type PageItem<P extends PagedPath> = JsonOk<P> extends { data: (infer T)[] } ? T : never;

// `query?: never` (no query) must not read as every key.
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? [NonNullable<Q>] extends [never]
    ? Empty
    : NonNullable<Q>
  : Empty;
/** GET routes that take `minPosition` (every read at a basis): read-your-writes applies to them. */
export type ReadYourWritesPath = { [P in keyof paths]: 'minPosition' extends keyof QueryOf<P> ? P : never }[keyof paths];
/** GET routes that can answer text/csv (`format=csv`). */
export type CsvPath = { [P in keyof paths]: 'format' extends keyof QueryOf<P> ? P : never }[keyof paths];
