import { countBelow } from './sorted-search';

/** Offsets where each line starts, so a figure finds its line by binary search, not by scanning back over a long line. */
export const lineStartsOf = (text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
};

const BULLET = /[ \t]*[-•*–—·▪][ \t]/y;
/** A number on a line that opens with a bullet ("- 11,000: troops in Kursk, according to ..."). */
export const isBulletLine = (text: string, lineStarts: number[], at: number): boolean => {
  const lo = countBelow(lineStarts, (s) => s, at, true);
  BULLET.lastIndex = lineStarts[lo - 1] ?? 0;
  return BULLET.test(text) && BULLET.lastIndex <= at + 1;
};
