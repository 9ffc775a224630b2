// What the words around a date expression say about it: a forecast's target, a scheduled day, a possessive day in the past.

// A promise, a pledge or a need with a target year states where something is to be: "pledged 500,000 homes a year by 2035".
export const FORECAST =
  /\b(?:could|would|will|may|might|expects?|expected|projects?|projected|projections?|forecasts?|forecast|predicts?|predicted|on\s+(?:course|track)|aims?|targets?|foresees?|foreseen|envisages?|envisaged|promise[sd]?|promising|pledge[sd]?|pledging|vow(?:s|ed)?|needs?|goal)\b/i;
export const SCHEDULED = /\b(?:will|(?:is|are)\s+(?:due|set|scheduled|expected)\s+to)\s+(?:\w+\s+){0,3}?(?:on\s+)?$/i;
/** The text of the sentence holding `start`, up to it. */
export const sentenceBefore = (text: string, start: number): string => text.slice(Math.max(0, start - 200), start).replace(/^[^]*[.!?]\s/, '');

// "ahead of Tuesday's election", "Sunday's race will" look forward; a clause told in the past ("has lost its majority …,
// winning 27 of the 60 seats in Thursday's election") does not, whatever word of the future stands earlier in it.
const PAST_CLAUSE =
  /\b(?:was|were|had|did|\w{3,}ed|lost|won|took|held|saw|came|fell|rose|drew|beat|cast|winning|losing|taking|gaining)\b[^.;:]{0,60}$/i;
const AHEAD = /\b(?:ahead\s+of|before|until|for|will|would|could|may|might|expected|set\s+to|due|plans?|upcoming|coming|into)\b[^.;]{0,40}$/i;

/**
 * "Saturday's final will be …", "ahead of Saturday's vote": a weekday's possessive that looks ahead. Any other (in a story
 * told after it, "a 24-17 win in Saturday's final") names a day gone by.
 */
export const aheadPossessive = (text: string, start: number, end: number): boolean => {
  const before = text.slice(Math.max(0, start - 80), start).replace(/^[^]*[.!?]\s/, '');
  const after = text.slice(end, end + 50);
  return (
    /\b(?:ahead\s+of|before|until|till|into|upcoming|coming)\s+$/i.test(before) ||
    (AHEAD.test(before) && !PAST_CLAUSE.test(before)) ||
    /^['’]s\s+[^.;]{0,30}?\b(?:will|is\s+(?:set|due|expected)|are\s+(?:set|due|expected))\b/i.test(after)
  );
};

/** "would apply a rate increase of $500 from 1 May": a plan's figure holds from the day it takes effect. */
export const takesEffect = (text: string, before: string, start: number): boolean =>
  /\bfrom\s*$/i.test(before) && /\b(?:will|would)\s+(?:\w+\s+){0,2}?(?:apply|take\s+effect|come\s+into\s+force)\b/i.test(sentenceBefore(text, start));
