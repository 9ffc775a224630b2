// The heads of definite descriptions ("the agency", "the sheriff") and which names each may mean: data, not topic vocabulary.

/** What a description can refer to: a body, a person, or either. */
export type Kind = 'org' | 'person' | 'any';

export interface Head {
  kind: Kind;
  /** A head that is rarely a name's own word ("the agency" after "Cal Fire"): may take the last name of its kind nearby. */
  loose?: boolean;
  /** Words in a name that make it fit this description even when the head word itself is absent. */
  hint?: RegExp;
}

// Bodies that publish documents (case-sensitive: an acronym or an institution's capitalised word).
const PUBLISHER =
  /\b(?:Agency|Office|Ministry|Department|Bureau|Authority|Commission|Institute|Service|Organi[sz]ation|Council|Board|Cent(?:re|er)|Administration|Bank|[A-Z]{2,})\b/;

export const HEADS: Record<string, Head> = {
  agency: {
    kind: 'org',
    loose: true,
    hint: /agency|service|administration|bureau|authority|office|fire|survey|centre|center|institute|commission|department/i,
  },
  chain: { kind: 'org', loose: true, hint: /chain|stores|retail|shops/i },
  company: {
    kind: 'org',
    loose: true,
    hint: /company|corp|inc|plc|ltd|group|electric|gas|power|energy|rail|airlines?|airways|motors|bank|holdings|networks?|broadband|telecom|mobile|software|pharma|foods|logistics/i,
  },
  firm: { kind: 'org', loose: true, hint: /firm|company|corp|inc|plc|ltd|group|partners|capital|analytics|research|consult/i },
  utility: { kind: 'org', loose: true, hint: /utility|electric|gas|power|energy|water|networks?|grid/i },
  // Trades a business story describes its company by ("the airline said", "the lender's figures").
  airline: { kind: 'org', hint: /\bair\b|airways|airlines?|jet|fly|wings/i },
  carrier: { kind: 'org', hint: /\bair\b|airways|airlines?|jet|shipping|lines?\b|rail|freight|telecom|mobile/i },
  retailer: { kind: 'org', hint: /retail|stores|shops|mart|market|group/i },
  supermarket: { kind: 'org', hint: /stores|supermarkets?|mart|foods|group/i },
  lender: { kind: 'org', hint: /bank|building\s+society|finance|credit|lending|mortgage/i },
  miner: { kind: 'org', hint: /mining|mines|minerals|resources|metals|gold|copper/i },
  operator: { kind: 'org', loose: true, hint: /operator|networks?|power|electric|energy|grid|rail|water|gas|telecom|transport|airport/i },
  ministry: { kind: 'org' },
  department: { kind: 'org' },
  office: { kind: 'org', hint: /office|statistics|bureau/i },
  commission: { kind: 'org' },
  // ("the service" of "Hochgraun Mountain Rescue", "Kestrel Ambulance": an emergency service.)
  service: { kind: 'org', hint: /service|rescue|ambulance|fire|police|coastguard/i },
  council: { kind: 'org' },
  // "the board" after "Ghana's cocoa regulator": a statutory board regulates.
  board: { kind: 'org', hint: /board|regulat|authority|commission/i },
  authority: { kind: 'org', hint: /authority|authorities/i },
  regulator: { kind: 'org', hint: /regulat|commission|authority|office/i },
  bank: { kind: 'org', hint: /bank|reserve|ECB|Fed\b/i },
  statisticians: { kind: 'org', loose: true, hint: /statist|census|bureau|ONS\b|Eurostat/i },
  institute: { kind: 'org' },
  observatory: { kind: 'org' },
  laboratory: { kind: 'org' },
  university: { kind: 'org' },
  organisation: { kind: 'org', hint: /organi[sz]ation|WHO\b/i },
  organization: { kind: 'org', hint: /organi[sz]ation|WHO\b/i },
  insurer: { kind: 'org', loose: true, hint: /insur|assurance|re\b/i },
  union: { kind: 'org' },
  society: { kind: 'org' },
  consortium: { kind: 'org' },
  // ("the co-op" of "Westmoor Dairy Co-operative".)
  'co-op': { kind: 'org', hint: /co-?op/i },
  cooperative: { kind: 'org', hint: /co-?op/i },
  charity: { kind: 'org', loose: true, hint: /charity|foundation|trust|network|fund|aid|relief/i },
  party: { kind: 'org' },
  government: { kind: 'org' },
  police: { kind: 'org', hint: /police|constabulary|sheriff|gendarmerie/i },
  outlet: { kind: 'org', loose: true },
  newspaper: { kind: 'org', loose: true },
  broadcaster: { kind: 'org', loose: true },
  group: { kind: 'org' },
  monitor: { kind: 'org', loose: true },
  watchdog: { kind: 'org', loose: true },
  tank: { kind: 'org', loose: true, hint: /institute|centre|center|council|foundation|forum/i },
  website: { kind: 'org', loose: true },
  site: { kind: 'org', loose: true },
  project: { kind: 'org', loose: true },
  centre: { kind: 'org' },
  scheme: { kind: 'org' },
  fund: { kind: 'org' },
  // "a spokesman for the trust": in British usage a health, housing or heritage body whose name rarely holds the word.
  trust: { kind: 'org', hint: /[Tt]rust|[Ss]ervice|[Hh]ealth|[Hh]ospital|[Hh]ousing|NHS|[Aa]mbulance|[Ff]oundation|[Hh]eritage|\b[A-Z]{2,}\b/ },
  foundation: { kind: 'org', hint: /foundation|charity|trust/i },
  // A document stands for the body that published it: "the agency said in its annual inventory ... according to the inventory".
  inventory: { kind: 'org', hint: PUBLISHER },
  report: { kind: 'org', hint: PUBLISHER },
  survey: { kind: 'org', hint: PUBLISHER },
  audit: { kind: 'org', hint: PUBLISHER },
  bulletin: { kind: 'org', hint: PUBLISHER },
  census: { kind: 'org', hint: PUBLISHER },
  association: { kind: 'org' },
  league: { kind: 'org' },
  federation: { kind: 'org' },
  ruling: { kind: 'org', hint: /court|tribunal|judge|justice/i },
  judgment: { kind: 'org', hint: /court|tribunal|judge|justice/i },
  verdict: { kind: 'org', hint: /court|tribunal|judge|justice|jury/i },
  municipality: { kind: 'org', hint: /municipal|city|town|council|mayor/i },
  center: { kind: 'org' },
  zoo: { kind: 'org', hint: /zoo|safari|wildlife\s+park/i },
  museum: { kind: 'org', hint: /museum/i },
  gallery: { kind: 'org', hint: /gallery/i },
  library: { kind: 'org', hint: /librar/i },
  theatre: { kind: 'org', hint: /theat/i },
  hospital: { kind: 'org', hint: /hospital|infirmary|medical\s+cent/i },
  college: { kind: 'org', hint: /college/i },
  school: { kind: 'org', hint: /school|academy|college/i },
  academy: { kind: 'org', hint: /academy|school/i },
  campaign: { kind: 'org', hint: /campaign|coalition|alliance/i },
  city: { kind: 'org', hint: /city|council|municipal/i },
  airport: { kind: 'org', hint: /airport/i },
  brigade: { kind: 'org', hint: /brigade|fire/i },
  inspectorate: { kind: 'org', hint: /inspect/i },
  sheriff: { kind: 'person' },
  governor: { kind: 'person' },
  mayor: { kind: 'person' },
  minister: { kind: 'person' },
  president: { kind: 'person' },
  coroner: { kind: 'person' },
  spokesperson: { kind: 'any' },
  spokesman: { kind: 'any' },
  spokeswoman: { kind: 'any' },
};
