import { SETTINGS, type AppConfig } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A value as it may be printed: a connection string's password never reaches a log. */
const shown = (value: string): string => JSON.stringify(value.replace(/(\/\/[^/@:]*:)[^/@]*@/, '$1***@'));

/** Reads and validates every setting at once so a bad start names all bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const config: Partial<Record<keyof AppConfig, unknown>> = {};
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    const value = raw === undefined || raw === '' ? setting.default : raw;
    try {
      config[setting.key] = setting.parse(value);
    } catch (e) {
      problems.push(`${setting.env}=${shown(value)} ${(e as Error).message} (${setting.description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as AppConfig;
}
