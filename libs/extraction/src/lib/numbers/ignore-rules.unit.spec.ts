import { numberTexts } from '../../__fixtures__/find-figure';

// Each sentence holds exactly one real figure (500 troops) among numbers that are not figures.
describe('numbers that are not figures', () => {
  it.each([
    ['years', 'In 2024, as in 2022, Russia moved 500 troops east.'],
    ['a year range', 'The 1950-53 war ended; this year 500 troops rotated.'],
    ['a year as a modifier', "Russia's 2025 budget pays for 500 troops."],
    ['numeric dates', 'On 28/10/2024 and on 2024-10-29, 500 troops left.'],
    ['written dates', 'Between 18 October and October 28, 2024 about 500 troops moved.'],
    ['calibres', 'They brought 155mm, 152-mm and 122 mm shells for 500 troops.'],
    ['model names', 'K2 tanks, Su-34 jets, T-90M tanks, F-16s and KN-23 missiles support 500 troops.'],
    ['ordinals', 'The 3rd brigade and the 11th corps sent 500 troops in the fourth year of war.'],
    ['times', 'At 10:32 GMT, and again at 5pm, 500 troops crossed.'],
    ['ages', 'Kim Jong Un, 40, sent 500 troops; a 19-year-old and recruits aged 18 went too.'],
    ['durations with a half', 'In a war that has lasted more than two and a half years, 500 troops arrived.'],
    ['the youngest or oldest', 'Of the 500 troops who died, the youngest of them 18, the oldest was 59.'],
    ['how many sources vouch', 'A death counts only when at least two independent sources confirm it; 500 troops died.'],
    ['labels', 'Article 5 and Resolution 2270 do not cover the 500 troops.'],
    ['time references', 'Two years ago and 3 months later, 500 troops were still there.'],
    ['time windows', 'In the past 24 hours, 500 troops were moved.'],
    ['multipliers', 'That is 3 times the 500 troops seen before.'],
    ['decades', 'Unlike in the 1990s, 500 troops went.'],
    ['counts of sources', 'Two people familiar with the matter and three US officials said 500 troops left.'],
    ['page lists', 'The annex, on pages 12 and 13, lists 500 troops.'],
    ['wards and platforms', 'Ward 9 and Platform 3 were cleared as 500 troops arrived.'],
    ['citations', 'The paper (vol. 7, pp. 112-130) counts 500 troops.'],
    ['four-digit clock times', 'By 1430 GMT some 500 troops had crossed.'],
    ['phone numbers with a trunk code', 'Relatives can ring 01234 567890 for news of the 500 troops.'],
    ['numbers to call', 'Families should dial 999 or call the garrison on 101 before 500 troops leave.'],
    ['opening hours after a phone number', 'The helpline, 0300 123 4567 (24 hours), took calls about 500 troops.'],
    ['periods after a determiner', 'In its first 90 days, and over the 12 months to June, the unit lost 500 troops.'],
    ['a position in a sequence', 'The unit sent 500 troops, its largest draft in the past three.'],
    ['ranked periods', 'Four of the five wettest years on record came before 500 troops were sent.'],
    ['elapsed time', 'In a little under two weeks, and for the better part of six months, 500 troops moved.'],
    ['older years', 'The fort, built in 1784 and rebuilt in 1856, holds 500 troops.'],
    ['rate denominators and confidence levels', 'Counted per 10,000 residents, with a 90% confidence interval, 500 troops fell ill.'],
    ['rhetoric', 'That is 40 too many, the mayor said of the 500 troops.'],
    ['increments', 'Each additional 10 recruits, the study found, added nothing; 500 troops went.'],
    ['lists of days', 'On 3 and 4 May, 500 troops marched.'],
    ['ages in words and opening a sentence', 'At 23, she led 500 troops, and a four-year-old watched them.'],
    ['lower-case labels and a union local', 'A category 3 storm flooded level 2 of the depot, Teamsters Local 804 said; 500 troops helped.'],
    ['trial notation', 'By week 12, ACR 50 was reached (p<0.01) on 200 mg twice daily by 500 troops.'],
    ['time-zone offsets', 'All times are CET (UTC+1); 500 troops crossed at dawn.'],
    ['spaced and local phone numbers', 'To help, call the hotline on 131 444 or dial 555-0123; 500 troops are on standby.'],
    ['an international number in groups of any length', 'Families may call the hotline on +41 58463 20 777; 500 troops are searching.'],
    ['a break in a hearing', 'The panel will adjourn for 20 minutes, then hear from 500 troops.'],
    ['rooms and gates named mid-sentence', 'The prosecutor told Courtroom 3 on Tuesday that 500 troops had waited at Gate 12, by the hangar.'],
    ["a person's age told with no noun", "I'm 34, and still only 17 when I joined, at 19, the 500 troops (Colin is 78) were already here."],
    ['statistical levels', 'Some 500 troops (a 95 per cent confidence interval, with the reliability of 90 %) were counted.'],
    ['agenda items, policies and road kilometres', 'Agenda item 7, under Board Policy 6190: 500 troops passed kilometre 12 of the road.'],
    ['lengths that describe a thing', 'On a 19-kilometre circuit inside a 2-km radius, 500 troops trained.'],
    ['a journal citation and an age band', 'Ann Epidemiol 2026; 41(12): 1184-1197 finds 500 troops had under-16 tickets.'],
    ['lower-case numbered places', 'At station 57 by the main gate, 500 troops waited for stage 2 of the plan.'],
    ['Slavic street addresses', 'Write to Obala Kralja Vitomira 22, Split or Obrežna ulica 14, Vessna, about the 500 troops.'],
  ])('ignores %s', (_kind, text) => {
    expect(numberTexts(text)).toEqual([expect.stringContaining('500')]);
  });

  it('ignores page furniture: captions, timestamps, image counters, phone numbers and list markers', () => {
    const text = [
      'Photo: 3 soldiers at a 2023 parade',
      'Updated 10:32',
      '1 of 5',
      'Press line: +44 20 7946 0958',
      '1. About 500 troops arrived.',
    ].join('\n');
    expect(numberTexts(text)).toEqual(['About 500']);
  });

  // g65's still-missed class: the gold of earlier batches counts a bounded stay ("for at least 12 years") as a figure.
  it('keeps a bounded stay before a clause ("for at least 40 days before they were detected") and drops "three days before"', () => {
    const text = 'The intruders stayed for at least 40 days before they were found. Three days before the audit, the firm had 500 staff.';
    expect(numberTexts(text)).toEqual(['at least 40', '500']);
  });

  it('keeps a four-digit count that is not a year', () => {
    expect(numberTexts('The unit lost 1999 soldiers and 2000 troops.')).toEqual(['1999', '2000']);
  });

  it('keeps an older four-digit number that counts something', () => {
    expect(numberTexts('The flood reached 1500 homes in 1666.')).toEqual(['1500']);
  });

  it('keeps "12 in two raids": a count, not a proportion', () => {
    expect(numberTexts('Police arrested 12 in two raids on Friday.')).toEqual(['12', 'two']);
  });

  it('keeps a number after "call" that counts what follows it', () => {
    expect(numberTexts('The ministry may call up 300 reservists.')).toEqual(['300']);
  });

  it('keeps the second of a list of tallies after a name ("the Alliance has 39 and Heartland 25")', () => {
    expect(numberTexts('With 72 of 80 seats declared, the Alliance has 39 and Heartland 25, the commission said.')).toEqual(['72', '80', '39', '25']);
  });

  it('keeps percentages unless told not to', () => {
    expect(numberTexts('About 40% of the villages are empty.')).toEqual(['About 40']);
    expect(numberTexts('About 40% of the 500 troops and 25 per cent of officers are new.', { includePercentages: false })).toEqual(['500']);
  });

  it('counts "35 out of 51 drones" and reads "nine out of 10" as one share, not two counts', () => {
    expect(numberTexts('The air force said it intercepted 35 out of 51 drones launched.')).toEqual(['35', '51']);
    expect(numberTexts('Nine out of 10 drones are jammed, and one in five soldiers is a conscript.')).toEqual(['Nine out of 10', 'one in five']);
  });

  it('a live entry time, a frequency, a DOI, a bus route, a camel-case model and an age band are not figures, nor the months of "three years and two months"', () => {
    expect(numberTexts('09.41 GST\nThe port handled 500 containers, and at 14:05 AEST the ferry left.')).toEqual(['500']);
    expect(numberTexts('Valley 96.2 FM had 500 callers. See doi:10.1234/abc.2025.77 for the 40 samples.')).toEqual(['500', '40']);
    expect(numberTexts('Its route 14 and 22 buses carried 500 riders; the eBook 7 sold 800 copies.')).toEqual(['500', '800']);
    expect(numberTexts('The scheme took £500 from 12 savers aged between 68 and 90.')).toEqual(['£500', '12']);
    expect(numberTexts('In her 14 years as mayor, she opened 500 homes.')).toEqual(['500']);
    // (The sentence itself is a figure the story reports: annotators count "jailed for three years".)
    expect(numberTexts('He stole 500 bikes and was jailed for three years and two months.')).toEqual(['500', 'three']);
  });

  it('keeps rainfall in millimetres, which is no calibre', () => {
    expect(numberTexts('Ridgeway recorded 142mm in the 12 hours to 6am, and the hills could see between 200 and 300 millimetres.')).toEqual([
      '142mm',
      'between 200 and 300',
    ]);
    expect(numberTexts('The battery fired 152mm shells at 500 troops.')).toEqual(['500']);
  });
});
