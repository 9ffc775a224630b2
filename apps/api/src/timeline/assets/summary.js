// The consensus line above the chart and the legend below it.
import { colourOf } from './chart.js';

const fmt = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'));

function span(text, attrs = {}) {
  const node = document.createElement('span');
  node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** `validAtDefault`: no date was chosen, so validAt is today's date in UTC (the API's default), which the line says. */
export function renderSummary(box, { metric, unit, validAt, validAtDefault, estimate, points }) {
  const day = validAtDefault ? `${validAt} (today, UTC)` : validAt;
  const title = document.createElement('h2');
  title.textContent = metric ? metric.label : '';
  const line = document.createElement('p');
  line.className = 'consensus';
  if (!estimate || estimate.consensus === null || estimate.consensus === undefined) {
    line.append(span(`No consensus on ${day}: no figure counts at that date.`));
  } else {
    line.append(
      span(`Consensus on ${day}: `, { id: 'consensusDay' }),
      span(fmt(estimate.consensus), { id: 'consensusValue', class: 'value' }),
      span(` ${unit}, range `),
      span(`${fmt(estimate.low)}–${fmt(estimate.high)}`, { id: 'consensusRange' }),
      span(`, from ${estimate.sourceCount} source${estimate.sourceCount === 1 ? '' : 's'}`),
    );
    if (estimate.excludedSources?.length) line.append(span(`; left out: ${estimate.excludedSources.join(', ')}`, { class: 'muted' }));
  }
  const counts = document.createElement('p');
  counts.className = 'muted';
  const by = (s) => points.filter((p) => p.status === s).length;
  counts.textContent = `${points.length} figure versions plotted: ${by('held')} held, ${by('corrected')} corrected, ${by('superseded')} superseded, ${by('retracted')} retracted.`;
  box.replaceChildren(title, line, counts);
}

export function renderLegend(box, sources, points) {
  const colour = colourOf(sources);
  const used = new Set(points.map((p) => p.figure.sourceId));
  const list = document.createElement('ul');
  for (const s of sources.filter((s) => used.has(s.sourceId))) {
    const item = document.createElement('li');
    const swatch = span('', { class: 'swatch' });
    swatch.style.background = colour(s.sourceId);
    item.append(swatch, span(s.name));
    if (s.partyToConflict) item.append(span('party to the conflict', { class: 'flag party' }));
    if (s.needsReview) item.append(span('unverified', { class: 'flag unverified' }));
    list.append(item);
  }
  const key = document.createElement('p');
  key.className = 'muted key';
  key.textContent =
    '● exact · ○ about · ◆ on a range bar: range · ▼↓ up to · ▲↑ at least (hollow: more than) · dashed red ring: party to the conflict · faded with dashed arrow: corrected (→ its correction) · struck through in red: retracted · +N: corroborations · dark step line and band: consensus and its low–high envelope · dashed vertical: the consensus date';
  box.replaceChildren(list, key);
}
