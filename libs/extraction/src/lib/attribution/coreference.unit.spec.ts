import { extractFigures } from '../extract-figures';
import { figureIn } from '../../__fixtures__/find-figure';
import { resolveDescription } from './coreference';

const credit = (text: string, fragment: string) => {
  const f = figureIn(text, fragment, { publishedAt: '2025-04-10' });
  return { source: f.source, basis: f.sourceBasis, chain: f.sourceChain };
};

describe('coreference of definite descriptions for attribution', () => {
  it('"the agency" means the last body named before it, with the chain in the output', () => {
    const text = 'Fire crews were stretched, the Forest Service said on Tuesday. The agency said 1,900 firefighters were on the line.';
    expect(credit(text, '1,900')).toEqual({ source: 'Forest Service', basis: 'coreference', chain: ['The agency', 'Forest Service'] });
  });

  it('"the sheriff" and "the commission" take the name holding their head word, however far back', () => {
    const sheriff =
      'Marion County Sheriff Dana Ruiz said roads were closed. Crews worked overnight. Rain fell again. The sheriff said 12 people were unaccounted for.';
    expect(credit(sheriff, '12').source).toBe('Marion County Sheriff Dana Ruiz');
    const commission = 'The National Electoral Commission published results on Monday. Turnout was 61.5 percent, the commission said.';
    expect(credit(commission, '61.5').source).toBe('National Electoral Commission');
  });

  it('"the company" and "the network operator" fit a utility\'s name, not the weather service named in between', () => {
    const text =
      'Western Power Networks said 8,000 homes were cut off. The Met Office said the wind would ease. Later the network operator said 2,500 were still off.';
    expect(credit(text, '2,500').source).toBe('Western Power Networks');
  });

  it('"it said" after a description resolves through it to the name', () => {
    const text =
      'Harbor Water said pipes burst in 14 districts. The utility said it had restored 600 connections. About 300 crews were out, it said.';
    expect(credit(text, '300')).toEqual({ source: 'Harbor Water', basis: 'coreference', chain: ['it', 'The utility', 'Harbor Water'] });
  });

  it('"a spokesperson for the company" speaks for the company named before', () => {
    const text = 'Northline Rail said 9 routes were shut. A spokesperson for the company said 140 trains had been cancelled.';
    expect(credit(text, '140').source).toBe('Northline Rail');
  });

  it('leaves a description with nothing compatible before it as written, and never takes a name for one', () => {
    expect(credit('The department said 45 roads were flooded.', '45')).toEqual({ source: 'department', basis: 'direct' });
    expect(credit('The Met Office said gusts reached 80mph.', '80mph')).toEqual({ source: 'Met Office', basis: 'direct' });
  });

  it("a person's title does not reach back to a body, and a body's noun not to a person", () => {
    expect(resolveDescription('the governor', [{ raw: 'Regional Health Agency', distance: 1 }])).toBeUndefined();
    expect(resolveDescription('the agency', [{ raw: 'Maria Lopez', distance: 1 }])).toBeUndefined();
    expect(
      resolveDescription('the agency', [
        { raw: 'Maria Lopez', distance: 1 },
        { raw: 'Census Bureau', distance: 2 },
      ])?.source,
    ).toBe('Census Bureau');
  });
});

describe('sources beyond "X said"', () => {
  it('forecasters and statisticians: "economists polled by X had expected", "the treasury forecast ... that", "statisticians revised"', () => {
    const text =
      'Output grew 0.5% in the quarter, the Statistics Bureau said. Economists polled by Reuters had expected 0.3%. ' +
      'The treasury forecast in its autumn statement that borrowing would fall to 2.8% of GDP.';
    expect(credit(text, '0.3').source).toBe('Economists');
    expect(credit(text, '2.8').source).toBe('treasury');
  });

  it('"an estimate by the catastrophe modelling firm X" credits X', () => {
    expect(credit('Insured losses could reach $3 billion, according to an estimate by the risk modelling firm Corelogic.', '$3 billion').source).toBe(
      'Corelogic',
    );
  });

  it('a paragraph goes on with what its source reported: "The ministry confirmed 900 cases. Of these, 120 ..."', () => {
    const text = 'The Health Ministry confirmed 900 cases on Monday. Of these, 120 patients were in hospital.\n\nSeparately, 40 schools closed.';
    expect(credit(text, '120')).toEqual({ source: 'Health Ministry', basis: 'carried' });
    expect(credit(text, '40').basis).toBe('article');
  });

  it('"according to the tracking site X" credits X, "a senior Western official" stays whole; "sources tell us they expect"', () => {
    expect(credit('By noon 900,000 homes were dark, according to the tracking site PowerWatch.', '900,000').source).toBe('PowerWatch');
    expect(credit('Recruits sign up at 1,000 a day, according to a senior Western official.', '1,000').source).toBe('senior Western official');
    expect(credit('Polls have closed. Party sources tell us they expect turnout below 45%.', '45').source).toBe('Party sources');
  });

  it('a plural noun with no article is not a description ("Insurers expect")', () => {
    const [f] = extractFigures('Insurers expect claims could reach £200m, the Association of Insurers said.');
    expect(f?.source).toBe('Insurers');
  });

  it('"A correction from the Land Registry: it says ..." means the body the sentence opens with, not the last speaker', () => {
    const text =
      'The minister, Ana Ruiz, said prices had risen 4% this year.\n\n' +
      '14.05 CET\nA correction from the Land Registry: it says 1,240 sales were recorded in March, not 1,420.';
    expect(credit(text, '1,240').source).toBe('Land Registry');
  });
});
