import { figureIn } from '../../__fixtures__/find-figure';

// A story whose dated figures mostly hold on one date tells its other past-tense figures about that time (story-date.ts).
const story = [
  'On Thursday 22 October volunteers counted 412 people sleeping rough, up from 380.',
  'On Thursday 22 October the shelters held 512 beds, and on Thursday 22 October 94 people were turned away.',
  'On Thursday 22 October 61 families were in hotels, and on Thursday 22 October outreach teams made 212 contacts.',
  'The count was carried out by 112 volunteers across 38 zones.',
  'The council now spends £4.2 million a year on temporary housing.',
].join('\n\n');

describe("a story's date", () => {
  it('a past-tense figure with no date of its own takes the date most of the story holds on', () => {
    expect(figureIn(story, '112', { publishedAt: '2026-11-19' }).as_of).toBe('2026-10-22');
  });

  it('a figure told in the present ("now spends") holds as reported', () => {
    expect(figureIn(story, '£4.2 million', { publishedAt: '2026-11-19' }).as_of).toBe('2026-11-19');
  });

  it('fewer than six figures sharing a date make no story date', () => {
    const short = 'On Thursday 22 October volunteers counted 412 people sleeping rough.\n\nThe count was carried out by 112 volunteers.';
    expect(figureIn(short, '112', { publishedAt: '2026-11-19' }).as_of).toBe('2026-11-19');
  });
});
