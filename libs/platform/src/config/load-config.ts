import { Value } from '@sinclair/typebox/value';
import { parseListenAddress } from '../observability/metrics-server';
import { SETTINGS, type AppConfig, type SettingSchema } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A value as it may be printed: a connection string's password never reaches a log. */
const shown = (value: string): string => JSON.stringify(value.replace(/(\/\/[^/@:]*:)[^/@]*@/, '$1***@'));

const WHOLE = /^\d+$/;
const DECIMAL_0_TO_1 = /^(?:0|1|0?\.\d+|1\.0+)$/;

/** The value a variable's text stands for; text that does not convert stays text and fails the schema. */
function valueOf(schema: SettingSchema, text: string): unknown {
  if (schema.nullable && text.trim() === '') return null;
  switch (schema.kind) {
    case 'whole':
      // Stricter than TypeBox's Value.Convert, which would also read " 8", "1e3" or "0x10".
      return WHOLE.test(text) ? Number(text) : text;
    case 'fraction':
      return DECIMAL_0_TO_1.test(text.trim()) ? Number(text) : text;
    case 'listen':
      return text.trim();
    default:
      return text;
  }
}

/** The rule a refused value breaks, in words (a setting's schema says which). */
function ruleOf(schema: SettingSchema, text: string): string {
  const inner = schema.nullable ? schema.anyOf![1]! : schema;
  switch (schema.kind) {
    case 'whole':
      return `must be a whole number from ${inner.minimum} to ${inner.maximum}`;
    case 'fraction':
      return 'must be a decimal from 0 to 1';
    case 'url': {
      const protocols = inner.protocols!.join(' or ');
      return URL.canParse(text) ? `must use ${protocols}` : `must be a URL (${protocols})`;
    }
    case 'oneOf':
      return `must be one of ${(inner.anyOf as { const: string }[]).map((v) => v.const).join(', ')}`;
    case 'listen':
      try {
        parseListenAddress(text);
      } catch (e) {
        return (e as Error).message;
      }
      return 'must be host:port';
    default:
      return 'must not be empty';
  }
}

/** Reads and validates every setting at once so a bad start names all bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const config: Partial<Record<keyof AppConfig, unknown>> = {};
  for (const { key, schema } of SETTINGS) {
    const raw = env[schema.env];
    const text = raw === undefined || raw === '' ? schema.default : raw;
    const value = valueOf(schema, text);
    if (Value.Check(schema, value)) config[key] = value;
    else problems.push(`${schema.env}=${shown(text)} ${ruleOf(schema, text)} (${schema.description})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as AppConfig;
}
