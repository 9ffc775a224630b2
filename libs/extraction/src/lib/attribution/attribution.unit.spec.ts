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

  it('"air force" heads a source phrase', () => {
    expect(sourceOf("Ukraine's air force said Russia had launched 84 attack drones overnight.", '84')).toBe("Ukraine's air force");
  });

  it('"X has said it believes": the pronoun is the subject just named', () => {
    const text = 'The official added nothing. The Pentagon has said it believes about 10,000 soldiers are in Kursk.';
    expect(sourceOf(text, '10,000')).toBe('Pentagon');
  });

  it('steps over a participial aside: "X, speaking to CNN, said"', () => {
    expect(sourceOf('Zelensky, speaking to CNN in Kyiv, said 700,000 Russian soldiers had been killed or wounded.', '700,000')).toBe('Zelensky');
    expect(sourceOf('The ministry, in its daily update, said 1,354 soldiers were lost.', '1,354')).toBe('ministry');
  });

  it('reads "said X" inverted only when the name ends the clause', () => {
    const text = "Britain's Ministry of Defence, in its daily intelligence update, said Russian casualties averaged 1,354 a day.";
    expect(sourceOf(text, '1,354')).toBe("Britain's Ministry of Defence");
  });

  it('"Per X" credits X', () => {
    expect(sourceOf('Per the MoD, total Russian losses stand at an estimated 700,000 troops.', '700,000')).toBe('MoD');
  });

  it('"X has described" credits X', () => {
    expect(sourceOf("Ukraine's military intelligence has described a 12,000-strong force.", '12,000')).toBe("Ukraine's military intelligence");
  });

  it('takes the name before an appositive that has adjectives', () => {
    const text = 'The Korea Institute for Defense Analyses, a state-funded think-tank in Seoul, estimates that Pyongyang earned $5.5bn.';
    expect(sourceOf(text, '$5.5bn')).toBe('Korea Institute for Defense Analyses');
  });

  it('steps over a relative clause that holds a number', () => {
    const text = 'Mediazona, the independent Russian outlet, which has confirmed 78,000 deaths by name, says the toll could be as high as 200,000.';
    expect(sourceOf(text, '200,000')).toBe('Mediazona');
  });

  it('"according to calculations by X" credits X', () => {
    expect(sourceOf('The deployment would bring in $264mn a year, according to calculations by the Financial Times.', '$264mn')).toBe(
      'Financial Times',
    );
  });

  it('", as X has suggested," covers what comes before it only', () => {
    const text =
      "If each soldier is paid $2,000 a month, as Seoul's defence ministry has suggested, the deployment brings in $264mn a year, according to the FT.";
    expect(sourceOf(text, '$2,000')).toBe("Seoul's defence ministry");
    expect(sourceOf(text, '$264mn')).toBe('FT');
  });

  it('"The British estimate is N" credits the estimate\'s owner', () => {
    expect(sourceOf('The British estimate is more than 1,200 a day.', '1,200')).toBe('British');
  });

  it('credits a transcript answer to the speaker label, and "we" to the speaker', () => {
    const text = [
      'Deputy Pentagon Press Secretary Sabrina Singh Holds a Press Briefing',
      '',
      'Q: How much is left?',
      '',
      'MS. SINGH: So we have about $4.3 billion remaining.',
      '',
      "Well, we've said that Russia has suffered over 600,000 casualties.",
    ].join('\n');
    expect(sourceOf(text, '$4.3 billion')).toBe('Deputy Pentagon Press Secretary Sabrina Singh');
    expect(sourceOf(text, '600,000')).toBe('Deputy Pentagon Press Secretary Sabrina Singh');
  });

  it('"This number includes ..." keeps the credit of the sentence before', () => {
    const text = 'Russia has lost 720,090 troops, the General Staff reported. This number includes 1,480 casualties suffered over the past day.';
    expect(sourceOf(text, '1,480')).toBe('General Staff');
  });

  it('a bare number pointing back ("28 others") shares the credit of the figure it refers to', () => {
    const text = 'Russia launched 96 drones overnight, the air force said. Air defences shot down 66 of them, while 28 others were lost.';
    expect(sourceOf(text, '66')).toBe('air force');
    expect(sourceOf(text, '28')).toBe('air force');
  });

  it('"figures show" credits the figures; "X think", "X publishes" credit X', () => {
    expect(sourceOf("Ukraine's figures show a record 1,770 casualties in a single day.", '1,770')).toBe("Ukraine's figures");
    expect(sourceOf('Western officials think recruitment runs at 25,000 soldiers a month.', '25,000')).toBe('Western officials');
    expect(sourceOf("Ukraine's General Staff publishes a daily tally of 696,810 casualties.", '696,810')).toBe("Ukraine's General Staff");
  });

  it('steps over "from last year" between subject and verb', () => {
    expect(sourceOf('A leaked Pentagon assessment from last year put the dead at 35,000 to 43,000.', '35,000')).toBe('Pentagon assessment');
  });

  it('"This was reported by X" credits the sentence before it', () => {
    const text =
      'Russian losses are estimated at approximately 719,330 personnel. This was reported by the General Staff on Facebook, Ukrinform reports.';
    expect(sourceOf(text, '719,330')).toBe('General Staff');
  });

  it('a list whose lead-in credits nobody keeps the source of the figures before it', () => {
    const text = [
      'Russia has lost 719,330 troops, the General Staff said.',
      '',
      'The Ukrainian Defense Forces have also destroyed:',
      '',
      'tanks – 9,318 (+10)',
      'MLRS – 1,253 (+2)',
    ].join('\n');
    expect(sourceOf(text, '9,318')).toBe('General Staff');
    expect(sourceOf(text, '1,253')).toBe('General Staff');
  });

  it('"imagery reviewed by X shows" credits X', () => {
    expect(sourceOf('Satellite imagery reviewed by The New York Times shows at least 43 visits by tankers.', '43')).toBe('New York Times');
  });

  it('"the outlet said" right after a named source means that source', () => {
    const text =
      'Mediazona estimated in July that around 120,000 soldiers had died. The true figure could be between 106,000 and 140,000, the outlet said.';
    expect(sourceOf(text, '106,000')).toBe('Mediazona');
  });

  it('"the ministry said" means the ministry named just before, not another source', () => {
    const text = "Russia's defence ministry said it took Kurakhivka. Zelensky said 3,000 troops held. The ministry said 330 soldiers were lost.";
    expect(sourceOf(text, '330')).toBe("Russia's defence ministry");
    expect(sourceOf('Zelensky said 3,000 troops held the line. The ministry said 330 soldiers were lost.', '330')).toBe('ministry');
  });

  it('"said a senior U.S. defense official, speaking on condition of anonymity": a described official after a quote', () => {
    const text = '"Russia absorbs 1,200 casualties a day," said a senior U.S. defense official, speaking on condition of anonymity.';
    expect(sourceOf(text, '1,200')).toBe('senior U.S. defense official');
  });

  it('"according to two people familiar with the figures" counts the people as the source', () => {
    expect(sourceOf('The Pentagon has about $6 billion left, according to two people familiar with the figures.', '$6 billion')).toBe('two people');
  });

  it('"according to an analysis of satellite imagery by X" credits the author, not the analysis', () => {
    const text = 'Russia has supplied more than 1 million barrels of oil, according to an analysis of satellite imagery by the Open Source Centre.';
    expect(sourceOf(text, '1 million')).toBe('Open Source Centre');
  });

  it('"Syrskyi, Ukraine\'s top commander, said" and "Cha, a scholar at the Center for ..., said" name the person', () => {
    expect(sourceOf("Syrskyi, Ukraine's top commander, said that Kyiv held about 800 sq km.", '800')).toBe('Syrskyi');
    const text =
      'Victor Cha, a Korea scholar at the Center for Strategic and International Studies, said the trade was big. He estimated that Pyongyang earns $20 million a month.';
    expect(sourceOf(text, '$20 million')).toBe('Victor Cha');
  });

  it('"the think tank said" means the think tank named just before', () => {
    const text =
      'According to the Institute for the Study of War (ISW), Russia has retaken half of it. The think tank said Ukrainian forces still held roughly 600 square kilometers.';
    expect(sourceOf(text, '600')).toBe('Institute for the Study of War');
  });

  it("a post on X quoted after a colon is the poster's", () => {
    const text = 'Foreign Minister Andrii Sybiha posted on X on Sunday: "The troops are in Kursk. 11,000 of them. The world must answer."';
    expect(sourceOf(text, '11,000')).toBe('Foreign Minister Andrii Sybiha');
    expect(sourceOf('Some 3,000 troops posted to the border moved on Friday, the ministry said.', '3,000')).toBe('ministry');
  });

  it('"we have confirmed" in the story\'s own voice is the article, not the heading above it', () => {
    expect(sourceOf('Kursk\n\nSince the incursion began, we have confirmed the deaths of 1,126 soldiers in the region.', '1,126')).toBe('article');
  });

  it.each(['affirmed', 'declared', 'stressed', 'documented'])('translated-sounding "X %s that ..."', (verb) => {
    expect(sourceOf(`The Ukrainian general staff ${verb} that Russia has lost close to 700,000 men.`, '700,000')).toBe('Ukrainian general staff');
  });

  it('"As per its latest update" goes back to the source just named', () => {
    const text =
      'The British Defense Ministry also sees losses rising. As per its latest intelligence update, daily casualties rose to 1,523 in November.';
    expect(sourceOf(text, '1,523')).toBe('British Defense Ministry');
  });

  it('"the same service" is whoever was credited just before', () => {
    const text =
      'According to Ukrainian military intelligence, some 11,000 soldiers are in Kursk. The same service had put the number at 7,000 a week earlier.';
    expect(sourceOf(text, '7,000')).toBe('Ukrainian military intelligence');
  });

  it("a quotation closed in its paragraph is its speaker's, not that of a speaker in the next paragraph", () => {
    const text =
      '"Some 10,000 soldiers are in Russia," Robert Wood told the council. "Of those, about 8,000 have moved to Kursk."\n\n"It is a lie," Mr. Nebenzia said.';
    expect(sourceOf(text, '8,000')).toBe('Robert Wood');
  });

  it('"said a drone unit commander who gave only his call sign, Magyar." names Magyar', () => {
    const text = '"They walk in groups," said a drone unit commander who gave only his call sign, Magyar. "We saw maybe 40 of them in one column."';
    expect(sourceOf(text, '40')).toBe('Magyar');
  });

  it('a newsletter\'s capitalised section labels ("THE LOAN:", "ESCALATION:") are not transcript speakers', () => {
    const text =
      'ESCALATION: NATO says 10,000 troops are in Russia.\n\nTHE LOAN: Ministers approve the €35 billion loan today.\n\nDRONES: Russia launched 80 drones.';
    expect(sourceOf(text, '€35 billion')).toBe('article');
    expect(sourceOf(text, '80')).toBe('article');
    // A transcript speaker with a title still speaks for the paragraph.
    expect(sourceOf('MS. SINGH: We assess that 10,000 troops are there.', '10,000')).toBe('Ms. Singh');
  });

  it('"officials had given a figure of 190,000" credits the officials', () => {
    expect(sourceOf('Russian officials had given a figure of 190,000 for the first half of the year.', '190,000')).toBe('Russian officials');
    expect(sourceOf('Given the losses, 190,000 recruits were needed.', '190,000')).toBe('article');
  });

  it('"Ivan, a 42-year-old who signed a contract in October, told Meduza" names Ivan', () => {
    expect(sourceOf('Ivan, a 42-year-old who signed a contract in Tver in October, told Meduza he received 2.5 million rubles.', '2.5 million')).toBe(
      'Ivan',
    );
  });

  it('"dead confirmed by name by X, that implies ..., Y estimates": the participle\'s agent credits only what it follows', () => {
    const text =
      'With more than 78,000 dead confirmed by name by Mediazona and the BBC, that implies payouts of over 900 billion rubles, Meduza estimates.';
    expect(sourceOf(text, '78,000')).toBe('Mediazona and the BBC');
    expect(sourceOf(text, '900 billion')).toBe('Meduza');
  });

  it('"by his estimate" alone points to the person the sentence before credited; with its own subject it is that subject\'s', () => {
    const text =
      'Kyrylo Budanov said in an interview that half the shells came from North Korea. Russia fires roughly 10,000 shells a day, by his estimate.';
    expect(sourceOf(text, '10,000')).toBe('Kyrylo Budanov');
    const own = 'Budanov spoke first. The UK Ministry of Defence said in its latest update that Russia has lost more than 700,000 men, by its count.';
    expect(sourceOf(own, '700,000')).toBe('UK Ministry of Defence');
  });

  it('"Royal United Services Institute (Rusi), a London-based think tank, estimate" names the institute with its acronym', () => {
    const text =
      'Analysts at the Royal United Services Institute (Rusi), a London-based think tank, estimate that the containers hold up to 6.7 million rounds.';
    expect(sourceOf(text, '6.7 million')).toBe('Royal United Services Institute (Rusi)');
  });
});
