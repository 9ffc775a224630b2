// The "as the ledger believed on…" control: a slider over the moments the
// metric's history changed (each a ledger position), and a date for any day.
const fmtTime = (iso) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

/** Every recorded change of the metric's figures at the head: versions, retractions, corroborations; oldest first. */
export function momentsOf(timeline) {
  const moments = new Map();
  const add = (position, recordedAt, what) => {
    if (!moments.has(position)) moments.set(position, { position, recordedAt, what });
  };
  for (const f of timeline.figures) {
    for (const v of f.versions) add(v.recorded.position, v.recorded.recordedAt, `${f.sourceId} v${v.version} (${v.kind})`);
    if (f.retraction) add(f.retraction.position, f.retraction.recordedAt, `${f.sourceId} retracted`);
    for (const c of f.corroborations) add(c.recorded.position, c.recorded.recordedAt, `${f.sourceId} corroborated`);
  }
  return [...moments.values()].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
}

/** Sets the slider for the state's asOf; the last stop is "now" (no asOf). */
export function placeSlider({ slider, label, date }, moments, asOf) {
  slider.max = String(moments.length);
  let index = moments.length;
  if (/^\d+$/.test(asOf)) {
    const at = BigInt(asOf);
    index = moments.filter((m) => BigInt(m.position) <= at).length - 1;
    if (index < 0) index = 0;
  } else if (asOf) {
    index = Math.max(0, moments.filter((m) => m.recordedAt <= new Date(asOf).toISOString()).length - 1);
  }
  slider.value = String(index);
  date.value = asOf && !/^\d+$/.test(asOf) ? asOf.slice(0, 10) : '';
  describe(label, moments, index, asOf);
}

export function describe(label, moments, index, asOf) {
  if (!asOf) label.textContent = 'now (the latest the read models hold)';
  else if (/^\d+$/.test(asOf))
    label.textContent = moments[index] ? `${fmtTime(moments[index].recordedAt)} — after ${moments[index].what}` : `position ${asOf}`;
  else label.textContent = `the end of ${asOf.slice(0, 10)} (UTC)`;
}

/** The asOf a slider stop stands for. */
export const asOfAt = (moments, index) => (index >= moments.length ? '' : moments[index].position);

/** A day chosen in the date field: everything recorded by its end, in UTC. */
export const asOfEndOf = (day) => (day ? `${day}T23:59:59.999Z` : '');
