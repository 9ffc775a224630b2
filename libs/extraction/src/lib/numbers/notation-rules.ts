import type { NumberMention } from './scan-numbers';

// Numbers in a notation rather than counts (found by the held-out batch g113–g120), and rain that is no calibre.

// "recorded 187mm in the six hours to 2pm", "could see between 300 and 500 millimetres": rain, not a calibre.
export const RAIN_BEFORE =
  /\b(?:recorded|received|measured|saw|see|seen|sees|dumped|fell|rainfall\s+of|totals?\s+of)\s+(?:between|up\s+to|about|around|more\s+than|over)?\s*$/i;
export const RAIN_AFTER =
  /^\s?(?:mm|millimet(?:re|er)s?)\s+(?:of\s+(?:rain|rainfall|snow|precipitation|water)\b|in\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\d+|[a-z]+)\s+(?:hours|days)\b|in\s+24\b|overnight\b)/i;

// "a category 4 system", "on level 4", "at week 16", "AFSCME Local 1207": a lower-case label or a union local names, not counts.
const LOWER_LABEL =
  /(?:\b(?:category|(?<!sea\s)level|floor|storey|(?:[Aa]t|[Bb]y|[Ii]n|[Ff]rom|[Uu]ntil|[Tt]hrough|[Aa]fter|[Bb]efore|of)\s+week)|\bLocal)\s+$/;
// "PASI 75", "FTSE 100": an acronym right before a number on a line of prose names an index or an endpoint.
const ACRONYM_NAME = /(?:^|[^\w&$£€])([A-Z]{2,6})\s$/;
const CURRENCY_CODE =
  /^(?:USD|EUR|GBP|CHF|JPY|CNY|RMB|INR|AUD|CAD|NZD|HKD|SGD|NOK|SEK|DKK|PLN|CZK|HUF|RUB|UAH|ZAR|BRL|MXN|TRY|KRW|IDR|AED|SAR|ILS|EGP|NGN|KES|COP|ARS|CLP|PEN|PHP|THB|VND|MYR|US|TEU|FEU)$/;

/** Numbers written in a notation, not as quantities: labels, p-values, time-zone offsets, doses, breaks in a hearing. */
export const notationReason = (m: NumberMention, before: string, after: string): string | undefined => {
  if (LOWER_LABEL.test(before)) return 'label';
  const acronym = ACRONYM_NAME.exec(before)?.[1];
  if (acronym && !m.currency && !CURRENCY_CODE.test(acronym) && /[a-z]/.test(after.slice(0, 25)) && !/[A-Z]{2,}\s+[A-Z]{2,}\s$/.test(before))
    return 'name';
  // "(p<0.001)", "p = 0.03": a significance level.
  if (/\bp\s*[<=>≤≥]\s*$/.test(before)) return 'statistic';
  // "AEST (UTC+10)", "GMT-5": an offset from universal time.
  if (/\b(?:UTC|GMT)\s*[+−–-]\s*$/.test(before)) return 'time zone';
  // "150 mg once daily", "10 mg twice a day": a dose in a regimen, not a reported quantity.
  if (/^\s?(?:mg|mcg|µg|g|ml)\s+(?:(?:once|twice|three\s+times|four\s+times)\s+)?(?:daily|a\s+day|per\s+day|weekly|a\s+week|every\b)/i.test(after))
    return 'dose';
  // "We will rise for 15 minutes", "adjourned for an hour": a pause in a hearing or meeting.
  if (/\b(?:rise|rose|adjourn(?:ed)?|break|pause|recess(?:ed)?)\s+for\s+(?:about\s+)?$/i.test(before) && /^\s+(?:minutes?|hours?)\b/i.test(after))
    return 'break';
  return undefined;
};
