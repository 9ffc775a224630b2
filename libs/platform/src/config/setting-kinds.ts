import { FormatRegistry, Type, type TLiteral, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';
import { parseListenAddress } from '../observability/metrics-server';

/** The kinds of setting `ConfigSchema` is written in: each says how a variable's text becomes a value (`loadConfig`). */
export interface Env {
  env: string;
  default: string;
  description: string;
}

/** How a variable's text becomes a value, and which rule a refusal states. */
export type SettingKind = 'whole' | 'fraction' | 'url' | 'text' | 'anyText' | 'listen' | 'oneOf';

/** Keywords every setting's schema carries besides its JSON Schema. */
export interface SettingKeywords extends Env {
  kind: SettingKind;
  protocols?: string[];
  /** Blank is null: a union of null and the setting's schema (`anyOf[1]`). */
  nullable?: boolean;
}

export const WholeNumber = (minimum: number, maximum: number, env: Env) => Type.Integer({ minimum, maximum, kind: 'whole', ...env });
/** A probability: a decimal from 0 to 1. */
export const Fraction = (env: Env) => Type.Number({ minimum: 0, maximum: 1, kind: 'fraction', ...env });

/** A URL whose protocol is one of `protocols` (a TypeBox format, registered once per list). */
const urlFormat = (protocols: string[]): string => {
  const name = `url ${protocols.join(' ')}`;
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol));
  return name;
};
export const PostgresUrl = (env: Env) =>
  Type.String({ format: urlFormat(['postgres:', 'postgresql:']), kind: 'url', protocols: ['postgres:', 'postgresql:'], ...env });
export const RedisUrl = (env: Env) =>
  Type.String({ format: urlFormat(['redis:', 'rediss:']), kind: 'url', protocols: ['redis:', 'rediss:'], ...env });
/** Text with something besides white space. */
export const Text = (env: Env) => Type.String({ pattern: '\\S', kind: 'text', ...env });
export const AnyText = (env: Env) => Type.String({ kind: 'anyText', ...env });

FormatRegistry.Set('listen address', (value) => {
  try {
    parseListenAddress(value);
    return true;
  } catch {
    return false;
  }
});
export const ListenAddress = (env: Env) => Type.String({ format: 'listen address', kind: 'listen', ...env });

export const OneOf = <const T extends string[]>(values: [...T], env: Env): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { kind: 'oneOf', ...env },
  );

/** Unset or blank: null (the setting is off, or falls back as its description says). */
export const Nullable = <T extends TSchema>(inner: T): TUnion<[TNull, T]> => {
  const { env, default: otherwise, description, kind } = inner as unknown as SettingKeywords;
  return Type.Union([Type.Null(), inner], { env, default: otherwise, description, kind, nullable: true });
};
