import { cleanSourceName, jointParts, normaliseSourceName, originOf, resolveSourceName, SourceIndex } from './source-names';

const catalog = new SourceIndex([
  {
    sourceId: 'ua-hur',
    name: 'Ukrainian military intelligence (HUR)',
    aliases: ['HUR', "Ukraine's military intelligence", 'Ukrainian intelligence'],
  },
  { sourceId: 'us-intelligence', name: 'US intelligence', aliases: ['American intelligence'] },
  { sourceId: 'kr-nis', name: 'South Korean National Intelligence Service', aliases: ['NIS', 'South Korean intelligence'] },
  { sourceId: 'us-state-department', name: 'US State Department', aliases: ['Antony Blinken'] },
  { sourceId: 'uk-mod', name: 'UK Ministry of Defence', aliases: ['British Ministry of Defence'] },
]);

describe('source names', () => {
  it('normalises spelling noise only', () => {
    expect(normaliseSourceName('Ukraine’s Military Intelligence')).toBe('ukraine military intelligence');
    expect(normaliseSourceName('The U.S. intelligence services')).toBe('us intelligence');
    expect(normaliseSourceName('Agência Brasil')).toBe('agencia brasil');
  });

  it.each([
    ['HUR', ['ua-hur']],
    ["Ukraine's military intelligence", ['ua-hur']],
    ['Ukrainian intelligence', ['ua-hur']],
    ['ua-hur', ['ua-hur']],
    ['the British ministry of defence', ['uk-mod']],
    ['U.S. intelligence reports', ['us-intelligence']],
    ['US Secretary of State Antony Blinken citing US intelligence reports', ['us-intelligence']],
    ['Antony Blinken, citing unnamed officials', ['us-state-department']],
    ['US and South Korean intelligence', ['us-intelligence', 'kr-nis']],
    ['Ukrainian and US intelligence services', ['ua-hur', 'us-intelligence']],
    ['US Secretary of State Antony Blinken', ['us-state-department']],
    ['Baltic Defence Observatory', []],
    // A joint attribution with an unknown part is left for a person to sort out (created whole, for review).
    ['US and Lithuanian intelligence', []],
  ])('%s → %j', (name, ids) => {
    expect(resolveSourceName(name, catalog)).toEqual(ids);
  });

  it('spreads a shared noun over joint attributions', () => {
    expect(jointParts('US and South Korean intelligence')).toEqual(['US intelligence', 'South Korean intelligence']);
    expect(jointParts('Dutch intelligence, the US and South Korea')).toEqual(['Dutch intelligence', 'the US', 'South Korea']);
    expect(jointParts('NATO')).toEqual(['NATO']);
  });

  it('names a new source after the origin of the claim', () => {
    expect(cleanSourceName('  the Baltic Defence Observatory. ')).toBe('Baltic Defence Observatory');
    expect(originOf('a spokesman, citing the Baltic Defence Observatory')).toBe('Baltic Defence Observatory');
  });
});
