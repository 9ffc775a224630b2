import type { SourceBasis } from '../types';
import { isHeaderLine, type Paragraph, type Sentence, type Span } from '../text/segment-text';
import { quotationAt, quotationsClosingIn } from '../text/quotations';
import { chooseAttribution } from './choose-attribution';
import { isDescription, resolveDescription } from './coreference';
import { commonWordTest, isPersonName, personNamedBefore } from './person-names';
import { ownActor } from './own-act';
import { subjectOf, type Attribution } from './find-attributions';
import type { Credit, CreditDocument } from './credit-document';
import { findIssuer, opinionAuthor } from './issuer-voice';
import { pollFinding, pollGoesOn, pollsterOf } from './poll-carry';
import { endsWithEntityNoun } from './noun-phrase';
import { countsItsSubject, creditedAfter, explanationOf } from './neighbour-credit';
import {
  BARE_DATA,
  CONTINUES_FIGURE,
  countLabels,
  declaredInitials,
  DESCRIPTION_LOOKBACK,
  interviewee,
  examinations,
  examinedAt,
  unlabelledTurns,
  introducedWindow,
  isListItem,
  KEEP_SPEAKER,
  labelledSpeaker,
  labelOf,
  itemCarries,
  LEAD_FROM,
  PARAGRAPH_LOOKBACK,
  PLURAL_HEAD,
  opensWithOwnActor,
  OWN_SUBJECT_PRONOUN,
  QUOTE_LOOKAHEAD,
  REPORTING,
  SAID,
} from './credit-patterns';

// "Corvalen Therapeutics published full results from LUMEN-B": a body publishing a document reports with it.
const PUBLISHES = /\s(?:published|released|issued|put\s+out)\s+(?:its|their|full|final|new|provisional|preliminary|interim|the)\s/;
// "The survey found 498 species": a document told by its common noun alone.
const DOCUMENT = /^(?:the\s+)?(?:(?:first|second|new|latest|annual|full)\s+)?(?:survey|study|report|review|census|analysis|count|audit)$/i;
// "Magistrates fined him £660": a bench acts, though its word is a common one.
const BENCHES = /^(?:Magistrates|Justices|Jurors|The\s+jury)$/;

/**
 * Who a figure is credited to, beyond its own sentence: pronouns ("it said"), speech running over several sentences, and list
 * items under a lead-in. Walk the sentences in order, calling `credit` for each figure and `finish` after each sentence.
 */
