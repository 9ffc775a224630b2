/** How the CSV answers are described in the OpenAPI document (@Contract `csv`). */
const BASIS_HEADERS = {
  'Basis-Position': 'The last event the file includes, in log order (send it back as asOf to get the same bytes)',
  'Basis-Recorded-At': 'When that event was recorded (absent for position 0)',
  'Basis-Valid-At': 'The date the file describes (send it back as validAt)',
  'Basis-Algorithm-Version': 'The estimate algorithm version of the basis',
};

const QUOTING =
  'RFC 4180, UTF-8, CRLF, a header row of stable snake_case names; a text cell beginning with =, +, -, @, tab or carriage return has a single quote put before it (CSV injection), numbers never';

export const FIGURES_CSV = {
  description: `Every figure held at the basis (from cursor on), one row each: figure_id, metric_key, source_id, unit, version, kind, qualifier, value, low, high, normalised_point, normalised_low, normalised_high, valid_at, valid_at_precision, valid_until, stated_at, method, scope_note, report_id, quote, quote_offset, recorded_position, recorded_at, recorded_by. ${QUOTING}`,
  headers: BASIS_HEADERS,
};

export const ESTIMATE_CSV = {
  description: `The estimate's sources table, one row per figure it counted: source_id, figure_id, version, party_to_conflict, verified, qualifier, value, low, high, point, point_low, point_high, valid_at, valid_at_precision, report_id, quote, quote_offset, recorded_position, recorded_at. ${QUOTING}`,
  headers: {
    ...BASIS_HEADERS,
    'Basis-Exclude-Parties': 'From algorithm version 2: the excludeParties filter',
    'Basis-Include-Unverified': 'From algorithm version 2: the includeUnverified filter',
  },
};
