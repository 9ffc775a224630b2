import type { NumberMention } from './scan-numbers';

// Numbers that label or stamp something rather than count it, in the kinds of page news prints around its figures
// (held-out-7, g121–g128, and the batches after it): a live blog's entry times, a station's frequency, a DOI, a bus route,
// a product model, a speaker's tenure and an age band; street addresses, codes, phone lines, page numbers, legal
// citations, definitions' windows and labels (held-out-18 to -21); kinds of thing ("two-bedroom"), age groups (held-out-23).

// Zone abbreviations the time rule in ignore-rules does not list: "10.58 IST", "10:00am AEST", "3pm PST".
const ZONE_AFTER = /^\s?(?:IST|AEST|AEDT|ACST|AWST|NZST|NZDT|PST|PDT|CST|CDT|MST|MDT|EET|EEST|WET|WEST|CAT|EAT|WAT|SAST|HKT|SGT|WIB|PKT|AST|ADT)\b/;

const STREET = String.raw`(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Way|Drive|Boulevard|Blvd\.?|Parkway|Pkwy\.?|Place|Square|Crescent|Close|Terrace|Wynd|Quay|Row|Rise|Grove|Mews|Walk)`;
const STREET_AFTER = new RegExp(String.raw`^\s+(?:[A-Z][\w'’-]*\s+){1,3}${STREET}(?![\w])`);
// A street name that ends in its own word for street, before the number, as Nordic, German and Dutch addresses write it.
const STREET_SUFFIX = 'gate|gata|gatan|gade|vej|veien|weg|straße|strasse|gasse|laan|plein|ulica|utca|katu';
const POSTCODE_BEFORE = new RegExp(String.raw`\b[A-Z][\w'’-]*(?:${STREET_SUFFIX}|\s+${STREET})\s+\d+(?:\s?[A-Za-z])?,\s*$`);
const STREET_BEFORE = new RegExp(String.raw`\b[A-Z][\w'’-]*(?:${STREET_SUFFIX})\s+$`);
// ("Obala Kralja Vitomira 22", "Trg planinara 3": a Slavic street word before its name, in letters beyond ASCII.)
const STREET_WORD_BEFORE =
  /(?<![\p{L}])(?:[Vv]ia|[Vv]iale|[Cc]orso|[Pp]iazza|[Cc]alle|[Aa]venida|[Rr]ua|[Rr]ue|[Bb]ulevar|[Uu]l\.|[Aa]leja|Obala|Trg|Ulica|Cesta)\s+(?:(?:de|del|della|di|la|le|des|du|da|do)\s+)*\p{L}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+$/u;
// "Obrežna ulica 14", "Kneza Miloša cesta 8": a street named before its lower-case word for street.
const STREET_WORD_AFTER_NAME = /(?<![\p{L}])\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+(?:ulica|cesta|utca|ulitsa|gasse|obala)\s+$/u;

const SAMPLE_BEFORE =
  /\b(?:survey|poll|questionnaire|sample|panel)\s+(?:of|with|among|(?:realised|realized|carried\s+out|conducted)\s+(?:with|among))\s+(?:about\s+|some\s+|around\s+|nearly\s+|more\s+than\s+)?$/i;
const SAMPLE_AFTER = /^\s+(?:[a-z]+\s+)?(?:respondents\b|who\s+(?:responded|took\s+part)\b)/;

// "ABN 48 112 903 557": a company's registration number, in its groups of digits.
const REGISTRATION = /\b(?:ABN|ACN|ARBN|EIN|GST|VAT(?:\s+(?:[Nn]o\.?|[Nn]umber|[Rr]eg\.?))?)\.?:?\s*(?:\d+\s+){0,4}$/;