export const createCreditTracker = (doc: CreditDocument) => {
  const labelCounts = countLabels(doc.text, doc.paragraphs);
  let lastNamed: string | undefined;
  const namedSoFar: string[] = [];
  let paragraphSpeaker: string | undefined;
  // Where that speaker was named, so speech running on keeps the day it was said on.
  let speakerNamedAt: Credit['carriedFrom'];
  let leadIn: Sentence | undefined;
  let labelled: string | undefined;
  let lastCredit: string | undefined;
  let labelParagraph = -1;
  const issuer = findIssuer(doc.text, doc.sentences, doc.attributions);
  const author = opinionAuthor(doc.text);
  const [answerer, headings, initials] = [interviewee(doc.text), examinations(doc.text), declaredInitials(doc.text)];
  const turns = unlabelledTurns(doc.text, doc.paragraphs, answerer);
  const pollster = pollsterOf(doc.text);

  // A paragraph's transcript speaker: its label, or the last one while the answer runs on ("MINISTER X: Good morning." labels the answer below).
  const speakerOf = (sentence: Sentence): string | undefined => {
    if (labelParagraph === sentence.paragraph) return labelled;
    for (let j = labelParagraph + 1; j <= sentence.paragraph; j++) {
      const paragraph = doc.paragraphs[j] as Paragraph;
      const words = doc.text.slice(paragraph.start, paragraph.end);
      // "MARKETS LIVE: Coffee prices after the frost" in the header (no prose above it) is a headline's kicker, not a speaker.
      const found = isHeaderLine(doc.text, doc.paragraphs, j) ? undefined : (labelOf(words, initials, labelCounts) ?? turns.get(j));
      const speaker = labelledSpeaker(found, labelCounts, examinedAt(headings, paragraph.start, answerer));
      if (speaker !== KEEP_SPEAKER) labelled = speaker;
    }
    labelParagraph = sentence.paragraph;
    return labelled;
  };
  // "It said", "he added": whoever the previous sentence credited, else its subject, else the last source named.
  // "The department has offered 4%, which it says would cost ...": a pronoun in a relative clause is the sentence's own subject.
  // "it" never means a plural ("economists"), so it looks further back for a name that agrees.
  const antecedent = (sentence: Sentence, pronoun?: Attribution): string | undefined => {
    const singular = pronoun?.raw.toLowerCase() === 'it';
    // "it" is neither a plural ("economists"), a person ("Dr Ruth Okafor") nor a common noun opening a sentence ("Fuel").
    const agrees = (raw: string | undefined): raw is string =>
      raw !== undefined && !(singular && (PLURAL_HEAD.test(raw) || isPersonName(raw, doc.text) || commonWord(raw)));
    // "CityLink has revised the figure: it now says 151": after a colon or semicolon too; "the 1.3% it forecast".
    if (pronoun && OWN_SUBJECT_PRONOUN.test(doc.text.slice(sentence.start, pronoun.anchor))) {
      const own = subjectOf(sentence);
      if (agrees(own)) return own;
    }
    // "Your chair, Ann Bell, was on the show in May, and she told me": a person the sentence names before "she".
    if (pronoun && /^(?:he|she)$/i.test(pronoun.raw)) {
      const person = personNamedBefore(doc.text, sentence.start, pronoun.anchor);
      if (person) return person;
    }
    const previous = doc.sentences[sentence.index - 1];
    const credited = previous ? (doc.attributions[previous.index] ?? []).filter((a) => !a.pronoun).at(-1)?.raw : undefined;
    const subject = previous ? subjectOf(previous) : undefined;
    const opening = pronoun && LEAD_FROM.exec(doc.text.slice(sentence.start, pronoun.anchor))?.[1];
    return [opening || undefined, credited, subject].find(agrees) ?? namedSoFar.findLast(agrees) ?? lastNamed;
  };

  const carriedFrom = (sentence: Sentence): Credit['carriedFrom'] => {
    const previous = doc.sentences[sentence.index - 1];
    const said = previous && (doc.attributions[previous.index] ?? []).filter((a) => !a.pronoun).at(-1);
    return previous && said ? { sentence: previous, anchor: said.anchor } : undefined;
  };

  // Once per sentence, not once per figure looking back at it (a run-on text's long sentences made that its length per figure).
  const proseSentences = new Map<number, boolean>();
  const readsAsProse = (prior: Sentence): boolean => {
    let prose = proseSentences.get(prior.index);
    if (prose === undefined) {
      prose = /[.!?]["”’)]?$/.test(prior.text.trimEnd().slice(-2)) && prior.text.split(/\s+/, 6).length >= 6;
      proseSentences.set(prior.index, prose);
    }
    return prose;
  };

  // "Revenue fell ...", "Shares dropped ...": a one-word opener the text also writes in lower case is a common noun, no name.
  const commonWord = commonWordTest(doc.text);
  // "Passengers made 31.7 million journeys": a common noun the text also writes in lower case acts only if it names a body.
  // "She ordered him to pay £9,000": a pronoun acting is whoever "she said" would be.
  const bodyActor = (actor: string | undefined, sentence: Sentence): string | undefined =>
    actor && /^(?:He|She)$/.test(actor)
      ? antecedent(sentence)
      : actor && commonWord(actor) && !endsWithEntityNoun(actor) && !BENCHES.test(actor)
        ? undefined
        : actor;
  // "The agency said" after "Cal Fire said": the last compatible source named before (see coreference.ts).
  const definiteReferent = (sentence: Sentence, raw: string, anchor: number): string => {
    const named = (j: number): Attribution[] =>
      (doc.attributions[j] ?? []).filter((a) => !a.pronoun && a.anchor < anchor && !isDescription(a.raw, doc.text));
    // "The same service had put it at 7,000", "the same briefing put ...": whoever was credited just before, whatever noun named them.
    const same = /^(?:the\s+)?same\s/i;
    if (same.test(raw)) return named(sentence.index - 1).findLast((a) => !same.test(a.raw))?.raw ?? raw;
    if (!isDescription(raw, doc.text)) return raw;
    const earlier: { raw: string; distance: number }[] = [];
    for (let j = sentence.index; j >= Math.max(0, sentence.index - DESCRIPTION_LOOKBACK); j--) {
      // Descriptions too: "The trust said" after "figures the hospital trust released" is that longer description.
      for (const a of (doc.attributions[j] ?? []).filter((x) => !x.pronoun && x.anchor < anchor).reverse())
        earlier.push({ raw: a.raw, distance: sentence.index - j });
      // A body a sentence opens with names it too ("The National Electoral Commission published results").
      const prior = doc.sentences[j] as Sentence;
      const subject = j < sentence.index && readsAsProse(prior) ? subjectOf(prior) : undefined;
      if (subject && !isDescription(subject, doc.text) && !commonWord(subject)) earlier.push({ raw: subject, distance: sentence.index - j });
    }
    return resolveDescription(raw, earlier, undefined, introducedWindow(doc.text, anchor), doc.text)?.source ?? raw;
  };

  // The source an earlier sentence of the same paragraph reported with (outside quotations), nearest first.
  const paragraphSource = (sentence: Sentence): string | undefined => {
    const stop = Math.max(0, sentence.index - PARAGRAPH_LOOKBACK);
    for (let j = sentence.index - 1; j >= stop && (doc.sentences[j] as Sentence).paragraph === sentence.paragraph; j--) {
      const quotes = doc.quotes[sentence.paragraph] ?? [];
      const verb = (a: Attribution): string =>
        PUBLISHES.test(doc.text.slice(a.anchor, a.end)) ? 'published' : doc.text.slice(a.anchor, a.anchor + 12);
      const ownActor = opensWithOwnActor(sentence.text);
      // "..., it said in a filing. Bank details of ... were among the data taken.": a pronoun's "said" carries too.
      const said = (doc.attributions[j] ?? [])
        .filter((a) => !quotationAt(a.anchor, quotes) && (REPORTING.test(verb(a)) || (SAID.test(verb(a)) && !ownActor)))
        .at(-1);
      if (said && !said.pronoun) return said.raw;
      // "The company raised ..., it said": only the pronoun's own sentence subject, a body the text describes.
      const subject = said ? subjectOf(doc.sentences[j] as Sentence) : undefined;
      if (subject && /^it$/i.test(said?.pronoun ?? '') && isDescription(subject)) return subject;
    }
    return pollGoesOn(doc, sentence) ?? pollFinding(pollster, sentence);
  };

  const describedActor = (sentence: Sentence): string | undefined => {
    const subject = subjectOf(sentence);
    if (!subject || !isDescription(subject, doc.text)) return undefined;
    return definiteReferent(sentence, subject, sentence.start) !== subject ? subject : undefined;
  };

  const creditedBefore = (sentence: Sentence): string | undefined =>
    (doc.attributions[sentence.index - 1] ?? []).filter((a) => !a.pronoun).at(-1)?.raw;

  // The speaker named where a quotation closes, for speech that runs over several sentences.
  // A quotation closed within its paragraph is attributed there, not by a speaker in a later paragraph.
  const speakerAfterQuote = (from: number, closedIn?: number): Attribution | undefined => {
    for (let j = from; j < Math.min(doc.sentences.length, from + QUOTE_LOOKAHEAD); j++) {
      const sentence = doc.sentences[j] as Sentence;
      if (closedIn !== undefined && sentence.paragraph !== closedIn) break;
      const spans = doc.quotes[sentence.paragraph] ?? [];
      const closings = quotationsClosingIn(spans, sentence.start, sentence.end).map((q) => q.end);
      const found = (doc.attributions[j] ?? []).find(
        (a) => !quotationAt(a.anchor, spans) && closings.some((c) => c <= a.anchor && a.anchor - c < 40),
      );
      if (found) return found;
    }
    return undefined;
  };

  const credit = (sentence: Sentence, pos: number, clause: Span): Credit => {
    const quotes = doc.quotes[sentence.paragraph] ?? [];
    let attribution = chooseAttribution(doc.attributions[sentence.index] ?? [], pos, clause, quotes);
    // "Two companies disclosed job cuts": the figure counts its own subject, which cannot report it.
    if (attribution && !attribution.pronoun && countsItsSubject(doc.text.slice(pos, attribution.anchor), attribution.raw)) attribution = undefined;
    // "according to figures shown to councillors": data no one is named for credit whoever else the text gives them to.
    if (attribution && BARE_DATA.test(attribution.raw.trim())) attribution = undefined;
    const quote = quotationAt(pos, quotes);
    if (quote && (!attribution || quotationAt(attribution.anchor, quotes))) {
      attribution = speakerAfterQuote(sentence.index, quote.open ? undefined : sentence.paragraph) ?? attribution;
    }
    const paragraph = doc.paragraphs[sentence.paragraph] as Paragraph;
    const listed = !attribution && leadIn && isListItem(doc.text, paragraph) ? leadIn : undefined;
    if (listed) attribution = (doc.attributions[listed.index] ?? []).at(-1);
    // Figures credited only by the next sentence: "Russia has lost 719,330 troops. This was reported by the General Staff."
    if (!attribution && !quote) attribution = creditedAfter(doc, sentence);
    // "1. 2,340 vacancies. That is how many ..., according to X": a listicle item's figure is explained, and credited, after it.
    const explainedBy = !attribution && !quote && !listed ? explanationOf(doc, sentence) : undefined;
    if (explainedBy) attribution = (doc.attributions[explainedBy.index] ?? []).find((a) => !a.pronoun);
    // "The ministry confirmed 1,284 cases. Of these, 412 ...": a paragraph goes on with what its source reported.
    const carried = !attribution && !quote && !listed ? paragraphSource(sentence) : undefined;
    // "The company will impose a ban affecting 2.3 million customers": a described body's own act, told of it.
    // "Police made 11 arrests", "the Red Cross has distributed 1,200 bottles": a named body's own act or claim.
    const acted =
      !attribution && !quote && !listed && !carried
        ? (bodyActor(ownActor(sentence.text, pos - sentence.start), sentence) ?? describedActor(sentence))
        : undefined;
    // "Tarnway carried 912,400 passengers" in Tarnway Air's own release: the issuer, by its short name.
    const actor = acted && issuer?.toLowerCase().startsWith(acted.toLowerCase()) ? issuer : acted;
    const speaker = speakerOf(sentence);
    const firstPerson = attribution?.pronoun === 'we' || attribution?.pronoun === 'i';
    // "we have confirmed" in the story's own voice is the article; a speaker's "they" ("MR X: They put it at …") the speaker tells.
    const ownVoice = firstPerson && !speaker && !quote && !quotationAt(attribution?.anchor ?? -1, quotes);
    const raw = ownVoice
      ? author
      : speaker && (!attribution || firstPerson || attribution.pronoun === 'they')
        ? speaker
        : attribution?.pronoun
          ? antecedent(listed ?? sentence, listed ? undefined : attribution)
          : // Speech that goes on after its speaker was named: He added: "That number is 2,000."
            (attribution?.raw ??
            (quote
              ? paragraphSpeaker
              : !attribution && CONTINUES_FIGURE.test(sentence.text)
                ? creditedBefore(sentence)
                : listed
                  ? itemCarries(doc.text, paragraph)
                    ? lastCredit
                    : undefined
                  : (carried ?? actor)));
    const described = raw ? definiteReferent(sentence, raw, attribution?.anchor ?? pos) : raw;
    // "The survey found 498 species" in the university's own news page: a document no one else is named for is the issuer's.
    const referent = described && issuer && described === raw && DOCUMENT.test(raw) ? issuer : described;
    // A list whose lead-in credits nobody ("have also destroyed:") goes on with the source of the figures before it.
    if (referent) lastCredit = referent;
    const continuesSpeech = !attribution && quote !== undefined && paragraphSpeaker !== undefined && raw === paragraphSpeaker;
    const definite = attribution && !attribution.pronoun && referent !== raw;
    const from = (attribution?.pronoun || definite) && !listed ? carriedFrom(sentence) : continuesSpeech ? speakerNamedAt : undefined;
    const own = attribution !== undefined && !listed && (doc.attributions[sentence.index] ?? []).includes(attribution);
    const chain = [...new Set([attribution?.pronoun ? attribution.raw : undefined, raw, referent].filter((w): w is string => w !== undefined))];
    // A release's or briefing's own voice: what no one else says, its issuer does (not inside someone's quotation).
    if (!referent && issuer && !quote) return { basis: 'issuer', raw: issuer };
    const basis: SourceBasis = !referent
      ? 'article'
      : chain.length > 1
        ? 'coreference'
        : own || (speaker !== undefined && raw === speaker)
          ? 'direct'
          : 'carried';
    return {
      basis,
      ...(basis === 'coreference' ? { chain } : {}),
      ...(referent ? { raw: referent } : {}),
      ...(listed ? { leadIn: listed } : {}),
      ...(from ? { carriedFrom: from } : {}),
      ...(explainedBy ? { explainedBy } : {}),
    };
  };

  const finish = (sentence: Sentence): void => {
    const paragraph = doc.paragraphs[sentence.paragraph] as Paragraph;
    const quotes = doc.quotes[sentence.paragraph] ?? [];
    const outside = (doc.attributions[sentence.index] ?? []).filter((a) => !quotationAt(a.anchor, quotes));
    const latest = outside.filter((a) => !a.pronoun).at(-1);
    if (latest) {
      lastNamed = latest.raw;
      namedSoFar.push(latest.raw);
    }
    if (outside.length) {
      paragraphSpeaker = lastNamed;
      const said = outside.at(-1) as Attribution;
      speakerNamedAt = { sentence, anchor: said.anchor };
    }
    const lastInParagraph = sentence.end === paragraph.end;
    if (lastInParagraph) paragraphSpeaker = speakerNamedAt = undefined;
    // "Russia has lost:" introduces the list items that follow; any other paragraph ends the list.
    if (lastInParagraph) leadIn = /:\s*$/.test(sentence.text) ? sentence : isListItem(doc.text, paragraph) ? leadIn : undefined;
  };

  return { credit, finish, issuer };
};
