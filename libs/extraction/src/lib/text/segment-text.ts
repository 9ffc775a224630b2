/** Spans are absolute offsets into the original text, so quotes stay verbatim. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
  index: number;
  paragraph: number;
}

export interface Paragraph extends Span {
  index: number;
  sentences: Sentence[];
}

export interface Segmented {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const TERMINAL = /[.!?:"”’)\]]\s*$/;
const HEADING_MAX = 60;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gen lt col maj capt sgt cpl adm rep sen gov prof no nos vol jan feb mar apr jun jul aug sep sept oct nov dec vs etc approx est inc ltd co corp jr sr fig op mio mrd mil mld'.split(
    ' ',
  ),
);

/** Splits text into paragraphs (blank lines, or line breaks after finished lines and headings) and sentences. */
export const segmentText = (text: string): Segmented => {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  for (const block of paragraphBlocks(text)) {
    const paragraph: Paragraph = { ...block, index: paragraphs.length, sentences: [] };
    for (const span of sentenceSpans(text, block)) {
      const sentence = { ...span, text: text.slice(span.start, span.end), index: sentences.length, paragraph: paragraph.index };
      paragraph.sentences.push(sentence);
      sentences.push(sentence);
    }
    paragraphs.push(paragraph);
  }
  return { paragraphs, sentences };
};

/** Shortest line that reads as hard-wrapped prose rather than a heading or a short item. */
const WRAP_MIN = 45;

/**
 * Hard-wrapped text (a press release, an e-mail) breaks lines mid-paragraph, even after a sentence's full stop,
 * and separates paragraphs with blank lines: most of its long lines run straight into another line.
 */
const isHardWrapped = (lines: string[]): boolean => {
  if (!lines.some((l) => !l.trim())) return false;
  let long = 0;
  let running = 0;
  lines.forEach((l, i) => {
    if (l.trim().length < WRAP_MIN) return;
    long++;
    if ((lines[i + 1] ?? '').trim()) running++;
  });
  return long >= 4 && running / long >= 0.6;
};

const paragraphBlocks = (text: string): Span[] => {
  const blocks: Span[] = [];
  const lines = text.split('\n');
  const wrapped = isHardWrapped(lines);
  let current: Span | undefined;
  let prevLine = '';
  let offset = 0;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (!trimmed) {
      if (current) blocks.push(current);
      current = undefined;
      prevLine = '';
      continue;
    }
    const lead = start + line.indexOf(trimmed);
    const end = lead + trimmed.length;
    if (current && (continuesLine(prevLine, trimmed) || (wrapped && prevLine.length >= WRAP_MIN && !/^([-*•]|\d+[.)])\s/.test(trimmed))))
      current.end = end;
    else {
      if (current) blocks.push(current);
      current = { start: lead, end };
    }
    prevLine = trimmed;
  }
  if (current) blocks.push(current);
  return blocks;
};

// A table-like row, "tanks – 9,318 (+10)" or "Russian troops in Kursk (Ukrainian estimate): ~50,000": a label, a dash or colon, a number.
const LABEL_VALUE_ROW = /^\s*(?:[-*•]\s*)?[A-Za-z][^.!?\n]{0,60}?\s*(?:[–—:]|\s-)\s*[~≈]?\s*(?:about\s+|around\s+|approximately\s+)?[$€£₽]?\d[\d,.]*/;

export const isLabelValueRow = (line: string): boolean => line.length <= 120 && LABEL_VALUE_ROW.test(line);

/** The label of a table-like row when `prefix` (line start up to a number) is one: "tanks – " → "tanks". */
export const rowLabel = (prefix: string): string | undefined =>
  /^\s*(?:[-*•]\s*)?([A-Za-z][^.!?\n]{0,60}?)\s*(?:\([^()]*\))?\s*(?:[–—:]|\s-)\s*[~≈]?\s*(?:about\s+|around\s+|approximately\s+)?[$€£₽]?$/.exec(
    prefix,
  )?.[1];

/** A hard-wrapped line continues when the previous one is unfinished prose rather than a heading or a table row. */
const continuesLine = (prev: string, next: string): boolean => {
  if (TERMINAL.test(prev)) return false;
  if (isLabelValueRow(prev) && isLabelValueRow(next)) return false;
  if (/^[a-z(]/.test(next)) return true;
  return prev.length > HEADING_MAX && !/^([-*•]|\d+[.)])\s/.test(next);
};

