import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';

const sourceOf = (text: string, fragment: string): string => figureIn(text, fragment).source;

describe('attribution', () => {
  it('"according to X", before or after the figure', () => {
    expect(sourceOf('According to the UK Ministry of Defence, Russia loses 1,200 soldiers a day.', '1,200')).toBe('UK Ministry of Defence');
    expect(sourceOf("Losses reached 40,000 troops in October, according to Estonia's military intelligence service.", '40,000')).toBe(
      "Estonia's military intelligence service",
    );
  });

  it.each(['said', 'says', 'claims', 'claimed', 'estimates', 'estimated', 'reported', 'believes', 'confirmed'])('"X %s ..."', (verb) => {
    expect(sourceOf(`Ukraine's defence intelligence ${verb} that 11,000 soldiers are in Kursk.`, '11,000')).toBe("Ukraine's defence intelligence");
  });

  it('"X have now claimed": auxiliaries and adverbs between subject and verb', () => {
    expect(sourceOf('US and South Korean intelligence have now claimed there are 3,000 troops in Russia.', '3,000')).toBe(
      'US and South Korean intelligence',
    );
    expect(sourceOf('The Pentagon on Monday said 10,000 soldiers had arrived.', '10,000')).toBe('Pentagon');
  });

  it('"X said" after the figure', () => {
    expect(sourceOf('About 10,000 soldiers are in Russia, the Pentagon said.', '10,000')).toBe('Pentagon');
  });

  it('"..., said X" inverted, also mid-sentence', () => {
    expect(sourceOf('Pyongyang, said Mr Lee, has sent 2,000 more soldiers.', '2,000')).toBe('Mr Lee');
    expect(sourceOf('"We count 2,000 soldiers," said Ms Park.', '2,000')).toBe('Ms Park');
  });

  it('"X, citing Y, said" reports both', () => {
    const f = figureIn('The foreign minister, citing intelligence reports, said on Friday that 8,000 soldiers had moved.', '8,000');
    expect(f.source).toBe('foreign minister citing intelligence reports');
    expect(sourceOf('Bloomberg reported, citing budget documents, that 4,000 recruits joined.', '4,000')).toBe('Bloomberg citing budget documents');
  });

  it('"Y\'s intelligence" as a subject', () => {
    expect(sourceOf("Kyiv's intelligence puts the number at 12,000 troops.", '12,000')).toBe("Kyiv's intelligence");
  });

  it('passive "reported by X"; passive without an agent is the article', () => {
    expect(sourceOf('A toll of 300 dead was reported by regional officials.', '300')).toBe('regional officials');
    expect(sourceOf('North Korea is believed to have sent 10,000 troops.', '10,000')).toBe('article');
  });

  it('a sentence subject that asserts, also through "joined ... in confirming"', () => {
    expect(sourceOf('On 25/10/2024, the Dutch military intelligence joined Poland in confirming that up to 1,500 troops were sent.', '1,500')).toBe(
      'Dutch military intelligence',
    );
  });

  it('nobody credited: the article', () => {
    expect(sourceOf('North Korea currently has 1.3 million active soldiers.', '1.3 million')).toBe('article');
    expect(sourceOf('An estimated 600,000 troops have been killed or wounded.', '600,000')).toBe('article');
  });

  it('carries the attribution to later clauses of the same sentence', () => {
    const text = 'Ukraine says 11,000 soldiers are in Kursk and that 3,000 more are training; 200 have already been wounded.';
    expect(extractFigures(text).map((f) => f.source)).toEqual(['Ukraine', 'Ukraine', 'Ukraine']);
  });

  it('two figures and two sources in one long sentence', () => {
    const text =
      'The British defence ministry, which has tracked the war closely, estimates that Russia is losing about 1,200 soldiers a day, while Ukrainian commanders, who publish daily tallies, claimed on Sunday that the true figure was closer to 1,600.';
    const [a, b] = extractFigures(text);
    expect([a?.source, a?.value]).toEqual(['British defence ministry', 1200]);
    expect([b?.source, b?.value]).toEqual(['Ukrainian commanders', 1600]);
  });

  it('steps over relative clauses, asides, bracketed acronyms and "familiar with the matter"', () => {
    expect(sourceOf('The defence ministry, which tracks the war, said 900 soldiers died.', '900')).toBe('defence ministry');
    expect(sourceOf('Western officials, for their part, say the figure is 900 soldiers.', '900')).toBe('Western officials');
    expect(sourceOf("Ukraine's military intelligence agency (HUR) said 900 soldiers arrived.", '900')).toBe("Ukraine's military intelligence agency");
    expect(sourceOf('Two people familiar with the matter said 900 soldiers arrived.', '900')).toBe('people');
  });

  it('names the person, not the appositive', () => {
    expect(sourceOf('"We see 5,000 soldiers," Ivan Petrenko, a Ukrainian defence analyst, told reporters.', '5,000')).toBe('Ivan Petrenko');
  });

  it('resolves "Mr X" to the full name used earlier', () => {
    const text = 'Defence Secretary John Smith visited Seoul.\n\nThe North has 7,000 soldiers in Russia, said Mr Smith.';
    const f = figureIn(text, '7,000');
    expect([f.source, f.sourceText]).toEqual(['Defence Secretary John Smith', 'Mr Smith']);
  });

  it('resolves pronouns to the last named source', () => {
    const text = 'The defence ministry briefed lawmakers on Tuesday. It said 4,000 soldiers had been moved.';
    expect(sourceOf(text, '4,000')).toBe('defence ministry');
  });

  it('finds the speaker of a quote that runs over several sentences and paragraphs', () => {
    const text = '"They have at least 2,000 soldiers near the river. More are coming.\n\n"It is a serious escalation," said General Ivan Koval.';
    expect(sourceOf(text, '2,000')).toBe('General Ivan Koval');
  });

  it('ignores speech verbs inside quotation marks', () => {
    const text = 'Colonel Maria Bondar said: "Moscow said nothing, but we count 900 soldiers."';
    expect(sourceOf(text, '900')).toBe('Colonel Maria Bondar');
  });

  it('spells out a bare country acronym', () => {
    expect(sourceOf('The U.S. believes about 10,000 soldiers are in Russia.', '10,000')).toBe('United States');
    expect(sourceOf('US intelligence believes about 10,000 soldiers are in Russia.', '10,000')).toBe('US intelligence');
  });

  it('returns the canonical name for a configured alias and keeps the raw text', () => {
    const f = figureIn('The British ministry of defence estimates 30,000 casualties a month.', '30,000', {
      sources: [{ name: 'UK Ministry of Defence', aliases: ['British ministry of defence', 'UK MoD'] }],
    });
    expect([f.source, f.sourceText]).toEqual(['UK Ministry of Defence', 'The British ministry of defence']);
  });
});
