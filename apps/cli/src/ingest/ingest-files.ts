import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** Report metadata given on the command line; a file's front matter wins over it. */
export interface ReportFlags {
  publisher?: string;
  title?: string;
  publishedAt?: string;
  language: string;
  url?: string;
}

/** One submission: the body and content type for POST /v1/ingestions, and its query (CSV metadata). */
export interface Submission {
  file: string;
  contentType: 'application/json' | 'text/csv';
  body: string;
  query: string;
}

export const INGESTIBLE = ['.json', '.csv', '.txt', '.md'];

/** The files to ingest: each path given, directories walked (sorted, hidden entries skipped). */
export async function listFiles(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (p: string, given: boolean): Promise<void> => {
    const info = await stat(p);
    if (info.isDirectory()) {
      const entries = (await readdir(p)).filter((e) => !e.startsWith('.')).sort();
      for (const entry of entries) await walk(path.join(p, entry), false);
    } else if (given || INGESTIBLE.includes(path.extname(p).toLowerCase())) found.push(p);
  };
  for (const p of paths) await walk(p, true);
  return found;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
/** Front-matter keys and what they set (outlet is the newsroom word for publisher). */
const ALIASES: Record<string, keyof ReportFlags | 'reportId'> = {
  publisher: 'publisher',
  outlet: 'publisher',
  title: 'title',
  publishedat: 'publishedAt',
  published: 'publishedAt',
  date: 'publishedAt',
  language: 'language',
  url: 'url',
  reportid: 'reportId',
};

/** An article (.txt/.md): YAML front matter (publisher|outlet, title, publishedAt|published|date, language, url, reportId), else the flags. */
export function articleSubmission(file: string, content: string, flags: ReportFlags): Submission {
  const match = FRONT_MATTER.exec(content);
  const meta: Record<string, string> = {};
  if (match) {
    const parsed: unknown = parseYaml(match[1]!, { schema: 'failsafe' }); // failsafe: dates stay strings
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        const field = ALIASES[key.toLowerCase().replace(/[-_]/g, '')];
        if (!field) throw new Error(`front matter: unknown key "${key}" (known: ${Object.keys(ALIASES).join(', ')})`);
        if (typeof value === 'string') meta[field] = value;
      }
    } else throw new Error('front matter must be a YAML mapping (key: value lines)');
  }
  const text = (match ? content.slice(match[0].length) : content).trim();
  const report: Record<string, string> = {};
  for (const key of ['publisher', 'title', 'publishedAt', 'language', 'url'] as const) {
    const value = meta[key] ?? flags[key];
    if (value !== undefined) report[key] = value;
  }
  if (meta.reportId) report.reportId = meta.reportId;
  // No title anywhere: the article's first line (a Markdown heading's text), as a newsroom would file it.
  report.title ??= text
    .split('\n', 1)[0]!
    .replace(/^#+\s*/, '')
    .trim()
    .slice(0, 300);
  return { file, contentType: 'application/json', body: JSON.stringify({ kind: 'article', report, text }), query: '' };
}

/** A structured report: .json in the ingestion envelope as is; .csv with its metadata from the flags as query parameters. */
export function structuredSubmission(file: string, content: string, flags: ReportFlags): Submission {
  if (path.extname(file).toLowerCase() === '.json') return { file, contentType: 'application/json', body: content, query: '' };
  const query = new URLSearchParams();
  for (const key of ['publisher', 'title', 'publishedAt', 'language', 'url'] as const) if (flags[key] !== undefined) query.set(key, flags[key]);
  return { file, contentType: 'text/csv', body: content, query: `?${query}` };
}

export async function submissionOf(file: string, flags: ReportFlags): Promise<Submission> {
  const content = await readFile(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json' || ext === '.csv') return structuredSubmission(file, content, flags);
  if (ext === '.txt' || ext === '.md') return articleSubmission(file, content, flags);
  throw new Error(`not an ingestible file (${INGESTIBLE.join(', ')})`);
}