// Hand-written on purpose: Intl.Segmenter('en', sentence) was measured in its place on the generality set and did worse
// (older articles: recall 100 → 99.8, source 98.4 → 97.3, date 94.3 → 94.1; g40–g47 source 93.0 → 91.9).
const sentenceSpans = (text: string, block: Span): Span[] => {
  const spans: Span[] = [];
  let start = block.start;
  const boundary = /[.!?]+["”’')\]]*(?=\s+["“‘(]?[A-Z0-9])/g;
  const body = text.slice(block.start, block.end);
  for (let m = boundary.exec(body); m; m = boundary.exec(body)) {
    const end = block.start + m.index + m[0].length;
    if (m[0].startsWith('.') && isAbbreviation(text, block.start + m.index)) continue;
    spans.push(trimSpan(text, start, end));
    start = end;
  }
  if (start < block.end) spans.push(trimSpan(text, start, block.end));
  return spans.filter((s) => s.end > s.start).flatMap((s) => boundedSpans(text, s));
};

/**
 * Longest sentence kept whole. Each figure looks at its whole sentence (dates, attributions, clauses), so text with no
 * sentence breaks (one run-on paragraph of 1 MB) would cost its length per figure: quadratic. No sentence of the
 * fixtures or the corpus comes near it (the longest is under 600 characters).
 */
export const MAX_SENTENCE = 1000;

/** A sentence over MAX_SENTENCE, cut at the last clause break (`;` or `,`), else the last space, before the limit. */
const boundedSpans = (text: string, span: Span): Span[] => {
  if (span.end - span.start <= MAX_SENTENCE) return [span];
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE) {
    const window = text.slice(start, start + MAX_SENTENCE);
    const cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '));
    const at = cut > MAX_SENTENCE / 2 ? cut + 1 : window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') : MAX_SENTENCE;
    out.push(trimSpan(text, start, start + at));
    start += at;
  }
  out.push(trimSpan(text, start, span.end));
  return out.filter((s) => s.end > s.start);
};

/** True when the period at `dot` ends an abbreviation or initial rather than a sentence. */
const isAbbreviation = (text: string, dot: number): boolean => {
  const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, dot - 12), dot))?.[1] ?? '';
  if (!word) return false;
  if (word.includes('.')) return true; // U.S., e.g., U.N.
  if (/^[A-Z]$/.test(word)) return true; // initials
  return ABBREVIATIONS.has(word.toLowerCase());
};

const trimSpan = (text: string, start: number, end: number): Span => {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
};

const CLAUSE_BREAK = /;\s*|,\s+(?=(?:though|although|but|while|whereas|yet|even as)\s)/g;

/** Clauses of a sentence: split at semicolons and contrastive conjunctions. */
export const clauseSpans = (sentence: Sentence): Span[] => {
  const spans: Span[] = [];
  let start = sentence.start;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence.text); m; m = CLAUSE_BREAK.exec(sentence.text)) {
    spans.push({ start, end: sentence.start + m.index });
    start = sentence.start + m.index + m[0].length;
  }
  spans.push({ start, end: sentence.end });
  return spans.filter((s) => s.end > s.start);
};

/** The clause of `sentence` that contains absolute offset `at`. */
export const clauseAt = (sentence: Sentence, at: number): Span => {
  const spans = clauseSpans(sentence);
  return spans.find((s) => at >= s.start && at < s.end) ?? spans[spans.length - 1] ?? sentence;
};

/** A paragraph of running prose: a sentence's closing mark and at least six words (a headline or a header line has neither). */
const isProse = (text: string, p: Span): boolean => {
  const body = text.slice(p.start, p.end).trim();
  return /[.!?]["”’)]?$/.test(body) && body.split(/\s+/, 6).length >= 6;
};

/** The first paragraph of prose, found once per text (a run-on text may have none, and every paragraph asks). */
const firstProse = new WeakMap<Paragraph[], number>();

/** Paragraph `j` is one line without a closing mark and no prose stands above it: a headline or a masthead line. */
export const isHeaderLine = (text: string, paragraphs: Paragraph[], j: number): boolean => {
  const words = text.slice(paragraphs[j]?.start ?? 0, paragraphs[j]?.end ?? 0).trim();
  if (/\n/.test(words) || /[.!?"”’)]$/.test(words)) return false;
  let prose = firstProse.get(paragraphs);
  if (prose === undefined) {
    const found = paragraphs.findIndex((p) => isProse(text, p));
    firstProse.set(paragraphs, (prose = found < 0 ? paragraphs.length : found));
  }
  return j <= prose;
};
