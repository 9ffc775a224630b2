import type { Sentence } from '../text/segment-text';
import { agentCovers, appositiveName, citedPhrase, colonLeadIn, courtHeard, listedNames, placesFigure } from './attribution-phrases';
import { headedAttributions, ownerOf, possessiveAttributions } from './note-attributions';
import { sentenceSubject } from './sentence-subject';
import {
  APPOSED_NAME,
  DATA_VERB,
  VERBS,
  BETWEEN_SUBJECT_AND_VERB,
  INVERTIBLE,
  NOUN_LIKE,
  FORECAST,
  PASSIVE_BEFORE,
  ADJECTIVAL_BEFORE,
} from './attribution-verbs';
import { translatedAttributions } from './translated-attributions';
import { citedSources, DESCRIBED_PUBLISHER, describedNameAfter, documentSources, ownDocumentSubjects } from './cited-documents';
import { endsWithEntityNoun, isPronoun, NOT_A_SOURCE, NOUN_THEN_VERB, phraseAfter, phraseBefore, wordBefore } from './noun-phrase';

/** Someone a sentence credits with what it reports. Offsets are absolute. */
export interface Attribution {
  /** Where the attribution sits (verb, "according to"), for choosing the nearest one. */
  anchor: number;
  end: number;
  /** As written: "US Secretary of State Antony Blinken citing US intelligence reports". */
  raw: string;
  /** "he", "she", "they": resolved later from earlier sentences. */
  pronoun?: string;
  /** The verb introduces a following "that"-clause, so it only covers what comes after it. */
  forwardOnly: boolean;
  /** An aside ("A, as the ministry has suggested, B") covers what comes before it, not after. */
  backwardOnly?: boolean;
  /** A relative clause right after a figure ("the 165,000 that economists had expected"): it credits that figure. */
  boundBack?: boolean;
  /** "Police recorded 6.7 million crimes": who counted, not who reports it; a speaker the sentence names after it wins. */
  dataVerb?: boolean;
}
const DESCRIBED_PUBLISHER_ANCHORS = new WeakSet<Attribution>();

