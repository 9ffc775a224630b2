import { datedIn, figureIn, numberTexts } from '../../__fixtures__/find-figure';
import { findPublicationDate } from '../dates/publication-date';

// Rules found by the held-out batch g273–g280 (scored once before them, 7 Dec; see libs/extraction/HELD-OUT.md).
// Every text here is invented.

const NOT_AFTER = { notAfter: '2027-12-31' };

describe('who gives a figure', () => {
  it("initials in a radio transcript's labels stand for the names its header gives; the programme's presenter asks", () => {
    const text =
      'RADIO HOLM - MORNINGS with Petra Lund\nTranscript: interview with Flood Warden Oskar Brandt, Holm River Authority\n' +
      'Broadcast: Friday 26 February 2027, 07:42\n\nPL: How many homes are flooded?\n\nOB: As of last night we count 412 homes flooded.';
    expect(figureIn(text, '412', NOT_AFTER).source).toBe('Oskar Brandt');
  });

  it('"News | University of Northbridge" over an item: the body\'s own news page speaks for it', () => {
    const text =
      'News | University of Kelstow\n\nStudents worry about money, survey finds\n\nThe survey was completed by 1,900 students.\n\n' +
      '- 58% of respondents said they worried about money.\n\nPublished: Tuesday 27 April 2027';
    expect(figureIn(text, '58', NOT_AFTER).source).toBe('University of Kelstow');
  });
});

describe('when a figure holds', () => {
  it('a live page with no header date takes the day its lead names, and its time headings past midnight the next', () => {
    const page =
      'Harbour Run 2027 - as it happened\n\nOur live coverage began on the eve of the race, Saturday 17 April, and ran through race day. Oldest updates first.\n\n' +
      '21:30\nOrganisers say 31,000 runners have registered.\n\n23:50\nThe council says 40 roads will close.\n\n' +
      '08:10\nOrganisers say 29,450 runners crossed the start line.';
    expect(findPublicationDate(page, { y: 2027, m: 12, d: 31 })).toEqual({ y: 2027, m: 4, d: 17 });
    expect(datedIn(page, '29,450', NOT_AFTER)[0]).toBe('2027-04-18');
  });

  it('"accounts for the year to 30 June 2026" in the lead dates the undated figures by the year\'s last month', () => {
    const text = "Kelham Rovers' accounts for the year to 30 June 2026 were filed on Friday.\n\nTurnover rose to £21.4m, the accounts show.";
    expect(datedIn(text, '21.4', NOT_AFTER)).toEqual(['2026-06-01', 'month']);
  });

  it('"in comparison with the third quarter of 2025" is the base, not the period of the change', () => {
    const text =
      'Published: 13.11.2026\n\nIn the third quarter of 2026, industrial production increased by 2.4% in comparison with the third quarter of 2025, the office said.';
    expect(datedIn(text, '2.4', NOT_AFTER)).toEqual(['2026-09-01', 'month']);
  });
});

describe('shares and labels', () => {
  it('"four out of five" in words is a share, "35 out of 51" two counts', () => {
    expect(figureIn('Four out of five of the crews are volunteers, the chief said.', 'out of five').value).toBe(80);
    expect(numberTexts('The air force said it intercepted 35 out of 51 drones.')).toEqual(['35', '51']);
  });

  it('a number to call, an index base, an age-group breakdown, a mile marker and a note are not figures', () => {
    expect(numberTexts('Passengers should call Ferrylink on 0771 44 20 00; 212 sailings were cancelled, it said.')).toEqual(['212']);
    expect(numberTexts('The index of production (2021=100) rose 2.4%, the office said.')).toEqual(['2.4']);
    expect(numberTexts('The report, with breakdowns by age group (18-20, 21-24, 25 and over), covers 2,416 students.')).toEqual(['2,416']);
    expect(numberTexts('She broke clear at Mile 20 and won by 41 seconds, organisers said.')).toEqual(['41']);
    expect(numberTexts('Note 23 on page 31 explains the £4.1m charge, the club said.')).toEqual(['£4.1m']);
  });
});
