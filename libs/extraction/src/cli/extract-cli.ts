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

export const USAGE = 'usage: extract <file> [--published YYYY-MM-DD] [--all]';

const defaultIo: ExtractCliIo = {
  readFile: (path) => fsReadFile(path, 'utf8'),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  today: () => new Date().toISOString().slice(0, 10),
};

interface Args {
  file: string;
  publishedAt?: string;
  all: boolean;
}

const parseArgs = (argv: string[]): Args | string => {
  const [command, ...rest] = argv;
  if (command !== 'extract') return command ? `unknown command: ${command}` : 'missing command';
  let file: string | undefined;
  let publishedAt: string | undefined;
  let all = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--all') all = true;
    else if (arg === '--published' || arg.startsWith('--published=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      const date = parseIso(value);
      if (!date) return `--published needs a date as YYYY-MM-DD, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`;
      publishedAt = toIso(date);
    } else if (arg.startsWith('--')) return `unknown option: ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument: ${arg}`;
  }
  if (!file) return 'missing <file>';
  return { file, all, ...(publishedAt ? { publishedAt } : {}) };
};

/**
 * `extract <file> [--published YYYY-MM-DD] [--all]`: prints the file's
 * figures as a JSON array. By default only firm figures are printed (not
 * vague words, conversions or low-confidence numbers); --all prints every
 * candidate. Returns the exit code: 0, 1 when the file
 * cannot be read, 2 on bad arguments.
 */
export async function runExtractCli(argv: string[], io: Partial<ExtractCliIo> = {}): Promise<number> {
  const { readFile, stdout, stderr, today } = { ...defaultIo, ...io };
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    stderr(`${args}\n${USAGE}\n`);
    return 2;
  }
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
