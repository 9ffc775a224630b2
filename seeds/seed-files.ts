import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisterMetric, RegisterSource } from '@factledger/ledger-domain';

export interface SeedFiles {
  metrics: RegisterMetric['data'][];
  sources: RegisterSource['data'][];
  /** Structured ingestion payloads, in file-name order (dates first, so later figures update earlier ones). */
  reports: { file: string; payload: unknown }[];
}

/** The seeds directory next to this file. */
export const DEFAULT_SEEDS_DIR = __dirname;

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
};

const list = <T>(path: string): T[] => {
  if (!existsSync(path)) return [];
  const value = readJson(path);
  if (!Array.isArray(value)) throw new Error(`${path}: must hold a JSON array`);
  return value as T[];
};

/** Reads metrics.json, sources.json and reports/*.json; null when the directory holds none of them. */
export function loadSeedFiles(dir: string): SeedFiles | null {
  const reportsDir = join(dir, 'reports');
  const reportFiles = existsSync(reportsDir)
    ? readdirSync(reportsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const files: SeedFiles = {
    metrics: list(join(dir, 'metrics.json')),
    sources: list(join(dir, 'sources.json')),
    reports: reportFiles.map((file) => ({ file, payload: readJson(join(reportsDir, file)) })),
  };
  return files.metrics.length + files.sources.length + files.reports.length === 0 ? null : files;
}
