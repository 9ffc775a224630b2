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
  /** false: the body may be left out entirely (sent, it must match `body`). Default true. */
  bodyRequired?: boolean;
  responses: Record<number, TSchema | null>;
  /**
   * The 200 answer is also available as text/csv (`format=csv` or `Accept: text/csv`): what the CSV holds, and the
   * response headers it carries (name → description).
   */
  csv?: { description: string; headers: Record<string, string> };
  /** Per path/query field: what is wrong with a value its schema refused (null: the schema's own message). */
  explain?: Record<string, (value: string) => string | null>;
}

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
  for (const [status, schema] of Object.entries(contract.responses)) {
    const description = schema?.description ?? (status === '204' ? 'No content' : 'Success');
    if (schema && status === '200' && contract.csv) decorators.push(ApiResponse({ status: 200, description, ...csvAlternative(plain(schema), contract.csv) }));
    else decorators.push(schema ? ApiResponse({ status: Number(status), description, schema: plain(schema) as never }) : ApiResponse({ status: Number(status), description }));
  }
  return applyDecorators(...decorators);
}

/** JSON and the same answer as a CSV file, with the headers the CSV carries (the JSON carries them in its body). */
const csvAlternative = (json: Record<string, unknown>, csv: NonNullable<RouteContract['csv']>) => ({
  content: { 'application/json': { schema: json }, 'text/csv': { schema: { type: 'string', description: csv.description } } },
  headers: Object.fromEntries(Object.entries(csv.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
});
