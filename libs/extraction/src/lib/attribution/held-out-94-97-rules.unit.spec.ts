import { figureIn, numberTexts } from '../../__fixtures__/find-figure';

// Rules found by the held-out batches g817–g848 (held-out-94 to -97, scored once before them; see
// libs/extraction/HELD-OUT.md), fixed once g849–g880 had been written and scored. Every text here is invented.

describe("a transcript's speaker with a role in brackets", () => {
  const transcript = [
    'THE CHAIR: We turn to item 4. Mr Oduya, please.',
    'DANIEL ODUYA (Senior Transport Planner): The revised scheme has 236 parking spaces, down from 310.',
    'QUESTION (Mara Holt, Lenmouth Gazette): Is that enough for 480 homes?',
    'MARK (Eastgate): We counted 95 cars on the verge last week.',
  ].join('\n\n');

  it('is the name before the brackets ("DANIEL ODUYA (Senior Transport Planner):")', () => {
    expect(figureIn(transcript, '236')).toMatchObject({ source: 'Daniel Oduya', sourceBasis: 'direct' });
  });

  it('a label that is no full name ("QUESTION (…)", a caller\'s first name and place) names no speaker', () => {
    expect(figureIn(transcript, '480').source).not.toMatch(/question/i);
    expect(figureIn(transcript, '95').source).not.toMatch(/^mark$/i);
  });
});

describe("a body's periodic report", () => {
  it('"SURVEILLANCE: WEEKLY REPORT" under a letterhead speaks for the body', () => {
    const text = [
      'WESTMARCH HEALTH BOARD',
      'Health Protection Team',
      '',
      'RESPIRATORY SURVEILLANCE: WEEKLY REPORT',
      'Issued Thursday 3 December 2026',
      '',
      'There were 214 hospital admissions with confirmed influenza in week 48, up from 170 in week 47.',
    ].join('\n');
    expect(figureIn(text, '214')).toMatchObject({ source: 'Westmarch Health Board', sourceBasis: 'issuer' });
  });
});

describe('who says it', () => {
  it('"City hall says" is the city\'s administration', () => {
    expect(figureIn('City hall says collisions with injuries fell to 338 last year.', '338')).toMatchObject({
      source: 'City hall',
      sourceBasis: 'direct',
    });
  });

  it('a speaker with an age and a relative clause before the verb ("Brian Coyle, 66, who …, said")', () => {
    const text = 'Brian Coyle, 66, who first played for the club in 1975, said average crowds had fallen to 150.';
    expect(figureIn(text, '150')).toMatchObject({ source: 'Brian Coyle', sourceBasis: 'direct' });
  });

  it('a reflexive verb reports nothing ("Tavera confirms itself as the first region")', () => {
    const text = 'The region of Tavera confirms itself as first producing region, with 31.4% of the national production.';
    expect(figureIn(text, '31.4').source).toBe('article');
  });
});

describe('who acts and who ranks', () => {
  it('a superlative ranks a place, no one places a figure ("Northmarch had the highest rate, at 23.4%")', () => {
    const text = 'Northmarch had the highest rate of any region, at 23.4%, the department said.';
    expect(figureIn(text, '23.4').source).toBe('department');
  });

  it('"The organisers sold 2.6 million tickets": their own act', () => {
    expect(figureIn('The organisers sold 2.6 million tickets last summer.', '2.6 million').source).toBe('organisers');
  });

  it('"has just reported" and "X in nearby Coldmere said" credit the body', () => {
    const published = 'The Harrowfield Public Health Agency has just reported 58 new cases in the county.';
    expect(figureIn(published, '58').source).toBe('Harrowfield Public Health Agency');
    const located = "St Aldric's Hospital in nearby Coldmere said seven patients were being treated.";
    expect(figureIn(located, 'seven').source).toBe("St Aldric's Hospital");
  });
});

describe('what a number is', () => {
  it("a list of people with their ages ('Adaeze Okafor, 44; and Liam Dunmore, 37.') holds no figures", () => {
    expect(numberTexts('The defendants are Adaeze Okafor, 44; and Liam Dunmore, 37. They stole £2.4 million.')).toEqual(['£2.4 million']);
  });

  it("a sitting's clock ('adjourned for lunch at 12.31') is no figure", () => {
    expect(numberTexts('The court adjourned for lunch at 12.31. Jurors heard from 14 witnesses.')).toEqual(['14']);
  });

  it("a school year, a newsletter's issue and a count of an indictment are labels", () => {
    expect(numberTexts('Year 6 pupils raised £712 for the appeal.')).toEqual(['£712']);
    expect(numberTexts('Winter Newsletter - Issue 38\n\nWe rescued 412 animals this year.')).toEqual(['412']);
    expect(numberTexts('He was jailed for seven years on count 1.')).toEqual(['seven']);
  });
});
