import { readFile as fsReadFile } from 'node:fs/promises';
import { extractFigures } from '../lib/extract-figures';
import { parseIso, toIso } from '../lib/dates/calendar';
import { isFirmFigure } from '../lib/figures/firm-figures';

export interface ExtractCliIo {
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today, YYYY-MM-DD: an article read today was published no later (places a yearless wire dateline). */
  today(): string;
}

const defaultIo: ExtractCliIo = {
  readFile: (path) => fsReadFile(path, 'utf8'),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  today: () => new Date().toISOString().slice(0, 10),
};

/** What `factledger extract` was asked, parsed by apps/cli. */
export interface ExtractCliOptions {
  file: string;
  /** YYYY-MM-DD; overrides the date in the article's header. */
  publishedAt?: string;
  /** Every candidate, vague ones and percentages included. */
  all: boolean;
}

/**
 * `extract <file> [--published YYYY-MM-DD] [--all]`: prints the file's
 * figures as a JSON array. By default only firm figures are printed (not
 * vague words, conversions or low-confidence numbers); --all prints every
 * candidate. Returns the exit code: 0, 1 when the file
 * cannot be read, 2 on bad arguments.
 */
export async function runExtract(options: ExtractCliOptions, io: Partial<ExtractCliIo> = {}): Promise<number> {
  const { readFile, stdout, stderr, today } = { ...defaultIo, ...io };
  const date = options.publishedAt === undefined ? undefined : parseIso(options.publishedAt);
  if (options.publishedAt !== undefined && !date) {
    stderr(`--published needs a date as YYYY-MM-DD, got ${JSON.stringify(options.publishedAt)}\n`);
    return 2;
  }
  const args = { ...options, publishedAt: date ? toIso(date) : undefined };
  let text: string;
  try {
    text = await readFile(args.file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    stderr(`cannot read ${args.file}: ${reason}\n`);
    return 1;
  }
  const figures = extractFigures(text, { ...(args.publishedAt ? { publishedAt: args.publishedAt } : {}), notAfter: today() });
  const shown = args.all ? figures : figures.filter((f) => isFirmFigure(f));
  stdout(`${JSON.stringify(shown, null, 2)}\n`);
  return 0;
}
