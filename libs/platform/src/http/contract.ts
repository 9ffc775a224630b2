import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiExtension, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { TObject, TSchema } from '@sinclair/typebox';

/**
 * A route's contract, written once with TypeBox: the same schemas validate the
 * request (ContractValidationInterceptor), describe the operation in the
 * OpenAPI document, and check every response in the e2e suites.
 * `responses` maps a success status to its JSON body schema (null: no body);
 * error statuses answer problem+json and are added by the document builder.
 */
export interface RouteContract {
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /** Other request media types than JSON, with the schema of their body (a CSV body is a string). */
  bodies?: Record<string, TSchema>;
  /** false: the body may be left out entirely (sent, it must match `body`). Default true. */
  bodyRequired?: boolean;
  responses: Record<number, TSchema | StreamedResponse | null>;
  /**
   * The problem `code`s the handler itself can raise, by status (the document
   * adds the common ones: request.invalid, auth.*, rate limits, route.*).
   * Declared, the document's list is complete and the e2e checks hold answers to it.
   */
  errors?: Partial<Record<number, readonly string[]>>;
  /**
   * The 200 answer is also available as text/csv (`format=csv` or `Accept: text/csv`): what the CSV holds, and the
   * response headers it carries (name → description).
   */
  csv?: { description: string; headers: Record<string, string> };
  /** Per path/query field: what is wrong with a value its schema refused (null: the schema's own message). */
  explain?: Record<string, (value: string) => string | null>;
}

/** A streamed success body: its media type, and the schema of each line (NDJSON) or of each event's data (SSE). */
export interface StreamedResponse {
  mediaType: string;
  item: TSchema;
  description: string;
}
const isStreamed = (value: TSchema | StreamedResponse): value is StreamedResponse =>
  typeof (value as StreamedResponse).mediaType === 'string' && 'item' in value;

/** Where a streamed response's item schema is printed (OpenAPI 3.1 has no keyword for a sequence's items). */
export const STREAM_ITEM_EXTENSION = 'x-item-schema';
/** Media types the swagger decorators cannot say, handed to the document builder (which removes the extension). */
export const CONTRACT_MEDIA_EXTENSION = 'x-contract-media';
export interface ContractMedia {
  bodies?: Record<string, Record<string, unknown>>;
  streams?: Record<string, { mediaType: string; item: Record<string, unknown>; description: string }>;
}
/** Where an operation's declared problem codes are printed (status → codes). */
export const PROBLEM_CODES_EXTENSION = 'x-problem-codes';

/** On a query array schema: one value may also list several, comma-separated (?type=a,b). */
export const COMMA_SEPARATED = 'x-comma-separated';

export const ROUTE_CONTRACT = 'factledger:route-contract';
/** Marks an operation whose request schemas are the ones the server enforces (the fuzz test holds it to them). */
export const CONTRACT_EXTENSION = 'x-contract';

const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

/** Declares and enforces a route's request and response schemas (see DEVELOPERS.md). */
export function Contract(contract: RouteContract): MethodDecorator {
  const decorators: MethodDecorator[] = [SetMetadata(ROUTE_CONTRACT, contract), ApiExtension(CONTRACT_EXTENSION, true)];
  for (const [name, schema] of Object.entries(contract.params?.properties ?? {})) {
    decorators.push(ApiParam({ name, required: true, schema: plain(schema) as never, description: schema.description }));
  }
  const requiredQuery = new Set(contract.query?.required ?? []);
  for (const [name, schema] of Object.entries(contract.query?.properties ?? {})) {
    decorators.push(ApiQuery({ name, required: requiredQuery.has(name), schema: plain(schema) as never, description: schema.description }));
  }
  if (contract.body) decorators.push(ApiBody({ required: contract.bodyRequired ?? true, schema: plain(contract.body) as never }));
  const media: ContractMedia = {};
  // Swagger's decorators put one schema under every media type: the document builder writes these in (completeOpenApiDocument).
  if (contract.bodies) media.bodies = Object.fromEntries(Object.entries(contract.bodies).map(([type, schema]) => [type, plain(schema)]));
  for (const [status, schema] of Object.entries(contract.responses)) {
    if (schema && isStreamed(schema)) {
      decorators.push(ApiResponse({ status: Number(status), description: schema.description }));
      (media.streams ??= {})[status] = { mediaType: schema.mediaType, item: plain(schema.item), description: schema.description };
      continue;
    }
    const description = schema?.description ?? (status === '204' ? 'No content' : 'Success');
    if (schema && status === '200' && contract.csv)
      decorators.push(ApiResponse({ status: 200, description, ...csvAlternative(plain(schema), contract.csv) }));
    else
      decorators.push(
        schema
          ? ApiResponse({ status: Number(status), description, schema: plain(schema) as never })
          : ApiResponse({ status: Number(status), description }),
      );
  }
  if (media.bodies || media.streams) decorators.push(ApiExtension(CONTRACT_MEDIA_EXTENSION, media));
  if (contract.errors) decorators.push(ApiExtension(PROBLEM_CODES_EXTENSION, contract.errors));
  return applyDecorators(...decorators);
}

type ErrorCodes = NonNullable<RouteContract['errors']>;
/** Several routes' error lists in one (the write path's, an entity's): codes by status, each once. */
export function errorCodes(...lists: ErrorCodes[]): ErrorCodes {
  const merged: Record<number, string[]> = {};
  for (const list of lists)
    for (const [status, codes] of Object.entries(list)) merged[Number(status)] = [...new Set([...(merged[Number(status)] ?? []), ...(codes ?? [])])];
  return merged;
}

/** JSON and the same answer as a CSV file, with the headers the CSV carries (the JSON carries them in its body). */
const csvAlternative = (json: Record<string, unknown>, csv: NonNullable<RouteContract['csv']>) => ({
  content: { 'application/json': { schema: json }, 'text/csv': { schema: { type: 'string', description: csv.description } } },
  headers: Object.fromEntries(Object.entries(csv.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
});
