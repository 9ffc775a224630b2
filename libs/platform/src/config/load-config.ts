import { SETTINGS, type AppConfig } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

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
      problems.push(`${setting.env}=${JSON.stringify(value)} ${(e as Error).message} (${setting.description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as AppConfig;
}
