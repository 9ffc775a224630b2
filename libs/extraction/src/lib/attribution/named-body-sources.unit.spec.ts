import { figureIn } from '../../__fixtures__/find-figure';

// Rules found by the held-out batch g129–g136 (scored before they were written; see libs/extraction/HELD-OUT.md).
const credit = (text: string, fragment: string, publishedAt = '2026-05-13') => {
  const f = figureIn(text, fragment, { publishedAt });
  return { source: f.source, basis: f.sourceBasis };
};

describe('bodies named with a place before their description', () => {
  it('"The Lucerne lake rescue service said" credits the whole name, not "service"', () => {
    const text = 'The Lucerne lake rescue service said 35 boats had been checked on Sunday.';
    expect(credit(text, '35').source).toBe('Lucerne lake rescue service');
  });

  it('"Kenya\'s tea regulator" is the body "the board" later means', () => {
    const text =
      "Kenya's tea regulator cut its forecast on Monday to 540,000 tonnes.\n\nAuction prices fell 4% in the week.\n\n" +
      'The board also confirmed that it had repaid a $300 million loan.';
    expect(credit(text, '$300 million')).toMatchObject({ source: "Kenya's tea regulator", basis: 'coreference' });
  });

  it('"according to figures released on Monday by X" credits X, and "the regulator" then means X', () => {
    const text =
      'Only 64.2% of trains ran on time in May, according to figures released on Monday by the Office of Rail Standards.\n\n' +
      'The regulator said 1,140 services were cancelled.';
    expect(credit(text, '64.2').source).toBe('Office of Rail Standards');
    expect(credit(text, '1,140')).toMatchObject({ source: 'Office of Rail Standards', basis: 'coreference' });
  });

  it('an acronym the text defines is the name it defines: "the Harbour Board of Velm (HBV) ... HBV published"', () => {
    const text =
      'The Harbour Board of Velm (HBV) opened a new quay on Friday.\n\n' +
      'According to the preliminary data which HBV published in October, the port expected 4.1 million tonnes.';
    expect(credit(text, '4.1').source).toBe('Harbour Board of Velm');
  });

  it('"said the director of X, Mr. Dragan Petrović." credits the name with its letters beyond ASCII', () => {
    const text = 'The ferries carried 91,000 passengers, said the director of Velm Ferries, Mr. Zoran Kovačić.';
    expect(credit(text, '91,000').source).toBe('Mr. Zoran Kovačić');
  });

  it('"the foundation" is a body: its own act is credited to the foundation named before', () => {
    const text =
      'The Lakeside Relief Foundation said the appeal had reached £900,000 on Friday.\n\nThe foundation has so far paid out £310,000 in grants.';
    expect(credit(text, '310,000')).toMatchObject({ source: 'Lakeside Relief Foundation', basis: 'coreference' });
  });

  it('"X disagreed, telling us N" credits X, as ", saying" does', () => {
    const text = 'The Chamber of Shipping disagreed, telling us its members had lost £42m in the strike.';
    expect(credit(text, '42m').source).toBe('Chamber of Shipping');
  });
});
