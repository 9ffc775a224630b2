import { bounds, datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g249–g256 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2026-12-20' };

describe('dates a header states in other forms', () => {
  it('"Sitting date: 26-Nov-2026" dates a committee transcript', () => {
    expect(findPublicationDate('Public Accounts Committee\nOral evidence: Ferries\nSitting date: 26-Nov-2026\n\nQ1 Chair: Welcome.')).toEqual({
      y: 2026,
      m: 11,
      d: 26,
    });
  });

  it('"Published on 2nd December" takes the year of the index month its title names, the next one across a new year', () => {
    expect(findPublicationDate('Brickfield Rent Index - November 2026\n\nPublished on 2nd December | Brickfield Research\n\nRents rose.')).toEqual({
      y: 2026,
      m: 12,
      d: 2,
    });
    expect(findPublicationDate('Brickfield Rent Index - December 2026\n\nPublished on 6th January | Brickfield Research\n\nRents rose.')).toEqual({
      y: 2027,
      m: 1,
      d: 6,
    });
  });
});

describe('a live page headed by times alone', () => {
  const page =
    'harbourgazette.example/live/2026/03/14/storm-live\n\nLIVE: Storm reaches the coast\n\n' +
    '10.15pm\nThe coastguard says 40 boats have returned to harbour.\n\n' +
    '11.40pm\nThe power company says 2,100 homes are without power.\n\n' +
    '12.25am\nThe power company now says 5,600 homes are without power.\n\n' +
    '1.10am\nThe coastguard says 12 boats are still at sea.';

  it('an update after the headings pass midnight holds on the next day', () => {
    expect(datedIn(page, '5,600', NOT_AFTER)).toEqual(['2026-03-15', 'day']);
    expect(datedIn(page, '12', NOT_AFTER)[0]).toBe('2026-03-15');
  });

  it('an update before midnight keeps the publication day', () => {
    expect(datedIn(page, '2,100', NOT_AFTER)[0]).toBe('2026-03-14');
  });

  it('a page written newest first is read upwards from its first update at the foot', () => {
    const reversed =
      'harbourgazette.example/live/2026/03/14/storm-live\n\nLIVE: Storm\n\n1.10am\nThe coastguard says 12 boats are still at sea.\n\n' +
      '12.25am\nThe power company says 5,600 homes are without power.\n\n11.40pm\nThe power company says 2,100 homes are without power.\n\n' +
      '10.15pm\nThe coastguard says 40 boats have returned to harbour.';
    expect(datedIn(reversed, '5,600', NOT_AFTER)[0]).toBe('2026-03-15');
    expect(datedIn(reversed, '12', NOT_AFTER)[0]).toBe('2026-03-15');
    expect(datedIn(reversed, '2,100', NOT_AFTER)[0]).toBe('2026-03-14');
  });
});

describe("an index release in its issuer's voice", () => {
  const release =
    'Brickfield Rent Index - November 2026\n\nPublished on 2nd December | Brickfield Research\n\n' +
    "The average advertised rent rose by 0.8% in November to £1,412 a month, according to Brickfield's latest index. " +
    'Rents are 4.1% higher than a year ago.\n\n' +
    "The Central Bank's figures, published on Monday, show lenders approved 9,300 buy-to-let mortgages in October. " +
    "The Landlords' Council has the number at about 8,700 for the same month.";

  it("undated figures cover the index's month, and an unattributed one is the issuer's", () => {
    expect(datedIn(release, '1,412', NOT_AFTER)).toEqual(['2026-11-01', 'month']);
    expect(figureIn(release, '4.1', NOT_AFTER).source).toBe('Brickfield');
  });

  it('"X\'s figures, published on Monday, show" and "X has the number at" credit X', () => {
    expect(figureIn(release, '9,300', NOT_AFTER).source).toBe('Central Bank');
    expect(figureIn(release, '8,700', NOT_AFTER).source).toMatch(/Landlords' Council/);
  });

  it("a letterhead with a comma in it names the situation update's issuer", () => {
    const update =
      'MINISTRY OF FISHERIES, PORTS AND COASTS\nDirectorate for Marine Safety\n\nSituation update no. 4 regarding the oil spill\nIssued in Porvena, 3.XII.2026\n\n' +
      'Since the spill, in total 14 kilometres of shoreline were cleaned by the crews.';
    expect(figureIn(update, '14', NOT_AFTER).source).toBe('Ministry of Fisheries, Ports and Coasts');
  });
});

describe("a witness's answer in a transcript", () => {
  const transcript =
    'Transport Committee\nSitting date: 12-Nov-2026\n\n' +
    'Q7 Chair: The scheme opened in March 2025. How many passes have you issued?\n\n' +
    'Ms Okafor: As of the end of October we had received 21,400 applications. Of those, 18,950 passes have been issued.\n\n' +
    'Q8 Chair: And how long do they take?\n\nMs Okafor: Our data show an average of about nine days.';

  it("keeps the answer's own date for its later sentences over the question's", () => {
    expect(datedIn(transcript, '18,950', NOT_AFTER)).toEqual(['2026-10-31', 'day']);
  });

  it('"Our data show" credits the speaker, not "data"', () => {
    expect(figureIn(transcript, 'nine', NOT_AFTER).source).toMatch(/Okafor/);
  });
});

describe('proportions and things that only look like counts', () => {
  it('"one in four", "three in ten" and "nine out of 10" are percentages', () => {
    const text = 'About one in four listings has been cut, the portal said. Three in ten agents say so, and nine out of 10 buyers agree.';
    expect(bounds(figureIn(text, 'one in four'))).toEqual({ value: 25, qualifier: 'approximately' });
    expect(figureIn(text, 'Three in ten').unit).toBe('percent');
    expect(figureIn(text, 'nine out of 10').value).toBe(90);
  });

  it('an age group, a kind of home, a phone line in groups and a newsletter round are not figures', () => {
    expect(numberTexts('Buyers in the 25 to 34 age group made 640 offers, the agency said.')).toEqual(['640']);
    expect(numberTexts('First-time buyer homes - typically two-bedroom flats - cost £212,000, the agency said.')).toEqual(['£212,000']);
    expect(numberTexts('Call the free telephone line 0800 112 45 to report 30 dead birds, the ministry said.')).toEqual(['30']);
    expect(numberTexts('Subject: The Bulletin #88: a sponsor for Round 18\n\nThe league sold 4,100 tickets, it said.')).toEqual(['4,100']);
  });
});