/** Every attribution in a sentence: "according to X", "X said", "said X", "X, citing Y, said", "reported by X". */
export const findAttributions = (sentence: Sentence): Attribution[] => {
  const s = sentence.text;
  const at = sentence.start;
  const out: Attribution[] = [...translatedAttributions(sentence), ...headedAttributions(s, at)];
  const possessive = possessiveAttributions(s, at);
  for (const m of s.matchAll(/\baccording to\s+(?!(?:its|their|his|her)\s)/gi)) {
    const from = (m.index ?? 0) + m[0].length;
    // "according to an analysis of satellite imagery by the Open Source Centre": the author of the work.
    // "an estimate by the catastrophe modelling firm Verisk": the descriptor before the name is not part of it.
    const work =
      /^(?:an?|the|new|latest|\s)*(?:[a-z]+\s+){0,2}?(?:analysis|study|report|assessment|review|survey|census|poll|inventory|audit|investigation|calculations?|estimates?|count|tally|data|figures|statistics)\b[^,;.]{0,60}?\bby\s+/i.exec(
        s.slice(from),
      );
    // "according to operative data of the Ministry": whose data.
    const whose = work
      ? undefined
      : /^(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:data|figures|statistics|information|records|estimates?|count|tally|calculations?)\s+(?:of|from)\s+(?=(?:the\s+)?[A-Z])/.exec(
          s.slice(from),
        );
    const by = work ? from + work[0].length : whose ? from + whose[0].length : from;
    // "by the catastrophe modelling firm Verisk", "according to the tracking site PowerOutage.us": the name after a descriptor.
    const descriptor = /^(?:the|an?)\s+(?:[a-z][\w'’-]*\s+){1,4}(?=[A-Z])/.exec(s.slice(by))?.[0].length ?? 0;
    // "according to money market pricing": a common-noun source, taken as written up to the clause's end.
    const common = /^(?!(?:our|its|their|his|her|my|the|a|an|this|these|those|some|many|most)\s)([a-z][a-z -]{2,40}?)(?=\s*(?:[.,;:]|$))/.exec(
      s.slice(from),
    );
    const plain = phraseAfter(s, by, at);
    const np =
      // ... unless the capitalised words describe a person ("a senior Western official").
      (descriptor && !/[A-Z][\w.'’-]*\s+[a-z]+$/.test(plain?.text ?? '') ? listedNames(s, phraseAfter(s, by + descriptor, at), at) : undefined) ??
      plain ??
      phraseAfter(s, from, at) ??
      (common?.[1] ? { start: at + from, end: at + from + common[1].length, text: common[1] } : undefined);
    // "According to him": a pronoun, resolved like "he said".
    const object = { him: 'he', her: 'she', them: 'they', it: 'it' }[np?.text.toLowerCase() ?? ''];
    if (np) out.push({ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: false, ...(object ? { pronoun: object } : {}) });
  }
  for (const m of s.matchAll(
    /\b(?:(?:reported|estimated|cited|confirmed|given|provided|published|released|compiled|announced|quoted|counted|recorded|reviewed|analysed|analyzed|obtained|seen|verified)\s+(?:by\s+name\s+)?by|(?:data|figures|estimates|statistics|report|assessment|index)\s+(?:from|by)|(?:analysis|study|survey|review|audit|census)\s+by)\s+/g,
  )) {
    const from = (m.index ?? 0) + m[0].length;
    // "an index from the property website Homesquare": the name after its descriptor.
    const descriptor = /^(?:the|an?)\s+(?:[a-z][\w-]*\s+){1,4}(?=[A-Z])/.exec(s.slice(from))?.[0].length ?? 0;
    const np = (descriptor ? phraseAfter(s, from + descriptor, at) : undefined) ?? phraseAfter(s, from, at);
    // "raised it to 292.6 million after late data from Chinese makers": the cause of a revision, not its source.
    const cause =
      /\b(?:after|following)\s+(?:[a-z]+\s+){0,2}$/.test(s.slice(0, m.index)) && !/^\s*(?:showed|shows|show)\b/.test(s.slice((np?.end ?? at) - at));
    if (np && !cause)
      out.push({ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: false, ...agentCovers(s, m[0], m.index ?? 0, np.end - at) });
  }
  // "according to figures from the society's own lending book", "according to figures the trust released", "the society's
  // index showed": a data noun's publisher named by a lower-case description, resolved like "the society said".
  for (const m of s.matchAll(DESCRIBED_PUBLISHER)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    const found: Attribution = { anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw, forwardOnly: false };
    DESCRIBED_PUBLISHER_ANCHORS.add(found);
    out.push(found);
  }
  // "The British estimate is more than 1,200", "the Ukrainian count stands at ...".
  for (const m of s.matchAll(
    /\b((?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){1,4})(?:estimate|count|tally|assessment|figure)\s+(?:is|was|has\s+been|had\s+been|stands\s+at|stood\s+at)\b/g,
  )) {
    const raw = (m[1] ?? '').trim();
    if (!/^(?:the\s+)?(?:The|This|That|Its|Their|Our|His|Her|Latest|New|Official)$/i.test(raw)) {
      out.push({ anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw, forwardOnly: true });
    }
  }
  const owned = documentSources(s, at);
  out.push(...citedSources(s, at));
  // "Per the MoD, ...", "..., per Reuters": "per" before a name, not a period ("per day").
  for (const m of s.matchAll(/(?:^|[,;(]\s*)[Pp]er\s+(?=(?:the\s+)?[A-Z])/g)) {
    const np = phraseAfter(s, (m.index ?? 0) + m[0].length, at);
    if (np) out.push({ anchor: at + (m.index ?? 0), end: np.end, raw: np.text, forwardOnly: false });
  }
  for (const m of s.matchAll(
    /\b(?:in|by)\s+((?:the\s+)?[A-Z][\w.'’ -]{0,60}?)['’]s?\s+(?:estimate|estimation|assessment|count|tally|calculation|reckoning|view|figures|data)\b/g,
  )) {
    out.push({ anchor: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, raw: m[1] ?? '', forwardOnly: false });
  }
  out.push(...courtHeard(s, at), ...placesFigure(s, at), ...colonLeadIn(s, at));
  VERBS.lastIndex = 0;
  for (let m = VERBS.exec(s); m; m = VERBS.exec(s)) {
    const found = verbAttribution(s, m.index, m[0], at);
    if (found && !out.some((o) => o.anchor <= at + m!.index && at + m!.index < o.end)) out.push(found);
  }
  // "X said ..., by its count": the possessive is the sentence's own subject; alone, it points to the sentence before.
  if (!out.length) out.push(...possessive);
  ownDocumentSubjects(out, owned, s, at);
  out.push(...owned);
  // A described publisher's span holds no other source ("figures" in "according to figures from the society's book").
  const described = out.filter((a) => DESCRIBED_PUBLISHER_ANCHORS.has(a));
  if (described.length)
    out.splice(0, out.length, ...out.filter((a) => described.includes(a) || !described.some((d) => d.anchor <= a.anchor && a.anchor < d.end)));
  // "Eleven confirmed cases have been admitted", "January's figure has been revised": no speakers (NOT_A_SOURCE).
  out.splice(0, out.length, ...out.filter((a) => !NOT_A_SOURCE.test(a.raw.trim())));
  out.sort((a, b) => a.anchor - b.anchor);
  // "The Pentagon has said it believes ...": the pronoun is the subject just named. "Our own review puts …": the speaker's.
  return out.map((a, i) => {
    const prev = out[i - 1];
    const owner = a.pronoun ? undefined : ownerOf(s, a, at);
    if (owner) return { ...a, raw: owner, pronoun: owner };
    if (!a.pronoun || !prev || prev.pronoun) return a;
    const gap = s.slice(prev.end - at, a.anchor - at);
    // "Party sources tell us they expect ...": the listener may stand between.
    return /^\s*(?:(?:us|me|reporters|journalists)\s+)?(?:that\s+)?(?:he|she|it|they|we)(?:\s+\w+){0,2}\s*$/i.test(gap)
      ? { ...a, raw: prev.raw, pronoun: undefined }
      : a;
  });
};

const verbAttribution = (s: string, index: number, verb: string, at: number): Attribution | undefined => {
  const beforeRaw = s.slice(0, index);
  const afterVerb = s.slice(index + verb.length);
  // "posted on X:", "posted on Telegram that": a post, not troops "posted to" a unit.
  if (
    verb === 'posted' &&
    !/^\s*(?:(?:on|to)\s+(?:X|Twitter|Telegram|Facebook|Instagram|social\s+media|(?:his|her|its|their)\s+\w+)\b|:)/.test(afterVerb)
  )
    return undefined;
  // "the ministry plans a deficit of 2.9%" credits the planner; "Russia plans to spend ..." tells an intention.
  if (/^plan/.test(verb) && /^\s+to\b/.test(afterVerb)) return undefined;
  // "officials had given a figure of 190,000", not "given the situation".
  if (
    /^(?:given|gave)$/.test(verb) &&
    !/^\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:\w+\s+)?(?:figure|estimate|number|total|tally|count|turnout|toll)\b/i.test(afterVerb)
  )
    return undefined;
  // "The department lowered its estimate for January": a revision of one's own figure credits the reviser.
  // "The coastguard raised the number of people rescued to 181": a count's keeper revising it credits the keeper too.
  if (
    /^(?:lowered|raised|cut|upgraded|downgraded|updated|corrected)$/.test(verb) &&
    !/^\s+(?:(?:its|their|his|her)\s+(?:\w+\s+)?(?:estimates?|forecasts?|figures?|projections?|guidance|counts?|tally|outlook)|the\s+(?:\w+\s+)?(?:number|toll|count|tally|estimate|total|figure)\s+(?:of|to)\b)/i.test(
      afterVerb,
    )
  )
    return undefined;
  if (
    /^(?:put|puts|putting)$/.test(verb) &&
    !/^\s+(?:\S+\s+){0,6}?(?:at(?!\s+risk\b)|on(?=\s+\d[\d.,]*\s*(?:%|per\s*cent))|the\s+(?:number|figure|total|toll|tally|estimate|count))\b/i.test(
      afterVerb,
    )
  )
    return undefined;
  // "figures show 1,770" credits the figures; "the video shows soldiers" needs a that-clause to report anything.
  const dataSubject = /^show/.test(verb) && /\b(?:figures|data|statistics|records|estimates|tally|images|footage|documents)\s*$/i.test(beforeRaw);
  // "Dr Farraday: Our data show …", "our own data suggests": one's own figures are the speaker's, credited as the rest is.
  if (/\b(?:our|my)\s+(?:own\s+)?(?:\w+\s+)?(?:data|figures|numbers|estimates?|count|analysis|research|survey|models?)\s*$/i.test(beforeRaw))
    return undefined;
  if (/^(?:added|adds|noted|notes|show|shows|showed)$/.test(verb) && !dataSubject && !/^\s*(?:that\b|[,:"“]|$|\.)/.test(afterVerb)) return undefined;
  // "put the toll at 300" reports what follows; "told reporters at the harbour", "said at a briefing" name a place.
  const forwardOnly =
    /^\s*(?:,\s*)?(?:(?:on|last|this)\s+\w+\s+|in\s+a\s+\w+\s+|\w+ly\s+)?(?:that\b|:)/i.test(afterVerb) ||
    /^\s+(?:\w+\s+){0,4}?(?:at(?!\s+(?:a|an|the|its|their|his|her)\b)|that)\b/.test(afterVerb);
  if (NOUN_LIKE.test(verb) && ADJECTIVAL_BEFORE.test(beforeRaw)) return undefined;
  // "Motor claims account for 40%", "Insurance claims rose 8%": the noun is the subject of the verb after it.
  if (NOUN_LIKE.test(verb) && NOUN_THEN_VERB.test(afterVerb)) return undefined;
  // "Briefing notes: ...", "Key findings:": a heading's label, not a one-word speaker and a verb.
  if (NOUN_LIKE.test(verb) && /^:/.test(afterVerb) && /^\s*[A-Z][a-z]+\s*$/.test(beforeRaw)) return undefined;
  if (PASSIVE_BEFORE.test(beforeRaw.replace(/\s+(?:also|now|widely|generally|previously|reportedly)\s*$/, ''))) {
    const by = /^\s+by\s+/.exec(afterVerb);
    const np = by ? phraseAfter(s, index + verb.length + by[0].length, at) : undefined;
    return np ? { anchor: at + index, end: np.end, raw: np.text, forwardOnly } : undefined;
  }
  // "Pyongyang, said Mr Rutte, has ..." / "..., said Ms Chevreuil."
  if (INVERTIBLE.test(verb) && /[,"”]\s*$/.test(beforeRaw)) {
    // "..., informed today the mayor Arben Hoxha.": a time may stand between the verb and the speaker.
    const np = phraseAfter(s, index + verb.length + (/^\s*(?:(?:today|yesterday|also|on\s+\w+day)\s+)?/i.exec(afterVerb)?.[0].length ?? 0), at);
    // The name ends the clause ("said Mr Rutte," / "said Ms Chevreuil."), unlike "said Russian casualties had ...".
    const ends = np && /^\s*(?:[,.;:!?"”)]|$)/.test(s.slice(np.end - at));
    // "..., says trade body Micromobility UK.", "said the charity Open Door": a described name ending the clause.
    const described = describedNameAfter(afterVerb);
    if (described) {
      const from = index + verb.length + described.offset;
      return { anchor: at + index, end: at + from + described.name.length, raw: described.name, forwardOnly: false };
    }
    const named = np && ends ? APPOSED_NAME.exec(s.slice(np.end - at)) : null;
    if (np && named?.[1] && /^(?:the|a|an)\s/i.test(np.text)) {
      const from = np.end - at + named[0].indexOf(named[1]);
      return { anchor: at + index, end: at + from + named[1].length, raw: named[1], forwardOnly: false };
    }
    // "said a senior U.S. defense official, speaking on condition of anonymity": a described person counts too.
    if (np && ends && (/^[A-Z]/.test(np.text.replace(/^(?:the|a|an)\s+/i, '')) || /\s[A-Z][\w'’-]+$/.test(np.text) || endsWithEntityNoun(np.text)))
      return { anchor: at + index, end: np.end, raw: np.text, forwardOnly: false };
    // "said a drone unit commander who gave only his call sign, Magyar.": the name closing the who-clause, else the described person.
    const who =
      /^\s+((?:a|an|the)\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,4}?)\s+(?:who|whose)\b[^.;:"”]*?(?:,\s*([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))?\s*(?:[.;]|$)/.exec(
        afterVerb,
      );
    if (who?.[1] && (who[2] || endsWithEntityNoun(who[1]))) {
      return { anchor: at + index, end: at + index + verb.length + who[0].length, raw: who[2] ?? who[1], forwardOnly: false };
    }
  }
  // "On Monday it raised that estimate, saying ...", "X disagreed, telling us ...": a participle after its clause speaks for its subject.
  if ((verb === 'saying' || verb === 'telling') && /,\s*$/.test(beforeRaw)) {
    const pronoun = /^(?:(?:On|In|Last|Earlier|Later|Then)\s+\w+\s+)?(it|they|he|she)\s/i.exec(beforeRaw)?.[1];
    const subject = pronoun ? undefined : sentenceSubject(s, at);
    if (pronoun) return { anchor: at + index, end: at + index + verb.length, raw: pronoun, pronoun: pronoun.toLowerCase(), forwardOnly };
    if (subject) return { anchor: at + index, end: at + index + verb.length, raw: subject.text, forwardOnly };
  }
  // Step back to X: "X, which tracked the war, estimates", "X (HUR) said", "X familiar with it said", "X in nearby Coldmere said", "X, 66, who …, said".
  const adverbs = beforeRaw.replace(BETWEEN_SUBJECT_AND_VERB, '');
  const unclaused = adverbs
    .replace(/(,\s*\d{1,3})?,\s*(?:which|who|whose)\b(?:[^,]|,(?=\d))*,\s*$/, (_, age?: string) => (age ? `${age},` : ''))
    // "Ivan, a 42-year-old who signed a contract in October, told": a described person with a relative clause.
    .replace(/,\s*(?:a|an)\s+[^,]{1,40}?\s(?:who|whose)\b[^,]*,\s*$/, '')
    // "Zelensky, speaking to CNN in Kyiv, said", "The report, presented on Monday, shows", "Inspira, polling for TVN, has".
    .replace(
      /,\s*(?:speaking|writing|talking|posting|addressing|appearing|responding|commenting|working|polling|for|presented|published|released|submitted|tabled|together|in\s+(?:a|an|its|his|her|their|partnership|cooperation|collaboration)\b)[^,]*,\s*$/,
      '',
    );
  const trimmed = unclaused
    .replace(/\s*\([^()]{1,30}\)\s*$/, ' ')
    .replace(
      /\s+(?:familiar\s+with|close\s+to|briefed\s+on|with\s+knowledge\s+of|speaking\s+on\s+condition\s+of|polled\s+by|surveyed\s+by|representing)\s+[^,]{1,40}$|(?<=\b(?:Hospital|Council|Police|Service|School|University|Trust|Agency))\s+in\s+(?:nearby\s+)?[A-Z][\w'’-]*\s*$/,
      '',
    );
  const citing = citedPhrase(s, trimmed, index, verb, at);
  // A comma right before the verb closes an appositive: "Samus, a defence analyst, told".
  const subjectEnd = citing ? citing.subjectEnd : trimmed.replace(/[\s,]+$/, '').length;
  const last = wordBefore(s, subjectEnd);
  // "I'd say", "we'd estimate": the pronoun without its auxiliary.
  const bare = last.replace(/['’](?:d|ll|ve|m|re)$/i, '');
  if (isPronoun(bare) && !citing) return { anchor: at + index, end: at + index + verb.length, raw: bare, pronoun: bare.toLowerCase(), forwardOnly };
  let subject = phraseBefore(s, subjectEnd, at);
  if (FORECAST.test(verb) && (!subject || subject.end < at + subjectEnd - 1)) return undefined;
  if (!subject && !citing) {
    // "western officials, for their part, say", "X, the Oslo-listed maker of ..., said": step over an aside or a description.
    const aside = /,\s*[^,]{1,40},\s*$/.exec(trimmed) ?? /,\s*(?:the|a|an)\s[^,]{1,100},\s*$/.exec(trimmed);
    if (aside) subject = phraseBefore(s, aside.index, at);
    // "A senior paramedic said": a sentence opening with an indefinite description of whoever speaks.
    const described = subject ? null : /^(?:An?)\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*$/.exec(trimmed.replace(/[\s,]+$/, ''));
    if (described) subject = { start: at, end: at + described[0].length, text: described[0] };
  }
  if (!subject && /\b(?:in|by|while|when|after)\s*$/i.test(trimmed)) subject = sentenceSubject(s, at);
  if (!subject) return undefined;
  if (/,\s*$/.test(trimmed) || unclaused !== adverbs) subject = appositiveName(s, subject, at) ?? subject;
  // "Southern Vale Water, the utility serving Kent and Sussex, said": a name inside the description is not the speaker.
  const description = /,\s*(?:the|a|an)\s+[a-z][^,]{0,80},\s*$/.exec(trimmed);
  if (description && subject.start - at > description.index) {
    const name = phraseBefore(s, description.index, at);
    if (name && /^(?:the\s+)?[A-Z]/.test(name.text)) subject = name;
  }
  const raw = citing ? `${subject.text} citing ${citing.cited.text}` : subject.text;
  // "A, as the ministry has suggested, B" covers A; "as Washington warned that B" covers B.
  const backwardOnly = !forwardOnly && /(?:^|,)\s*as\s*$/i.test(s.slice(0, subject.start - at));
  const boundBack = /\d[\d,.]*(?:%|\s*(?:per\s*cent|percent|[a-z]+))?\s+(?:that|which)\s+$/i.test(s.slice(0, subject.start - at));
  // "Operators reported 18.6 million trips, says trade body X": a bare plural opening the sentence counted; X tells it.
  const collective = /^[A-Z][a-z]+s$/.test(subject.text) && subject.start === at && /^report(?:ed|s)$/.test(verb);
  const data = DATA_VERB.test(verb) || collective ? { dataVerb: true } : {};
  return {
    anchor: at + index,
    end: at + index + verb.length,
    raw,
    forwardOnly,
    ...data,
    ...(backwardOnly ? { backwardOnly } : {}),
    ...(boundBack ? { boundBack } : {}),
  };
};
export { subjectOf } from './sentence-subject';
