import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { controlCharacterProblem } from '@factledger/shared';
import { RequestValidationError, type FieldError } from './problem-details';
import { FREE_TEXT_PATTERN } from './contract-schemas';
import { COMMA_SEPARATED, ROUTE_CONTRACT, type RouteContract } from './contract';

// verbose: an error carries the value, so a control character is named as the shared rule names it.
// discriminator: a body that is one of several kinds (oneOf + discriminator) is checked against its kind only.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, verbose: true, discriminator: true }));

// Path and query values are text: only plain decimal digits read as a number (ajv's own
// coercion would take ' 5', '0x10' and '1e3'), 'true'/'false' as a boolean; the rest is
// left as sent, so the schema refuses it by name.
const NUMERIC: Record<string, RegExp> = { integer: /^-?\d{1,16}$/, number: /^-?\d{1,16}(\.\d{1,16})?$/ };
function readText(schema: TSchema, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const [name, property] of Object.entries((schema['properties'] ?? {}) as Record<string, TSchema>)) {
    const value = out[name];
    const type = property['type'] as string | undefined;
    // A list parameter: repeated (?stream=a&stream=b) arrives as an array, once as a string; commas separate where the schema says so.
    if (type === 'array' && value !== undefined) {
      const items = Array.isArray(value) ? value : [value];
      out[name] = property[COMMA_SEPARATED] ? items.flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v])) : items;
      continue;
    }
    if (typeof value !== 'string') continue;
    if (type && NUMERIC[type]?.test(value)) out[name] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false')) out[name] = value === 'true';
  }
  return out;
}

/** An empty value (?limit=) named as empty, not as a wrong type: the one place this message is made. */
function emptyValue(field: string, schema: { type?: unknown; minimum?: unknown; maximum?: unknown }): string {
  const kind = schema.type === 'integer' ? 'an integer' : schema.type === 'number' ? 'a number' : `a ${String(schema.type)}`;
  const range = typeof schema.minimum === 'number' && typeof schema.maximum === 'number' ? ` from ${schema.minimum} to ${schema.maximum}` : '';
  return `${field} is empty: give ${kind}${range}, or leave the parameter out`;
}

/** A field error per ajv error, named as the client spelled the field. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath.split('/').slice(1).join('.');
    const join = (name: string) => [prefix, path, name].filter(Boolean).join('.');
    if (e.keyword === 'additionalProperties') return { field: join(String(e.params['additionalProperty'])), message: 'unknown field: not allowed' };
    if (e.keyword === 'required') return { field: join(String(e.params['missingProperty'])), message: 'is required' };
    if (e.keyword === 'discriminator') {
      const kinds = ((e.parentSchema?.['oneOf'] ?? []) as { properties?: Record<string, { const?: unknown }> }[]).map(
        (b) => b.properties?.[String(e.params['tag'])]?.const,
      );
      return { field: join(String(e.params['tag'])), message: `must be one of ${kinds.join(', ')}` };
    }
    const field = join('') || prefix || 'body';
    if (e.keyword === 'pattern') {
      const control = typeof e.data === 'string' ? controlCharacterProblem(e.data, { freeText: e.params['pattern'] === FREE_TEXT_PATTERN }) : null;
      const description = e.parentSchema?.['description'];
      const blank = typeof e.data === 'string' && e.data.trim() === '' ? 'must not be blank' : null;
      return {
        field,
        message: control ?? blank ?? (typeof description === 'string' ? `must be ${description}` : `must match ${String(e.params['pattern'])}`),
      };
    }
    if (e.keyword === 'type' && e.data === '') return { field, message: emptyValue(field, (e.parentSchema ?? {}) as Record<string, unknown>) };
    return { field, message: e.message ?? 'is invalid' };
  });
}

/**
 * A refused path or query value: a repeated parameter says so; a route's
 * `explain` says what is wrong with the rest (an impossible date, a position
 * out of range). An empty value is named by fieldErrors.
 */
function explainText(errors: FieldError[], schema: TSchema, values: Record<string, unknown>, explain: RouteContract['explain']): FieldError[] {
  const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
  const seen = new Set<string>();
  return errors
    .map((named) => {
      // An item of a list parameter (stream.0) is named as the parameter the client wrote.
      const error = { ...named, field: named.field.replace(/\.\d+$/, '') };
      const property = properties[error.field];
      if (!property) return error;
      const value = values[error.field];
      if (Array.isArray(value) && (property as { type?: string }).type !== 'array' && !property['anyOf'])
        return { field: error.field, message: `${error.field} must be given once` };
      // An empty value keeps fieldErrors' message (it is named as empty there).
      const explained = typeof value === 'string' && value !== '' ? explain?.[error.field]?.(value) : null;
      return explained ? { field: error.field, message: explained } : error;
    })
    .filter((e) => !seen.has(`${e.field}\n${e.message}`) && seen.add(`${e.field}\n${e.message}`));
}

type Compiled = { params?: ValidateFunction; query?: ValidateFunction; body?: ValidateFunction; bodies: Record<string, ValidateFunction> };
const mediaTypeOf = (header: unknown) => (typeof header === 'string' ? (header.split(';')[0] ?? '').trim().toLowerCase() : '');
const compiled = new WeakMap<RouteContract, Compiled>();
const compile = (contract: RouteContract): Compiled => {
  let c = compiled.get(contract);
  if (!c) {
    const of = (s?: TSchema) => (s ? ajv.compile(s) : undefined);
    const bodies = Object.fromEntries(Object.entries(contract.bodies ?? {}).map(([type, schema]) => [type, ajv.compile(schema)]));
    c = { params: of(contract.params), query: of(contract.query), body: of(contract.body), bodies };
    compiled.set(contract, c);
  }
  return c;
};

interface ContractRequest {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, unknown>;
}

/**
 * Validates a route's path parameters, query and body against its @Contract
 * schemas (the ones the OpenAPI document prints), after access is checked and
 * before the handler: 400 request.invalid naming every bad field.
 */
@Injectable()
export class ContractValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    if (contract) {
      const request = context.switchToHttp().getRequest<ContractRequest>();
      const { params, query, body, bodies } = compile(contract);
      const errors: FieldError[] = [];
      if (params) {
        request.params = readText(contract.params!, request.params);
        if (!params(request.params)) errors.push(...explainText(fieldErrors(params.errors, ''), contract.params!, request.params, contract.explain));
      }
      if (query) {
        request.query = readText(contract.query!, request.query);
        if (!query(request.query)) errors.push(...explainText(fieldErrors(query.errors, ''), contract.query!, request.query, contract.explain));
      }
      const leftOut = request.body === undefined && contract.bodyRequired === false;
      const validateBody = bodies[mediaTypeOf(request.headers?.['content-type'])] ?? body;
      if (validateBody && !leftOut && !validateBody(request.body)) errors.push(...fieldErrors(validateBody.errors, ''));
      if (errors.length > 0) throw new RequestValidationError(errors);
    }
    return next.handle();
  }
}
