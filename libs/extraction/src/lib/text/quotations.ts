import type { Paragraph, Span } from './segment-text';
import { countBelow } from './sorted-search';

export interface Quotation extends Span {
  /** Never closed in its paragraph: speech that continues into the next paragraph. */
  open: boolean;
}

/**
 * Quoted speech in a paragraph. State resets at each paragraph because
 * newsroom style leaves a multi-paragraph quote unclosed until its last part.
 */
export const quotationSpans = (text: string, paragraph: Paragraph): Quotation[] => {
  const spans: Quotation[] = [];
  let open: number | undefined;
  const body = text.slice(paragraph.start, paragraph.end);
  for (const m of body.matchAll(/["“”]/g)) {
    const at = paragraph.start + (m.index ?? 0);
    if (open === undefined && m[0] !== '”') open = at;
    else if (open !== undefined && m[0] !== '“') {
      spans.push({ start: open, end: at + 1, open: false });
      open = undefined;
    }
  }
  if (open !== undefined) spans.push({ start: open, end: paragraph.end, open: true });
  return spans;
};

/** The quotation holding `pos`. Spans are in text order and never overlap: a binary search (a run-on paragraph holds thousands). */
export const quotationAt = (pos: number, spans: Quotation[]): Quotation | undefined => {
  const i = lastStartingBy(spans, pos);
  const span = spans[i];
  return span && pos < span.end ? span : undefined;
};

/** Closed quotations whose end falls in (from, to], in text order (their ends are in text order too). */
export const quotationsClosingIn = (spans: Quotation[], from: number, to: number): Quotation[] => {
  const out: Quotation[] = [];
  for (let i = Math.max(0, lastStartingBy(spans, from)); i < spans.length && (spans[i] as Quotation).start < to; i++) {
    const q = spans[i] as Quotation;
    if (!q.open && q.end > from && q.end <= to) out.push(q);
  }
  return out;
};

/** Index of the last span starting at or before `pos` (-1 when none). */
const lastStartingBy = (spans: Quotation[], pos: number): number => countBelow(spans, (q) => q.start, pos, true) - 1;
