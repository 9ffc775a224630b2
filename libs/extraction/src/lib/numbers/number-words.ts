const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

export const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  // Newsroom abbreviations.
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  bln: 1e9,
  tn: 1e12,
  trn: 1e12,
};

const UNIT_WORDS = Object.keys(SMALL).join('|');
const SCALE_WORDS = 'hundred|thousand|million|billion|trillion|dozen';
const TOKEN = String.raw`(?:${UNIT_WORDS}|${SCALE_WORDS})`;

/**
 * Spelled-out numbers: "three thousand", "twenty-five", "a dozen", "half a
 * million", "a quarter of a million". A lone scale word needs "a"/"an"/"half a" in front of it; "and" joins only after a scale word
 * ("a hundred and twenty"), so "between six and eight" stays two numbers.
 */
export const NUMBER_WORDS_RE = new RegExp(
  String.raw`\b(?:(?:(?:one and )?a half|half an?|(?:a|one|three)\s+quarters?\s+of\s+an?|an?)\s+(?=(?:${SCALE_WORDS})\b)|(?=(?:${UNIT_WORDS})\b))${TOKEN}(?:(?:(?<=(?:${SCALE_WORDS}))\s+and\s+|\s+|-)${TOKEN})*\b`,
  'gi',
);

/** Value of a spelled-out number, or undefined when the words do not form one. */
export const parseNumberWords = (phrase: string): number | undefined => {
  const words = phrase
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/\b(?:a|one)\s+quarter\s+of\s+an?\b/g, '0.25')
    .replace(/\bthree\s+quarters\s+of\s+an?\b/g, '0.75')
    .replace(/\bhalf an?\b/g, '0.5')
    .replace(/\band a half\b/g, '0.5')
    .replace(/\ban?\b/g, '1')
    .split(/\s+/)
    .filter((w) => w && w !== 'and');
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (/^\d+(\.\d+)?$/.test(w)) current += Number(w);
    else if (w in SMALL) current += SMALL[w] as number;
    else if (w === 'dozen') current = (current || 1) * 12;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in SCALES) {
      total += (current || 1) * (SCALES[w] as number);
      current = 0;
    } else return undefined;
  }
  return words.length ? total + current : undefined;
};

/** A count in digits or in words ("12", "twelve"). */
export const numberOf = (word: string): number | undefined => (/^\d+$/.test(word) ? Number(word) : parseNumberWords(word));
