// The timeline page: loads a metric's whole history at a basis (one request),
// the consensus at each valid date where it can change (a bounded number of
// estimate requests, all at that same basis position), and draws them.
import { bounded, clearKey, getJson, setKey, Unauthorized } from './api.js';
import { drawChart, pointsOf } from './chart.js';
import { asOfAt, asOfEndOf, describe, momentsOf, placeSlider } from './controls.js';
import { showDetails } from './details.js';
import { queryOf, readState, today, writeState } from './state.js';
import { renderLegend, renderSummary } from './summary.js';

const $ = (id) => document.getElementById(id);
// Read budgets are per minute (RATE_LIMIT_READS): a view costs at most 2 + MAX_STEPS reads.
const MAX_STEPS = 40;
let state = readState();
let moments = [];
let metrics = [];
let loading = 0;
/** The metric's timeline at the head: the slider's stops; refetched only when the metric or date changes, or for "now". */
let head = null;

function setStatus(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

/** The valid dates where the consensus can change: every version's date and end, up to today. */
function stepDates(timeline, validAt) {
  const dates = new Set([validAt]);
  for (const f of timeline.figures) {
    for (const v of f.versions) {
      dates.add(v.validAt.date);
      for (const b of v.beliefs) if (b.valid.to) dates.add(b.valid.to);
    }
  }
  return [...dates]
    .filter((d) => d <= today())
    .sort()
    .slice(-MAX_STEPS);
}

async function estimateAt(basis, date) {
  const { data } = await getJson(`/v1/metrics/${encodeURIComponent(state.metric)}/estimate`, {
    asOf: basis.position,
    validAt: date,
    excludeParties: state.excludeParties,
    includeUnverified: state.includeUnverified,
  });
  return { date: new Date(`${date}T00:00:00Z`), day: date, consensus: data.consensus, low: data.low, high: data.high, estimate: data };
}

async function load() {
  const ticket = ++loading;
  if (!state.metric) {
    setStatus('Pick a metric.');
    return;
  }
  setStatus('Loading…', 'busy');
  const validAt = state.validAt || today();
  const path = `/v1/metrics/${encodeURIComponent(state.metric)}/timeline`;
  const fresh = !state.asOf || head?.key !== `${state.metric}@${validAt}`;
  if (fresh) head = { key: `${state.metric}@${validAt}`, answer: await getJson(path, { validAt }) };
  const at = state.asOf ? await getJson(path, { asOf: state.asOf, validAt }) : head.answer;
  const series = await bounded(stepDates(at.data, validAt).map((d) => () => estimateAt(at.basis, d)));
  if (ticket !== loading) return; // a newer view was asked for meanwhile
  moments = momentsOf(head.answer.data);
  placeSlider({ slider: $('asOfSlider'), label: $('asOfLabel'), date: $('asOfDate') }, moments, state.asOf);
  const points = pointsOf(at.data);
  const reports = new Map(at.data.reports.map((r) => [r.reportId, r]));
  const now = series.find((s) => s.day === validAt);
  renderSummary($('summary'), {
    metric: metrics.find((m) => m.key === state.metric),
    unit: at.data.unit,
    validAt,
    validAtDefault: !state.validAt,
    estimate: now?.estimate ?? null,
    points,
  });
  renderLegend($('legend'), at.data.sources, points);
  drawChart($('chart'), {
    points,
    series: series.filter((s) => s.consensus !== null && s.consensus !== undefined),
    validAt,
    markValidAt: Boolean(state.validAt),
    unit: at.data.unit,
    onPick: (point) => showDetails($('details'), point, reports),
  });
  const pinned = queryOf({ ...state, asOf: at.basis.position, validAt });
  const basis = $('basis');
  basis.replaceChildren(
    document.createTextNode(
      `Basis: ledger position ${at.basis.position}, recorded ${at.basis.recordedAt}, valid at ${validAt}${state.validAt ? '' : ' (today in UTC: the default)'}. `,
    ),
    Object.assign(document.createElement('a'), { href: pinned, textContent: 'Link to this exact basis' }),
  );
  document.title = `${state.metric} — factledger timeline`;
  setStatus(at.data.truncated ? 'Showing the first figures only: this metric has more than the chart draws.' : '');
}

async function run(push) {
  if (push) writeState(state);
  try {
    await load();
  } catch (error) {
    if (error instanceof Unauthorized) return askForKey();
    setStatus(`Could not load: ${error.message}`, 'error');
  }
}

function askForKey() {
  setStatus('This ledger needs a key to read.', 'error');
  const dialog = $('keyDialog');
  if (!dialog.open) dialog.showModal();
}

async function loadMetrics() {
  const { data } = await getJson('/v1/metrics', { limit: 500 });
  metrics = data;
  $('metrics').replaceChildren(
    ...data.map((m) => Object.assign(document.createElement('option'), { value: m.key, label: `${m.label} (${m.unit})` })),
  );
  if (!state.metric && data.length) {
    state = { ...state, metric: data[0].key };
    writeState(state, { replace: true });
  }
}

/** Typed text to a metric key: an exact key, else the first whose label contains it. */
function metricFor(text) {
  const needle = text.trim().toLowerCase();
  return metrics.find((m) => m.key === needle) ?? metrics.find((m) => m.label.toLowerCase().includes(needle) || m.key.includes(needle));
}

function syncControls() {
  $('metric').value = state.metric;
  $('validAt').value = state.validAt;
  $('validAt').max = today();
  $('asOfDate').max = today();
  $('excludeParties').checked = state.excludeParties;
  $('includeUnverified').checked = state.includeUnverified;
}

function wire() {
  const change = (patch) => {
    state = { ...state, ...patch };
    syncControls();
    return run(true);
  };
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('metric').addEventListener('change', () => {
    const metric = metricFor($('metric').value);
    if (metric) change({ metric: metric.key, asOf: '' });
    else setStatus(`No metric matches "${$('metric').value}".`, 'error');
  });
  $('validAt').addEventListener('change', () => change({ validAt: $('validAt').value }));
  $('excludeParties').addEventListener('change', () => change({ excludeParties: $('excludeParties').checked }));
  $('includeUnverified').addEventListener('change', () => change({ includeUnverified: $('includeUnverified').checked }));
  $('asOfSlider').addEventListener('input', () =>
    describe($('asOfLabel'), moments, Number($('asOfSlider').value), asOfAt(moments, Number($('asOfSlider').value))),
  );
  $('asOfSlider').addEventListener('change', () => change({ asOf: asOfAt(moments, Number($('asOfSlider').value)) }));
  $('asOfDate').addEventListener('change', () => change({ asOf: $('asOfDate').value >= today() ? '' : asOfEndOf($('asOfDate').value) }));
  $('asOfNow').addEventListener('click', () => change({ asOf: '' }));
  window.addEventListener('popstate', () => {
    state = readState();
    syncControls();
    run(false);
  });
  $('keyForm').addEventListener('submit', () => {
    setKey($('keyInput').value.trim());
    $('keyInput').value = '';
    start();
  });
  $('keyDialog').addEventListener('cancel', () => clearKey());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') $('details').hidden = true;
  });
}

async function start() {
  try {
    await loadMetrics();
  } catch (error) {
    if (error instanceof Unauthorized) return askForKey();
    return setStatus(`Could not load the metrics: ${error.message}`, 'error');
  }
  syncControls();
  await run(false);
}

wire();
start();
