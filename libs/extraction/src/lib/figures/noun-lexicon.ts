import type { Unit } from '../types';

/** A quantity noun (possibly several words) and the unit it implies. Longer phrases come first. */
export interface NounEntry {
  re: RegExp;
  unit: Unit;
  /** Personnel words that mean casualties once "killed"/"wounded" is near. */
  personnel?: boolean;
  /** Demonym plurals ("North Koreans"): troops in military context, else people. */
  demonym?: boolean;
}

// The core lexicon names quantities of news in general (people affected, cases, structures, area, money,
// outages, votes, seats, jobs); what they measure for a topic is the metric catalog's business, not this file's.

const entry = (source: string, unit: Unit, extra: Partial<NounEntry> = {}): NounEntry => ({
  re: new RegExp(String.raw`(?:${source})(?![\w-])`, 'iy'),
  unit,
  ...extra,
});

export const NOUN_LEXICON: NounEntry[] = [
  entry(String.raw`(?:killed|dead)\s+(?:and|or|&)\s+(?:wounded|injured)|(?:wounded|injured)\s+(?:and|or|&)\s+(?:killed|dead)`, 'people'),
  entry(String.raw`prisoners of war`, 'people'),
  entry(String.raw`(?:sq\.?|square)\s*(?:kilomet(?:re|er)s?|kms?)|km2|km²|sq\s?km`, 'km2'),
  entry(String.raw`(?:sq\.?|square)\s*miles?`, 'mi2'),
  entry(String.raw`hectares?`, 'hectares'),
  entry(String.raw`acres?`, 'acres'),
  entry(String.raw`(?:miles per hour|mph)`, 'mph'),
  entry(String.raw`(?:kilomet(?:re|er)s per hour|km/h|kph)`, 'kmh'),
  entry(String.raw`kilomet(?:re|er)s?|kms?`, 'km'),
  entry(String.raw`miles?`, 'miles'),
  entry(String.raw`met(?:re|er)s`, 'm'),
  entry(String.raw`(?:US |American )?dollars?`, 'usd'),
  entry(String.raw`roubles?|rubles?`, 'rub'),
  entry(String.raw`euros?`, 'eur'),
  entry(String.raw`pounds sterling`, 'gbp'),
  entry(String.raw`(?:South Korean )?won`, 'krw'),
  entry(String.raw`yuan`, 'cny'),
  entry(String.raw`hryvnias?|hryvnia`, 'uah'),
  entry(String.raw`(?:metric )?(?:tonnes|tons)`, 'tonnes'),
  entry(String.raw`per\s?cent|percent|percentage\s+points?`, 'percent'),
  entry(
    String.raw`service ?members|servicemen|servicemembers|military personnel|special forces|troops|troop|soldiers|soldier|personnel|fighters|combatants|infantrymen|infantry|commandos|marines|paratroopers|mercenaries|conscripts|reservists|recruits|volunteers|officers|generals|sappers|snipers|men`,
    'troops',
    { personnel: true },
  ),
  // Any nationality's plural ("North Koreans", "Pakistanis", "Chinese nationals" is a noun phrase of its own).
  {
    re: /(?:(?:North|South|East|West|New)\s)?[A-Z][a-z]+(?:ians|ans|eans|ens|is|ese)(?![\w-])/y,
    unit: 'people',
    demonym: true,
  },
  entry(
    String.raw`people|persons|civilians|casualties|casualty|deaths|dead|killed|wounded|injured|refugees|prisoners|POWs|residents|children|workers|labou?rers|migrants|citizens|evacuees|hostages|detainees|victims|lives|bodies|defectors|women|senators|lawmakers|legislators|deputies|MPs|voters|patients|passengers|students|pupils|tourists|hikers|climbers|miners|survivors|firefighters|rescuers|nurses|doctors|teachers|employees|staff|protesters|demonstrators|marchers|participants|attendees|spectators|fans|inmates|households|families|customers|subscribers|users|homeowners|displaced|evacuated|missing|infected|hospitali[sz]ed|hurt`,
    'people',
  ),
  entry(
    String.raw`(?:artillery |tank |mortar )?(?:rounds|shells)|munitions|(?:ballistic |cruise )?missiles|rockets|drones|UAVs|tanks|(?:armou?red )?vehicles|(?:shipping )?containers|(?:rocket )?launchers|howitzers|artillery (?:systems|pieces|guns)|fighter jets|aircraft|jets|helicopters|warplanes|planes|warships|ships|vessels|trains|wagons|railcars|flights|weapons|warheads|mortars|satellites|brigades|battalions|divisions|regiments|platoons|squads|trucks|shipments|bombs|grenades|rifles|mines|sorties|strikes|attacks`,
    'count',
  ),
  entry(
    String.raw`(?:confirmed |new |suspected |active )?cases|infections|hospitali[sz]ations|admissions|tests|doses|vaccinations|samples|outbreaks|homes|houses|dwellings|buildings|structures|properties|premises|businesses|schools|hospitals|bridges|roads|villages|towns|communities|districts|counties|jobs|positions|vacancies|seats|mandates|votes|ballots|arrests|incidents|irregularities|complaints|claims|outages|journeys|trips|lines|trees|animals|cattle|livestock`,
    'count',
  ),
  entry(String.raw`years|decades`, 'years'),
  entry(String.raw`months`, 'months'),
  entry(String.raw`weeks`, 'weeks'),
  entry(String.raw`days|nights`, 'days'),
  entry(String.raw`hours`, 'hours'),
];

/** Words that may stand between a number and its noun: "3,000 North Korean troops", "1.3 million active soldiers". */
export const MODIFIERS = new Set(
  `active additional more new extra elite special regular military combat foreign frontline front-line ground armed trained well-trained
  fresh young enemy allied professional former other heavy light ballistic artillery regular experienced battle-hardened combat-ready
  total estimated reported confirmed alleged so-called further more odd strong-willed russian-trained north south korean russian ukrainian
  western eastern northern southern deployed stationed daily weekly monthly annual yearly armored armoured fighting towed mobile
  anti-tank anti-aircraft air defence defense rocket naval attack unmanned cruise tactical strategic long-range short-range multiple`.split(/\s+/),
);

/** Words a generic noun cannot be (so "10,000 in Kursk" has no noun, not "in"). */
export const NOT_NOUNS = new Set(
  `a an the and or but of in on at to from by for with within into onto over under about around than as is are was were be been being
  has have had will would could should may might must can do does did this that these those it its their them they he she we you his her
  who which whom whose what when where while if then so such per each every some any all most more less fewer many much few several
  up down out off near across along between among against since until after before during via like plus minus times percent per cent
  said says say told reported claimed estimated according already now also just only still even ago later earlier more-or-less
  others`.split(/\s+/),
);
