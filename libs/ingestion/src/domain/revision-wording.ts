/**
 * Whether a sentence says a figure corrects or revises an earlier one
 * ("revised its estimate", "corrected the figure", "a downward revision").
 * Plain later figures ("now says 3,000") are updates, not revisions, so words
 * like "now" or "updated" do not count, nor does the adjective "correct".
 */
const REVISION = /\b(?:revis(?:e|ed|es|ing|ion|ions)|correct(?:ed|s|ing|ion|ions)|amend(?:ed|s|ing|ment)|restat(?:ed|es|ing|ement))\b/i;

export const saysRevised = (sentence: string): boolean => REVISION.test(sentence);
