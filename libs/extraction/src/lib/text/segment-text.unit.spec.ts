import { clauseSpans, MAX_SENTENCE, rowLabel, segmentText } from './segment-text';

const sentencesOf = (text: string): string[] => segmentText(text).sentences.map((s) => s.text);

describe('segmentation', () => {
  it('splits sentences but not at abbreviations, initials or decimals', () => {
    expect(sentencesOf('U.S. officials said 1.3 million. Mr. Kim agreed. N. Korea did not. "Yes," he said. It is 5 p.m. now.')).toEqual([
      'U.S. officials said 1.3 million.',
      'Mr. Kim agreed.',
      'N. Korea did not.',
      '"Yes," he said.',
      'It is 5 p.m. now.',
    ]);
  });

  it('treats finished lines and headings as paragraphs and joins hard-wrapped prose', () => {
    const text = 'Analysis:\nShort heading\nThis sentence is wrapped over two lines because the\nwriter pressed enter. Next one.\n\nNew paragraph.';
    const { paragraphs } = segmentText(text);
    expect(paragraphs.map((p) => text.slice(p.start, p.end))).toEqual([
      'Analysis:',
      'Short heading',
      'This sentence is wrapped over two lines because the\nwriter pressed enter. Next one.',
      'New paragraph.',
    ]);
  });

  it('keeps spans as exact offsets, also with CRLF line ends', () => {
    const text = 'First line.\r\nSecond line here.\r\n\r\nThird.';
    for (const s of segmentText(text).sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentencesOf(text)).toEqual(['First line.', 'Second line here.', 'Third.']);
  });

  it('splits clauses at semicolons and contrastive conjunctions', () => {
    const [sentence] = segmentText('Seoul says 3,000; Kyiv says 12,000, while Washington says 10,000.').sentences;
    expect(sentence && clauseSpans(sentence).map((c) => sentence.text.slice(c.start - sentence.start, c.end - sentence.start))).toEqual([
      'Seoul says 3,000',
      'Kyiv says 12,000',
      'while Washington says 10,000.',
    ]);
  });

  it('keeps table-like rows apart even when they start in lower case', () => {
    const text = 'Russia has lost:\n\ntanks – 9,318 (+10)\narmored fighting vehicles – 18,902 (+32)\nhelicopters – 329';
    expect(segmentText(text).paragraphs.map((p) => text.slice(p.start, p.end))).toEqual([
      'Russia has lost:',
      'tanks – 9,318 (+10)',
      'armored fighting vehicles – 18,902 (+32)',
      'helicopters – 329',
    ]);
  });

  it('reads the label of a row', () => {
    expect(rowLabel('MLRS – ')).toBe('MLRS');
    expect(rowLabel('Russian troops in Kursk region (Ukrainian estimate): ~')).toBe('Russian troops in Kursk region');
    expect(rowLabel('The ministry said ')).toBeUndefined();
  });

  it('cuts a run-on paragraph with no sentence break into pieces no longer than MAX_SENTENCE, at its commas', () => {
    const clause = 'crews evacuated 120 people from the valley road';
    const text = Array.from({ length: 200 }, (_, i) => `${clause} ${i}`).join(', ');
    const { paragraphs, sentences } = segmentText(text);
    expect(paragraphs).toHaveLength(1);
    expect(sentences.length).toBeGreaterThan(text.length / MAX_SENTENCE);
    for (const s of sentences) {
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE);
      expect(s.text).toBe(text.slice(s.start, s.end));
      expect(s.text.startsWith(clause)).toBe(true);
    }
    // Nothing is lost but the space each cut falls on (the comma ends the piece before it).
    expect(sentences.map((s) => s.text).join(' ')).toBe(text);
  });

  it('keeps a long sentence under MAX_SENTENCE whole', () => {
    const sentence = `${'The agency said '.repeat(Math.floor(MAX_SENTENCE / 20))}it counted 40 homes.`;
    expect(segmentText(sentence).sentences.map((s) => s.text)).toEqual([sentence]);
  });
});
