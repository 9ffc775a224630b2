import { isBodyName } from './coreference';

// A figure that is the object of its subject's own act or claim is credited to that subject, when the sentence credits
// no one else: "Police made 11 arrests", "the Red Cross has distributed 1,200 bottles", "the court reduced the damages to
// 14 million", "Prosecutors had sought a fine of 750,000", "the municipality has asked for 80,000". Verbs of doing
// and of asking only: "Russia launched 100 drones" or "prices rose 6%" tell of an act, but nobody reports it by acting.

const AUX = String.raw`(?:(?:has|have|had|is|are|now|also|then|later|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\s+)*`;
const ACTS =
  String.raw`made(?!\s+up\b)|arrested|detained|rescued|evacuated|seized|issued|fined|charged|conducted|carried\s+out|handled|treated|vaccinated|inspected|deployed|dispatched|distributed|delivered|donated|supplied|` +
  // ("The Central Electoral Commission (CEC) has this morning corrected turnout to 61.7%": a body revising its own figure.)
  String.raw`awarded|ordered|reduced|raised|increased|lowered|revised|corrected|restated|imposed|granted|approved|set|fixed|capped|allocated|earmarked|budgeted|sentenced|upheld|sought|demanded|requested|asked\s+(?:\w+\s+){0,3}?(?:for|from)|called\s+for|proposed|offered|pledged|promised|advised|recommended|` +
  // A business's own results: "Nordhavn Container Line carried 1.924 million TEU", "the airline flew 9.4 million".
  String.raw`carried|flew|shipped|sold|lifted|posted|booked|` +
  // Counting is the counter's act: "the agency recorded 41 cases", "UKHSA later
  // took it down to 129"; so is a bargaining position: "WIF has tabled a new offer of 5.2%", "the union is asking for 7%".
  String.raw`recorded|registered|logged|counted|measured|identified|took\s+(?:it|that|the\s+\w+)\s+(?:down|up)\s+to|tabled|submitted|` +
  String.raw`asking\s+(?:\w+\s+){0,3}?for|seeking|demanding|offering|proposing|processed|` +
  // Translated copy's progressive: "the Coast Guard is counting 243 persons", "was speaking of 31 missing".
  String.raw`counting|recording|(?:was|were)\s+(?:speaking|talking)\s+(?:of|about)`;
// ("4.4 Councillor Kowalczyk proposed a council tax increase of 4.99%": after a minute's number.)
// The actor: a name ("France's Court of Appeal", "the Red Cross", "Helene Marchand") or a body's common name, right
// before the verb, at the sentence's start or after a comma, a dateline's dash or a conjunction.
// "the regional trade body Comité Champagne": a lower-case description before the name (dropped from the actor), and
// letters beyond ASCII in the name.
const W = String.raw`\w\u00C0-\u024F.'’-`;
// ("District judge Helen Okafor fined …": a judge's lower-case title before the name, not part of it.)
const BENCH = String.raw`(?:(?:[A-Z][a-z]+\s+)?(?:judge|recorder|magistrate|coroner|sheriff)\s+)?`;
const ACTOR = String.raw`${BENCH}((?:[A-Z][${W}]*['’]s\s+)?(?:the\s+(?:[a-z][\w'’-]*\s+){0,4}?)?(?:[A-Z][${W}]*\s+(?:(?:of|for|and)\s+)?)*[A-Z][${W}]*|[Tt]he\s+(?:[a-z]+['’]s\s+)?(?:[a-z]+\s+){0,3}?(?:municipality|court|council|ministry|government|police|company|regulator|agency|board|bank|committee|authority|union|department|commission|airline|trust|directorate|platform|portal|consultancy|office|producer|manufacturer|charity|institute|organi[sz]ers|jury))`;
const OWN_ACT = new RegExp(
  String.raw`(?:^(?:\d{1,2}(?:\.\d{1,2})+\s+)?(?:(?:But|And|Yet|Now|Meanwhile|Then|In\s+the\s+(?:morning|afternoon|evening|night))\s+)?|[,;]\s*(?:(?:while|and|but|whereas)\s+)?|\s[-–—]\s+|\b(?:while|whereas)\s+)${ACTOR}(?:\s*\([A-Z][\w&.-]{1,12}\))?,?\s+${AUX}(?:${ACTS})\b`,
  'g',
);
// ("The National Disaster Management Agency (NDMA) raised its toll": the acronym in brackets after the name.)
// A sentence-initial word that is not an actor.
// "He" and "She" act too ("She ordered him to pay £9,000"): the tracker resolves them like "she said".
const NOT_ACTOR = /^(?:The|A|An|This|That|It|They|We|There|In|On|At|By|For|Of|Since|After|Before|But|And|While)$/;

// "The rival Shanghai Containerized Freight Index, published every Friday, added 71.4 points": a named index reads itself.
// ("Kingsmere's house price index rose 0.4%": its owner's.)
const INDEX_MOVE =
  /\b((?:[A-Z][\w.'’-]*\s+)+Index|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*(?=['’]s\s+(?:[a-z-]+\s+){0,3}index\b)(?:['’]s\s+(?:[a-z-]+\s+){0,3}index))(?:\s*,[^,]{1,60},)?\s+(?:rose|fell|gained|added|climbed|slipped|dropped|lost|jumped|eased|edged\s+(?:up|down))\b/g;

/** The actor whose act or claim has the figure at `pos` (an offset in `sentence`) as its object, if any. */
export const ownActor = (sentence: string, pos: number): string | undefined => {
  let found: string | undefined;
  for (const m of sentence.matchAll(INDEX_MOVE))
    if ((m.index ?? 0) + m[0].length <= pos && !/;|\.(?!\d)/.test(sentence.slice((m.index ?? 0) + m[0].length, pos)))
      found = m[1]?.replace(/['’]s\s+(?:[a-z-]+\s+){0,3}index$/, '');
  for (const m of sentence.matchAll(OWN_ACT)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end > pos) break;
    const actor = (m[1] ?? '').trim().replace(/^the\s+(?:[a-z][\w'’-]*\s+)+(?=[A-Z])/, '');
    const body = isBodyName(actor) || /^(?:the\s+)?[A-Z]/.test(actor.replace(/^[A-Z][\w.'’-]*['’]s\s+/, '')) || /^[Tt]he\s/.test(actor);
    // A clause break between the act and the figure ends the act's reach.
    if (body && !NOT_ACTOR.test(actor) && !/;|\.(?!\d)/.test(sentence.slice(end, pos))) found = actor;
  }
  return found;
};
