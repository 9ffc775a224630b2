import type { Paragraph, Span } from './segment-text';

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

export const quotationAt = (pos: number, spans: Quotation[]): Quotation | undefined => spans.find((s) => pos >= s.start && pos < s.end);
