import type { Sentence } from '../text/segment-text';
import { phraseAfter, type Phrase } from './noun-phrase';

// Leading date or adverbial before the subject: "On 25/10/2024, the Dutch ...", "Upstream, at Hensey Meadows, ...".
const LEADING_ADVERBIAL =
  /^(?:(?:On|As of|As at|By|In|Last|Earlier|Late|Early)\s+[^,]{1,40}?|Yesterday|Today|Meanwhile|However|Separately|Moreover|Also|Upstream|Downstream|Elsewhere|Overall|Nationally|Locally|Regionally|Internationally|Globally|Overnight|Nearby|Offshore|Inland|Abroad|Afterwards|Later|Instead|Altogether|Additionally|Finally|Initially|Previously|Currently|Historically|Typically|Similarly|Since\s+[^,]{1,30}|(?:After|Before|Despite|Following|Founded|Based|Established|Headquartered|Created|Formed)\s+(?:a|an|the|in|on|at|by|with|from|its|their|this|that)\s+[^,]{1,60}?),\s+/;

// A wire dateline: "MADRID, March 3, 2026 (Reuters) -", "NEW DELHI —", "KATOWICE, Poland, Nov. 5 (AP) —",
// "ALTAMIRA DEL NORTE (Mexico), Aug. 16, 2027 (AIN) -".
const DATELINE = /^[A-Z][A-Z.'’ -]{2,40}(?:\s*\([^()]{1,30}\))?(?:,\s*[A-Z0-9][\w.'’ ]{1,30}){0,3}(?:\s*\([^()]{1,30}\))?\s*[-—–]+\s+/;

/** The source-like subject a sentence opens with ("The defence ministry briefed ..."), for resolving "it said" in the next. */
export const subjectOf = (sentence: Sentence): string | undefined => sentenceSubject(sentence.text, sentence.start)?.text;

/** The subject at the start of the sentence, after a leading date or adverbial. */
export const sentenceSubject = (s: string, at: number): Phrase | undefined => {
  // "MADRID, March 3 (Reuters) - Movilia said": a wire dateline's place is where, not who.
  const dateline = DATELINE.exec(s)?.[0].length ?? 0;
  const lead = dateline + (LEADING_ADVERBIAL.exec(s.slice(dateline))?.[0].length ?? 0);
  // "Chief executive Maren Solberg said", "Furniture chain Halvorsen Home said": a capitalised descriptor opening the
  // sentence is not the name; the name after it is, with the lower-case descriptor that says what it is.
  // After an adverbial the descriptor is in lower case: "Separately, developer Nordhav Energi said".
  const described = (lead > dateline ? DESCRIBED_AFTER_ADVERBIAL : DESCRIBED).exec(s.slice(lead));
  const words = described?.[1]?.trim().split(/\s+/) ?? [];
  if (described && words.every((w) => !DESCRIPTOR_STOP.test(w))) {
    const name = phraseAfter(s, lead + described[0].length, at);
    const from = lead + described[0].length - (described[1] ?? '').trimStart().length - 1;
    if (name) return { start: at + from, end: name.end, text: s.slice(from, name.end - at) };
  }
  const np = phraseAfter(s, lead, at);
  // "More than 41,000 people ...", "Around 60 per cent ...": a quantity word opening the sentence names no one.
  if (!np || QUANTITY_OPENING.test(np.text) || GREETING.test(np.text) || NOT_A_NAME.test(np.text) || OPENING_ADJECTIVE.test(np.text))
    return undefined;
  // "Output of pears is expected to rise", "Fuel for the fleet cost", "Paddleboarders and kayakers accounted for": a common
  // noun measured or listed, not a body that speaks.
  if (/^[A-Z][a-z]+$/.test(np.text) && /^\s+(?:of|for|and|or)\s+[a-z]/.test(s.slice(np.end - at))) return undefined;
  // "Heavy rain fell": a capitalised adjective before its noun, not a name before its verb.
  if (/^[A-Z][a-z-]+$/.test(np.text) && /^\s+[a-z]+\b/.test(s.slice(np.end - at)) && !VERB_AFTER.test(s.slice(np.end - at))) return undefined;
  return np;
};
const VERB_AFTER =
  /^\s+(?:[a-z]+(?:ed|s|ly)|himself|herself|itself|themselves|said|says|has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|did|do|found|took|made|put|set|gave|told|ran|saw|sent|kept|left|paid|sold|won|lost|held|brought|bought|began|came|went|got|fell|rose|shot|hit|cut|led|met|spent|flew|drew|knew|thought|estimate|expect|say|also|now|still|then|again|only|already|late|early|last|on|in|at|to|and|of)\b/;
const NAME_AHEAD = String.raw`\s+(?=[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+[a-z])`;
// ("Low-cost carrier Corvid Air": a hyphenated first word.)
const DESCRIBED = new RegExp(String.raw`^[A-Z][a-z]+(?:-[a-z]+)?(?:\s+(?:and|&)\s+[a-z][\w-]*)?((?:\s+[a-z][\w-]*){1,3})${NAME_AHEAD}`);
const DESCRIBED_AFTER_ADVERBIAL = new RegExp(String.raw`^((?:\s*[a-z][\w-]*){1,3})${NAME_AHEAD}`);
// "That's a third gone", "I'd say": a demonstrative or a pronoun with its verb names no one.
const NOT_A_NAME = /^(?:(?:That|This|There|Here|It|What|Who|I|We|You|They|He|She)(?:['’](?:s|d|ll|re|ve|m))?|\w+n['’]t)$/;
// "Late reports from two police forces mean …": an adjective opening the sentence's noun phrase.
const OPENING_ADJECTIVE = /^(?:Late|Early|Further|Fresh|Final|Provisional|Initial|Latest|Preliminary|Recent|Other|Several)\b/;
// "Good morning.", "Welcome back.": a greeting opening a live entry names no one.
const GREETING = /^(?:Good|Hello|Welcome|Thanks|Thank|Morning|Afternoon|Evening)$/;
// Words that make the lower-case run a clause rather than a descriptor ("Police have confirmed ...", "Officials said on Monday").
const DESCRIPTOR_STOP =
  /^(?:(?:has|have|had|is|are|was|were|be|will|would|can|could|may|might|must|shall|should|did|does|do|also|not|on|in|at|of|for|to|from|by|with|the|a|an|its|their|this|that|said|says|say|told|tells|put|puts)|\w+(?:ed|ly))$/;
const QUANTITY_OPENING =
  /^(?:More|Less|Fewer|Around|About|Some|Nearly|Almost|Over|Under|Up|At|No|Only|Just|Roughly|Approximately|Close|Most|Many|Few|All|Several|Half|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Twenty|Thirty|Forty|Fifty|Dozens|Hundreds|Thousands)$/;