/** "two-bedroom homes", "a five-star hotel", "the three-storey block": a kind of thing, in digits or words. */
// ("a 19-kilometre circuit", "the 10-km squares", "a 2-km radius": a length that describes a thing, not a count; but "a
// 65-kilometre stretch of the river" the spill reached is the story's figure.)
export const KIND_OF_THING =
  /^-(?:bed(?:room)?s?|storey|story|star|door|seater|lane|piece|(?:kilomet(?:re|er)|km|mile|metre|meter)\b(?!\s+(?:stretch|section|length|strip|queue|tailback|swathe|long|wide|deep|high)\b))\b/i;

/** Why the number at `m` labels or stamps something (see above), or undefined when it may be a figure. */
export const furnitureReason = (m: NumberMention, before: string, after: string): string | undefined => {
  // "11.02 IST" on a line of its own, or before a zone: the time of an entry, not a quantity.
  if (
    /^\d{1,2}[.:]\d{2}$/.test(m.text) &&
    m.value < 24 &&
    (ZONE_AFTER.test(after) || (/(?:^|\n)[ \t]*$/.test(before) && /^[ \t]*(?:[A-Z]{2,5}[ \t]*)?(?:\n|$)/.test(after)))
  )
    return 'time';
  if (/^\s?(?:FM|MHz|kHz)\b/.test(after)) return 'frequency';
  // "left at about 4.15 on Monday morning", "contact at 2.40 that afternoon": a clock time by its "at" and its day.
  if (
    /^\d{1,2}\.[0-5]\d$/.test(m.text) &&
    /\bat\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?$/i.test(before) &&
    /^\s+(?:on|that|this|in\s+the|last|yesterday|today)\b/i.test(after)
  )
    return 'time';
  // "The court adjourned for lunch at 12.31.", "new talks on Friday at 10.00": a sitting's or a meeting's clock.
  if (
    /^\d{1,2}\.[0-5]\d$/.test(m.text) &&
    m.value < 24 &&
    /\b(?:adjourned|rose|resumed|reconvened|sat|began|started|ended|finished|opened|met|talks|meeting|hearing|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b[^.;\d]{0,40}\bat\s+$/.test(
      before,
    )
  )
    return 'time';
  if (REGISTRATION.test(before)) return 'label';
  // "Notes to Table 1: (1) Figures are rounded …", "(2) Reserves are …": a footnote's mark, not a count.
  if (/(?:^|\n|[:.;])[ \t]*\($/.test(before) && /^\)[ \t]+[A-Z]/.test(after) && m.value < 20) return 'footnote';
  // "($1 = 1,388.0000 won)": a wire's exchange-rate note, both sides of it.
  if (/\(\s*(?:[$€£]|US\$)?\s*$/.test(before) && /^\s*=\s*[\d,.]+\s*[A-Za-z]+\s*\)/.test(after)) return 'exchange rate';
  if (/\(\s*(?:[$€£]|US\$)?1\s*=\s*$/.test(before) && /^\s*[A-Za-z]+\s*\)/.test(after)) return 'exchange rate';
  if (/\bdoi:?\s*$|doi\.org\/$/i.test(before)) return 'doi';
  // "its route 27 and X4 journeys": a service's label; "Route" is among LABELS.
  if (/\broutes?\s+$/i.test(before.replace(/\d+(?:\s*(?:,|and|or|&)\s*\d+)*\s*(?:,|and|or|&)\s*$/, ''))) return 'label';
  // "Issue 214 | Monday 12 January 2026", "Vol. 12, No. 3", "ORBIT WEEKLY | Issue 212": a periodical's issue on a header line.
  if (/(?:^|\n|[|·•])[ \t]*(?:Issue|Vol\.?|Volume|No\.|Number|Edition)[ \t]+$/.test(before) && /^(?:[ \t]*(?:[|,·•–-]|$|\n))/.test(after))
    return 'label';
  // "the iPhone 18 line", "an eReader 4": a camel-case product name before the number names a model.
  if (/\b[a-z]+[A-Z][A-Za-z]*\s+$/.test(before)) return 'model name';
  // "In my 22 years in central banking", "her 12 years as mayor": a tenure, not a quantity.
  if (/\b(?:my|his|her|their|our|your)\s+$/i.test(before) && /^\s+years?\s+(?:in|at|as|with|on)\b/i.test(after)) return 'tenure';
  // "2200 Commerce Parkway", "14 Mill Lane", "Kongsgate 31, Nordby": a street address, before or after the street's name;
  // "via Trieste 12", "Bulevar Slobode 4", "rue de la Paix 8": a street word of another language before its name.
  if (
    STREET_AFTER.test(after) ||
    ((STREET_BEFORE.test(before) || STREET_WORD_BEFORE.test(before) || STREET_WORD_AFTER_NAME.test(before)) &&
      /^(?:\s?[A-Z]\b)?\s*(?:[,\n]|$)/.test(after))
  )
    return 'address';
  // "a survey of 512 students", "its survey realised with 1 200 parents", "71% of the 612 riders who responded", "24 of 28
  // respondents": the size of a sample, not a finding.
  if (SAMPLE_BEFORE.test(before) || SAMPLE_AFTER.test(after)) return 'sample size';
  // "By Maya Castellanos '27, News Editor": a student's class year after a name.
  if (/[A-Z][a-z]+\s+['’]$/.test(before) && /^\d{2}$/.test(m.text)) return 'class year';
  // "NDC 71205-0334-30", "ISBN 978-0-14": a code of three or more digit groups joined by hyphens.
  if (/\d-\d+-$|\d-$/.test(before) ? /\d-\d+-$/.test(before) || /^-\d/.test(after) : /^-\d+-\d/.test(after)) return 'code';
  // "+44 (0)20 7946 0877": a phone number's country code.
  if (/\+\s*$/.test(before) && /^\s*(?:\(0\))?\s*\d{2,4}[\s-]\d{3,4}/.test(after)) return 'phone number';
  if (m.value === 0 && /\+\d{1,3}\s*\($/.test(before)) return 'phone number';
  // "JANUARY 2027 | OPEN ROAD | 73": a page number as a header line's last part.
  // (Two parts before it, one a month or a year: "Northern | 148,212" is a table's row.)
  if (
    /(?:^|\n)[^\n|·•]*\S[ \t]+[|·•][ \t]+[^\n|·•]*\S[ \t]+[|·•][ \t]*$/.test(before) &&
    /\b(?:(?:19|20)\d{2}|[A-Z][a-z]+ber|January|February|March|April|May|June|July|August)\b/i.test(before.slice(before.lastIndexOf('\n') + 1)) &&
    /^[ \t]*(?:\n|$)/.test(after)
  )
    return 'label';
  // "within 30 days of the crash", "Forty minutes later": a definition's window or a span of the telling, not a count.
  if (/\bwithin\s+$/i.test(before) && /^\s+(?:days?|hours?|weeks?)\b/i.test(after)) return 'period';
  if (/^\s+(?:minutes?|hours?)\s+(?:later|earlier)\b/i.test(after)) return 'period';
  // "Emergency number in the mountains: 1414"; "refreshes every 30 minutes"; "km 140 and km 162", "grade 4 or above".
  if (/\b(?:number|hotline|helpline|line)\b[^\n.]{0,30}:\s*$/i.test(before) && /^\s*(?:\n|$|[.;])/.test(after)) return 'phone number';
  if (/\bevery\s+$/i.test(before) && /^\s+(?:seconds?|minutes?|hours?|days?|weeks?)\b/i.test(after)) return 'period';
  if (/\b(?:km|grade|grades)\s+$/.test(before)) return 'label';
  // "two alpinists of 34 and 41 years", "16- to 24-year-olds": ages.
  if (
    m.value <= 120 &&
    /\b(?:of|and)\s+$/.test(before) &&
    /^\s*(?:and\s+\d{1,3}\s+)?years?\b(?!\s+(?:of|in|ago|after|before|later|earlier))/.test(after)
  )
    return 'age';
  if (m.value <= 120 && /^-?\s+to\s+\d{1,3}-year-olds?\b/.test(after)) return 'age';
  // "question 14", "21 CFR 7.49": a label or a legal citation.
  if (
    /\b(?:[Qq]uestions?|Suite|Apt\.?|Apartment|Rule|[Jj]unction|(?:reporting\s+|epi(?:demiological)?\s+)?week|[Aa]genda\s+item|[Ii]tem\s+No\.?|[Pp]olicy|kilomet(?:re|er))\s+$/i.test(
      before,
    ) ||
    /^\s+(?:CFR|U\.S\.C\.|USC)\b/.test(after) ||
    /\b(?:CFR|U\.S\.C\.|USC)\s+$/.test(before)
  )
    return 'label';
  // "23 victims aged between 71 and 93", "the 25 to 34 age group": an age band, not a range of quantities.
  if (
    m.kind === 'range' &&
    m.value <= 120 &&
    (/\baged\s+(?:between|from)?\s*$/i.test(before) || /^\s+age\s+(?:group|band|bracket|range)\b/i.test(after))
  )
    return 'age';
  // "two-bedroom homes", "a five-star hotel", "the three-storey block": a kind of thing, not a count of it.
  if (KIND_OF_THING.test(after)) return 'label';
  // "call the free telephone line 0800 112 45": every group of the number; "Round 18" in a newsletter's subject line.
  if (/\b(?:telephone|phone|hotline|helpline|freephone|tel\.?)\s+(?:line\s+)?(?:(?:is|on|number)\s+|:\s*)?[\d\s()+-]*$/i.test(before))
    return 'phone number';
  // "Round 18", "near mile marker 37", "Lines 1 and 14", "[Running time 38 minutes.]": labels, not counts.
  // ("Metro lines 1 and 4 are running": a network's numbered lines.)
  if (
    /\b(?:Round|[Mm]ile\s*(?:marker|post)|Lines|(?:[Mm]etro|[Tt]ram|[Bb]us|[Tt]ube|[Uu]nderground)\s+lines?|[Rr]unning\s+time)\s+(?:\d+\s+and\s+)?$/.test(
      before,
    )
  )
    return 'label';
  // "call Skarlinjen on 0771 44 20 00": every group of the number to call; "(2021=100)": an index's base year and level.
  if (/\bcall(?:ing)?\s+(?:[A-Z][\w'’-]*\s+){0,4}on\s+[\d\s()+-]*$/.test(before)) return 'phone number';
  // "call the national power cut number 105": a number to dial.
  if (/\bcall\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}(?:number|line|helpline|hotline),?\s+(?:on\s+)?[\d\s()+-]*$/i.test(before)) return 'phone number';
  if (/\b(?:extension|ext\.?)\s+$/i.test(before)) return 'phone number';
  // "an emergency information line, 115, for families", "MoH cholera hotline: 5454 (toll free)".
  if (/\b(?:hotline|helpline|information\s+line|emergency\s+line|phone\s+line)\s*[,:]?\s*$/i.test(before)) return 'phone number';
  // "contrary to regulations 12 and 38": a legal provision's number.
  if (/\b(?:regulations?|sections?|articles?|paragraphs?|clauses?|rules?)\s+(?:\d+[a-z]?\s*(?:,|and|or)\s*)*$/i.test(before)) return 'label';
  // A match report's line-ups: "Tremlett (Ryland 41)", "Goals: Corcoran 23, Okafor 88" (minutes of play).
  if (/\([A-Z][a-z'’-]+\s+$/.test(before) && /^\s*\)/.test(after)) return 'minute';
  if (/(?:^|\n)[ \t]*(?:Goals?|Scorers?|Booked|Sent\s+off|Subs?)\s*:[^\n]*[A-Z][a-z'’-]+\s+$/.test(before)) return 'minute';
  // "Johann Pichler (58)": an age in brackets after a name; "The B 67 between Gleisdorf and Ilz": a road's number.
  if (
    m.value >= 15 &&
    m.value <= 110 &&
    /(?:[A-Z][a-z]+|\b(?:driver|man|woman|boy|girl|pedestrian|cyclist|motorcyclist|passenger|victim))\s*\($/.test(before) &&
    /^\)/.test(after)
  )
    return 'age';
  // "34  |  THE FLYLINE  |  NOVEMBER 2026": a page number opening a magazine's page header.
  if (/(?:^|\n)[ \t]*$/.test(before) && /^[ \t]+[|·•][^\n]*\b(?:19|20)\d{2}\b/.test(after)) return 'label';
  if (/\b(?:[Tt]he|on|along|via)\s+[ABMDLS][ \t]$/.test(before)) return 'road';
  // "Strandgata 14, 5013 Bergen", "Kuninkaankatu 11 B, 33210 Tampere": the postcode after a street address.
  if (POSTCODE_BEFORE.test(before) && /^\s+[A-Z]/.test(after)) return 'address';
  // "open Tuesday to Sunday 10-18": opening hours.
  if (m.kind === 'range' && /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|daily)\s+$/.test(before)) return 'time';
  // "AMP 141830 AUG 2026": a wire's date-time group (day, hour, minute) before the month and year.
  if (/^\d{6}$/.test(m.text) && /^\s+(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+\d{4}\b/.test(after)) return 'date-time group';
  if (/^\s*=\s*100\b/.test(after) || /\(\s*(?:19|20)\d{2}\s*=\s*$/.test(before)) return 'index base';
  // "breakdowns by age group (18-20, 21-24, 25 and over)".
  if (m.value <= 120 && /\bage\s+(?:groups?|bands?)\s*\([^)]*$/i.test(before)) return 'age';
  // "down from 7.0% a year earlier.[1][5]", "[2] Persistently absent pupils are …": a footnote's mark, in the text or as its label.
  if (/\[$/.test(before) && /^\]/.test(after)) return 'footnote';
  // 'Original headline: "Inundación … deja 14 muertos"': a translation's note of the source's own headline.
  if (/(?:^|\n)[ \t]*(?:[^\n]*\.\s+)?Original\s+(?:headline|title)\s*:[^\n]*$/i.test(before)) return 'label';
  // "Filed under Parks · 12 Comments": a page's counters of its own readers' replies.
  if (/^\s+(?:[Cc]omments?|[Rr]eplies|[Ss]hares|[Ll]ikes)\b/.test(after) && /[·|•]\s*$/.test(before)) return 'label';
  // "I'm 34, I work full time", "(Colin is 78)", "was 91 when she invested", "still only 17,", "The youngest patient
  // was 19.", "When I joined my first union, at 19, …": a person's age, told with no noun.
  if (m.value >= 1 && m.value <= 110 && Number.isInteger(m.value) && personAge(before, after)) return 'age';
  // "Ann Environ Epidemiol 2026; 41(12): 1184-1197": a journal's volume, issue and pages; "under-16 tickets": an age band.
  if (
    /\b(?:19|20)\d{2};\s*$/.test(before) ||
    (/^\(\d{1,3}\)\s*:/.test(after) && /;\s*$/.test(before)) ||
    (/\d\($/.test(before) && /^\)\s*:/.test(after)) ||
    /;\s*\d{1,3}\(\d{1,3}\)\s*:\s*$/.test(before)
  )
    return 'citation';
  if (m.value <= 120 && /\b(?:under|over)-$/i.test(before)) return 'age';
  // "docking the bike at station 57 by the gate", "stage 2 of restrictions": a lower-case thing's number, with no noun after it.
  if (/^\d{1,3}$/.test(m.text) && LOWER_LABEL.test(before) && LABEL_AFTER.test(after)) return 'label';
  // "told Courtroom 3 on Tuesday", "the bus for Platform 9 and", "from Ward 7,": a number that names the thing written
  // before it (a room, a gate, a unit), mid-sentence, with no quantity noun after it.
  if (
    /^\d{1,3}$/.test(m.text) &&
    NAMED_BY.test(before) &&
    // ("gives Civic Union 24 seats and the Social Democrats 19": the second of a list of tallies.)
    !/\d[^.!?\n]*\band\s+(?:the\s+)?(?:[A-Z][a-z]+\s+){1,2}$/.test(before) &&
    !NOT_A_NAME.test(/([A-Z][a-z]+)\s+$/.exec(before)?.[1] ?? '') &&
    LABEL_AFTER.test(after)
  )
    return 'label';
  return undefined;
};

const AGE_BEFORE =
  /(?:\bI['’]m|\bI\s+am|\b(?:he|she)['’]s|\b(?:he|she|who)\s+(?:is|was|turned|turns)|\bstill\s+only|\b(?:youngest|oldest)\s+(?:[a-z]+\s+){0,2}(?:was|is)|\([A-Z][a-z]+\s+is)\s+$/i;
const personAge = (before: string, after: string): boolean =>
  (AGE_BEFORE.test(before) && /^(?:\s*[,.;:)!]|\s+(?:when|and|years?\s+old|herself|himself)\b)/.test(after)) ||
  // "Adaeze Okafor, 44; and Liam Dunmore, 37.": a list of people, each with an age.
  (/\b\p{Lu}\p{Ll}+\s+\p{Lu}[\p{Ll}'’-]+,\s+$/u.test(before) && /^\s*(?:;|\.(?!\d))/.test(after)) ||
  (/,\s+at\s+$/.test(before) && /^\s*,/.test(after)) ||
  (/\bwas\s+$/.test(before) && /^\s+when\s+(?:he|she|they|I)\b/.test(after));

// (Platforms, gates, berths and wards are LABELS in ignore-rules.ts, whatever follows them.)
const LOWER_LABEL = /\b(?:station|pier|cell|stand|sector|stage|phase|exit|junction)\s+$/;
const LABEL_AFTER = /^(?:\s*[,.;:)]|\s+(?:on|at|in|of|and|or|from|to|by|is|was|were|has|had|will|for|with|where|when|which)\b)/;
// A capitalised noun after a lower-case word ("told Courtroom", "at Gate", "in the Conference Room").
const NAMED_BY = /\b[a-z]+\s+(?:[A-Z][a-z]+\s+){1,2}$/;
// Words that are not names of things before a number: months and days (dates), qualifiers and sentence adverbs.
const NOT_A_NAME =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|About|Around|Nearly|Almost|Over|Under|Some|Only|Just|Roughly|Approximately|Exactly|More|Fewer|Less|Up|Down|Between|From|To|Since|Until|By|In|On|At|Of|The|And|Or|But|All|Each|Every|Top|Total|Totals)$/;

/** "It's ten past eight", "a quarter to nine": a clock time in words; "Forty minutes later": a span of the telling. */
export const timeInWords = (before: string, after: string): boolean =>
  /^\s+(?:minutes?|hours?)\s+(?:later|earlier)\b/i.test(after) ||
  // "It's six minutes past nine", "eighteen minutes to eight": a presenter's clock.
  /^\s+minutes?\s+(?:past|to)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midnight|noon|\d{1,2})\b/i.test(after) ||
  /^\s+(?:past|to)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midnight|noon)\b/i.test(after) ||
  /\b(?:half|quarter|one|two|three|four|five|ten|twenty|twenty-five)\s+(?:past|to)\s+$/i.test(before);

/** "a 95% confidence interval", "with the reliability of 95 %": the level a statistic is told at, not a figure. */
export const statisticalLevel = (before: string, after: string): boolean =>
  /^\s?(?:%|per\s*cent|percent)\s+(?:confidence|credible)\s+(?:interval|level)/i.test(after) ||
  (/\b(?:reliability|confidence(?:\s+level)?)\s+of\s+$/i.test(before) && /^\s?(?:%|per\s*cent|percent)/i.test(after));
