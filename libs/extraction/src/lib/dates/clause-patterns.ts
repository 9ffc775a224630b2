// The clauses and asides findAsOf reads a sentence with, to tell which date expression a figure's own clause holds.

// ", supported by 14 aircraft,": a participle's aside is background to the clause it interrupts.
export const ASIDE =
  /[,(]\s*(?:including|among them|among whom|of whom|of which|(?:supported|backed|assisted|aided|joined|accompanied)\s+by)\b[^,()]*[,)]/gi;
export const RELATIVE = /,\s*(?:(?:a|an)\s+[^,]{1,40}?\s)?(?:where|which|who|whose)\b[^,]*(?:,|$)/gi;
// "The landslide which hit the village on Sunday has left 38 families without water": a restrictive relative clause
// dates the subject's event; the present perfect after it holds now.
export const SUBJECT_RELATIVE = /\b(?:which|that|who)\s+[a-z]+\b[^,.;]{0,80}?(?=\s+(?:has|have)\s+(?:\w+\s+)?\w+(?:ed|en|wn|ne|t)\b)/gi;
// "has produced 1.5 million this year": a running total holds as of the reporting, not the year's start.
export const PERFECT = /\b(?:has|have|had)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|t)\b/i;
// ", first given in October,", ", presented on 12 February,", ", built in 2009,": an aside dating something else (when the figure was first published), not the clause it interrupts.
// ", based on images taken on Saturday,": the time of the data a figure is read from is the figure's own (no aside).
export const DATED_ASIDE =
  /,\s*(?!based\s+on\b)(?:(?:first|originally|initially|previously|last)\s+)?(?:[a-z]+ed|given|shown|made|taken|written|drawn|put|set|built|bought|sold|held|won|begun)\s+(?:in|on|during|last|earlier)\b(?:[^,;.\d]|\d{1,2}(?=\s+[A-Z][a-z]+)|(?<=[A-Z][a-z]+\s)(?:19|20)\d{2}\b){0,40},/gi;
// ", filed at Companies House in March,": an aside before the figure, past the place it was done at ("The record of 40.3C,
// set at Coningsby in 2022," after the figure dates it).
export const PLACED_ASIDE = /,\s*[a-z]+ed\s+(?:at|with|to|by)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?:in|on|during|last|earlier)\s+[^,;.\d]{0,30},/g;
// "13,000 containers, up from an estimate it gave in October": a date past a comparison dates what is compared with.
// "up two points from the previous survey in early September": the change's own words may stand before "from".
export const COMPARISON = /\b(?:up|down|rising|falling|rose|fell)\s+(?:[\w.%]+\s+){0,3}?from\b|\b(?:compared|in\s+comparison)\s+(?:with|to)\b/i;
export const YEAR_CHANGE = /\b(?:than|superior|inferior|higher|lower|more|less|above|below|up|down|on|over|against|versus|vs)\b/i;
export const DEFINED_DAY = /^,\s*which\s+(?:was|is|fell\s+on)\s+(?:on\s+)?(?:the\s+)?[\w ]{3,24},?$/i;
// ("0.3 percentage points higher than in April to June 2026": a span's base too.)
export const CHANGE_BASE =
  /^[\d.,]+\s*(?:percentage\s+points?|points?|per\s*cent|%)\s+(?:higher|lower|more|less|above|below)\s+than\s+(?:in\s+|on\s+)?(?:[A-Z][a-z]+\s+(?:to|-|–)\s+)?$/i;
