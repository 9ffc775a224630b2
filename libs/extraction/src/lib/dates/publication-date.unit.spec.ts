import { toIso } from './calendar';
import { findPublicationDate } from './publication-date';

const published = (text: string): string | undefined => {
  const date = findPublicationDate(text);
  return date && toIso(date);
};

describe('publication date from the article header', () => {
  it.each([
    ['Date: 28/10/2024\nWhere: Kyiv\n\nBody.', '2024-10-28'],
    ['Headline\nPublished: 6 November 2024\n\nBody.', '2024-11-06'],
    ['Headline\nPublished On 6 Nov 2024\n\nBody.', '2024-11-06'],
    ['Headline\nFri 1 Nov 2024 05.00 GMT\n\nBody.', '2024-11-01'],
    ['Headline\nBy Jane Doe, October 30, 2024\n\nBody.', '2024-10-30'],
    ['Headline\nPublished 2024-11-20\n\nBody.', '2024-11-20'],
    ['Headline\nUpdated 7 November 2024\nPublished 6 November 2024\n\nBody.', '2024-11-06'],
  ])('%j', (text, iso) => {
    expect(published(text)).toBe(iso);
  });

  it('ignores dates inside the story', () => {
    expect(published('Headline\n\nOn 28 October 2024, officials said 3,000 troops had arrived in the region.')).toBeUndefined();
  });
});
