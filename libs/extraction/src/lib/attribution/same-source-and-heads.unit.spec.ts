import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g89–g96 (scored before they were written; see the root README). Texts invented.
const source = (text: string, fragment: string): string | undefined => figureIn(text, fragment, { publishedAt: '2026-05-12' }).source;

describe('"according to the same source"', () => {
  it('goes on with the source of the figures before it, however they were credited', () => {
    const text = [
      'Lisbon, 12 May 2026 (Agencia Noticias).- Cork exports reached 2.1 million tonnes in April, according to data published by the National Cork Institute.',
      '',
      'Revenue from them grew 4.2%, informed the body in its monthly bulletin.',
      '',
      'The average price stood at 780 euros a tonne, according to the same source.',
    ].join('\n');
    expect(source(text, '780')).toBe('National Cork Institute');
  });
});

describe('a body named only by a description', () => {
  it('"The trust said" after "figures the hospital trust released" is the hospital trust', () => {
    const text = [
      'Waits at the county hospital rose sharply last month, according to figures the hospital trust released on Monday.',
      '',
      'The trust said 2,410 patients attended its emergency department in April.',
    ].join('\n');
    expect(source(text, '2,410')).toMatch(/hospital trust/);
  });

  it('"The society said" names the society as a speaker', () => {
    expect(source('The society said 640 members had renewed their subscriptions.', '640')).toMatch(/society/i);
  });
});

describe('a speaker behind a description', () => {
  it('"X, the Bergen-listed maker of …, said in a filing that" credits X', () => {
    const text =
      'Fjell Robotics, the Bergen-listed maker of warehouse-picking arms, said in a stock exchange filing that it would cut about 310 jobs.';
    expect(source(text, '310')).toBe('Fjell Robotics');
  });

  it('"A senior nurse, who asked not to be named because …, said" credits the described speaker', () => {
    const text =
      'A senior nurse, who asked not to be named because staff are not allowed to talk to reporters, said as many as 12 patients had waited overnight.';
    expect(source(text, '12')).toMatch(/senior nurse/);
  });

  it('"A local farmer said" credits the farmer', () => {
    expect(source('A local farmer said 40 sheep had been lost in the snow.', '40')).toMatch(/local farmer/);
  });
});

describe("a report's issuer named in full after a description", () => {
  const text = [
    'Youth club network runs record number of sessions',
    '',
    'A regional network of youth clubs ran 1,240 sessions in the year to March, according to its annual report published today.',
    '',
    'The Meadow Youth Club Network said 27% of the sessions were for under-12s.',
  ].join('\n');
  const figure = (fragment: string) => figureIn(text, fragment, { publishedAt: '2026-05-12' });

  it('"according to its annual report" credits the body the story is about', () => {
    expect(figure('1,240').source).toMatch(/network/i);
  });

  it("the issuer's full name goes on with the report's period (same head, another word in common)", () => {
    expect([figure('27').as_of, figure('27').datePrecision]).toEqual(['2026-03-01', 'month']);
  });
});
