// The verbs that credit a source, and the words around a verb that say whether it does.

export const DATA_VERB = /^(?:recorded|records|counted|counts|tallied|registered)$/;

// ("Hospitals admitted 3,140 people": a hospital's act, not an admission.)
// ("The region confirms itself as the first producer": a reflexive verb reports nothing.)
export const VERBS =
  /\b(?:said|says|say|saying|telling|claims|claimed|claim|claiming|estimates|estimated|estimate|estimating|reported|reports|report|reporting|believes|believed|believe|confirmed|confirms|confirm|confirming|stated|states|told|tells|announced|announces|warned|warns|assessed|assesses|assess|alleged|alleges|added|adds|wrote|writes|noted|notes|put|puts|counted|counts|calculated|calculates|recorded|records|tallied|acknowledged|acknowledges|admitted(?!\s+(?:\d|more\s+than|about|some|nearly|over|almost|around|at\s+least|a\s+further|another))|admits(?!\s+\d)|revealed|reveals|disclosed|discloses|indicated|indicates|suggested|suggests|suggest|showed|shows|show|concluded|concludes|insisted|insists|maintained|maintains|testified|thinks|thought|understands|asserted|asserts|cited|cites|quoted|found|finds|putting|reckon|reckons|reckoned|described|describes|think|publishes|given|gave|posted|tweeted|affirmed|affirms|affirm|declared|declares|evoked|precised|specified|stressed|underlined|reiterated|explained|documented|informed|informs|advised|expected|expects|expect|forecast|forecasts|predicted|predicts|projected|revised|revises|lowered|raised|cut|upgraded|downgraded|notified|notifies|tell|ruled|plans|planned|argues|argued|argue|considers|considered|contends|contended|updated|corrected|communicates|communicated|precises|(?:has|had|have)(?=\s+(?:the|its|their)\s+(?:\w+\s+)?(?:number|figure|total|toll|tally|count|estimate)\s+at\b|\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:(?:narrowly|comfortably|just|well|slightly)\s+)?(?:(?:ahead|behind|leading|trailing)\s+)?(?:on|at)\s+\d[\d.,]*\s*(?:%|per\s*cent)))\b(?!\s+(?:itself|themselves)\b)/g;

// Adverbs, auxiliaries and times that may sit between a subject and its verb.
export const BETWEEN_SUBJECT_AND_VERB =
  /(?:\s+(?:has|have|had|did|does|do|will|would|may|might|could|can|also|now|previously|earlier|recently|publicly|quietly|formally|subsequently|separately|reportedly|officially|initially|already|just|again|repeatedly|first|further|today|yesterday|then|(?:from\s+|in\s+)?(?:last|this)\s+\w+|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:late|early)\s+on\s+\w+))+\s*$/;
// Verbs that can precede their subject ("said Mr Rutte"); "told X" names the listener instead.
export const INVERTIBLE =
  /^(?:said|says|added|adds|wrote|writes|noted|notes|believes|claimed|claims|insisted|insists|stated|explained|estimated|estimates|informed|announced|declared|confirmed)$/;
// Verb forms that double as nouns or adjectives: "an estimated 600,000", "official reports", "the number of people confirmed dead".
export const NOUN_LIKE =
  /^(?:plans|estimates?|estimated|reports?|reported|claims?|claimed|counts?|counted|confirmed|alleged|states|records?|recorded|finds|notes|shows?|put|puts|expected|forecasts?|predicted|projected|revised)$/;
// Forecast verbs credit a source only in the active voice after a source-like subject ("economists had expected").
export const FORECAST = /^(?:expected|expects|expect|forecast|forecasts|predicted|predicts|projected|plans|planned)$/;
export const PASSIVE_BEFORE = /\b(?:am|is|are|was|were|be|been|being|get|gets|got|widely|generally)\s*$/i;
export const ADJECTIVAL_BEFORE =
  /\b(?:a|an|the|this|that|its|their|his|her|these|those|some|other|such|official|latest|new|previous)\s*$|\b(?:number|toll|count|total)\s+of\s+(?:[a-z]+\s+){0,2}[a-z]+\s*$/i;

// "said the lead author, Dr Kari Maeland." (or "Mr. Dragan Petrović."): a described speaker's name in apposition closing the sentence.
export const APPOSED_NAME = /^\s*,\s*((?:(?:Dr|Mrs?|Ms|Prof)\.?\s+)?[A-Z][\wÀ-ɏ'’-]+(?:\s+[A-Z][\wÀ-ɏ'’-]+){0,2})\s*(?:[.;]|$)/;
