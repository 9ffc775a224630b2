// The chart: valid time (x) against amount (y), one mark per kind of thing
// shown, drawn with Observable Plot (global `Plot`, loaded before this module).
const DAY = 86_400_000;
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#e15759', '#ff9da7', '#bab0ac'];
const utc = (date) => new Date(`${date}T00:00:00Z`);

/** Where the figure's dot sits, and the bounds its qualifier states. */
function bounds(amount) {
  switch (amount.qualifier) {
    case 'exact':
    case 'approximately':
      return { y: amount.value, low: null, high: null };
    case 'range':
      return { y: (amount.low + amount.high) / 2, low: amount.low, high: amount.high };
    case 'up_to':
      return { y: amount.high, low: null, high: amount.high };
    default:
      return { y: amount.low, low: amount.low, high: null };
  }
}

/** held: the ledger holds it at the basis; corrected: replaced by a correction; superseded: closed otherwise; retracted. */
function statusOf(figure, version) {
  if (figure.status === 'retracted') return { status: 'retracted', replacedBy: null };
  if (version.beliefs.some((b) => b.closedBy === null)) return { status: 'held', replacedBy: null };
  const closed = version.beliefs.at(-1)?.closedBy;
  return { status: closed?.kind === 'correction' ? 'corrected' : 'superseded', replacedBy: closed?.version ?? null };
}

export function colourOf(sources) {
  const ids = sources.map((s) => s.sourceId).sort();
  return (id) => PALETTE[Math.max(0, ids.indexOf(id)) % PALETTE.length];
}

/** One point per version of every figure in the timeline answer. */
export function pointsOf(timeline) {
  const sources = new Map(timeline.sources.map((s) => [s.sourceId, s]));
  const colour = colourOf(timeline.sources);
  return timeline.figures.flatMap((figure) =>
    figure.versions.map((version) => {
      const source = sources.get(figure.sourceId);
      const { status, replacedBy } = statusOf(figure, version);
      return {
        figure,
        version,
        source,
        status,
        replacedBy,
        key: `${figure.figureId}:${version.version}`,
        date: utc(version.validAt.date),
        qualifier: version.amount.qualifier,
        ...bounds(version.amount),
        colour: colour(figure.sourceId),
        party: Boolean(source?.partyToConflict),
        corroborations: status === 'held' ? figure.corroborations.length : 0,
      };
    }),
  );
}

const SYMBOL = { exact: 'circle', approximately: 'circle', range: 'diamond', up_to: 'triangle', at_least: 'triangle', more_than: 'triangle' };
const HOLLOW = new Set(['approximately', 'more_than']);
const OPACITY = { held: 1, superseded: 0.55, corrected: 0.3, retracted: 0.45 };
const fmt = (n) => n.toLocaleString('en-US');

export function amountText(amount) {
  switch (amount.qualifier) {
    case 'exact':
      return fmt(amount.value);
    case 'approximately':
      return `about ${fmt(amount.value)}`;
    case 'range':
      return `${fmt(amount.low)}–${fmt(amount.high)}`;
    case 'up_to':
      return `up to ${fmt(amount.high)}`;
    case 'at_least':
      return `at least ${fmt(amount.low)}`;
    default:
      return `more than ${fmt(amount.low)}`;
  }
}

/**
 * Draws the chart into `figure`; onPick(point) on a click. series: the
 * consensus at successive valid dates ({date, consensus, low, high}).
 */
export function drawChart(container, { points, series, validAt, markValidAt, unit, onPick }) {
  // The figures' dates (and a chosen consensus date) set the span, not today: reports cluster, today may be years on.
  const dates = points.map((p) => p.date.getTime()).concat(markValidAt || !points.length ? [utc(validAt).getTime()] : []);
  const [first, last] = [Math.min(...dates), Math.max(...dates)];
  const pad = Math.max(3 * DAY, (last - first) * 0.04);
  const xDomain = [new Date(first - pad), new Date(last + pad)];
  const yMax = Math.max(1, ...points.map((p) => p.high ?? p.y), ...series.map((s) => s.high ?? 0)) * 1.12;
  const tail = yMax * 0.07;
  const strike = (xDomain[1] - xDomain[0]) * 0.012;
  // The step line holds its last value to the chart's right edge.
  const shown = series.filter((s) => s.date <= xDomain[1]);
  const steps = shown.length ? [...shown, { ...shown.at(-1), date: xDomain[1] }] : [];
  const byKey = new Map(points.map((p) => [p.key, p]));
  const corrections = points.filter((p) => p.status === 'corrected' && byKey.has(`${p.figure.figureId}:${p.replacedBy}`));
  const dots = (status) =>
    Plot.dot(
      points.filter((p) => p.status === status),
      {
        x: 'date',
        y: 'y',
        symbol: (p) => SYMBOL[p.qualifier],
        rotate: (p) => (p.qualifier === 'up_to' ? 180 : 0),
        r: 6,
        stroke: 'colour',
        strokeWidth: 2,
        fill: (p) => (HOLLOW.has(p.qualifier) ? '#fff' : p.colour),
        opacity: OPACITY[status],
        className: `fl-pt-${status}`,
        title: titleOf,
      },
    );
  const chart = Plot.plot({
    width: Math.max(640, container.clientWidth || 960),
    height: 460,
    marginLeft: 70,
    marginRight: 30,
    marginBottom: 52,
    style: { fontSize: '12px', fontFamily: 'inherit', background: 'transparent' },
    x: { type: 'utc', domain: xDomain, label: 'Valid time (the date each figure describes) →', labelAnchor: 'center', labelOffset: 46, grid: true },
    y: { domain: [0, yMax], label: `↑ ${unit}`, grid: true, tickFormat: (n) => fmt(n) },
    color: { type: 'identity' },
    symbol: { type: 'identity' },
    marks: [
      Plot.areaY(
        steps.filter((s) => s.low !== null),
        { x: 'date', y1: 'low', y2: 'high', curve: 'step-after', fill: '#5b6b8c', fillOpacity: 0.13, className: 'fl-envelope' },
      ),
      Plot.line(
        steps.filter((s) => s.consensus !== null),
        { x: 'date', y: 'consensus', curve: 'step-after', stroke: '#1f2a44', strokeWidth: 2.5, className: 'fl-consensus' },
      ),
      Plot.ruleX(markValidAt ? [utc(validAt)] : [], { stroke: '#1f2a44', strokeDasharray: '4,4', strokeOpacity: 0.6 }),
      Plot.ruleX(
        points.filter((p) => p.qualifier === 'range'),
        {
          x: 'date',
          y1: 'low',
          y2: 'high',
          stroke: 'colour',
          strokeWidth: 3,
          strokeOpacity: (p) => OPACITY[p.status],
          strokeLinecap: 'round',
          className: 'fl-range',
        },
      ),
      Plot.arrow(
        points.filter((p) => ['up_to', 'at_least', 'more_than'].includes(p.qualifier)),
        {
          x1: 'date',
          x2: 'date',
          y1: 'y',
          y2: (p) => (p.qualifier === 'up_to' ? Math.max(0, p.y - tail) : p.y + tail),
          stroke: 'colour',
          strokeWidth: 1.5,
          strokeOpacity: (p) => OPACITY[p.status],
          headLength: 6,
          className: 'fl-bound',
        },
      ),
      Plot.link(corrections, {
        x1: 'date',
        y1: 'y',
        x2: (p) => byKey.get(`${p.figure.figureId}:${p.replacedBy}`).date,
        y2: (p) => byKey.get(`${p.figure.figureId}:${p.replacedBy}`).y,
        stroke: '#777',
        strokeDasharray: '3,3',
        markerEnd: 'arrow',
        className: 'fl-correction-link',
      }),
      Plot.dot(
        points.filter((p) => p.party),
        {
          x: 'date',
          y: 'y',
          r: 11,
          stroke: '#b3261e',
          strokeWidth: 1.5,
          strokeDasharray: '2,2',
          opacity: (p) => OPACITY[p.status],
          className: 'fl-party',
        },
      ),
      dots('superseded'),
      dots('corrected'),
      dots('retracted'),
      dots('held'),
      Plot.link(
        points.filter((p) => p.status === 'retracted'),
        {
          x1: (p) => new Date(p.date.getTime() - strike),
          x2: (p) => new Date(p.date.getTime() + strike),
          y1: 'y',
          y2: 'y',
          stroke: '#b3261e',
          strokeWidth: 2.5,
          className: 'fl-strike',
        },
      ),
      Plot.text(
        points.filter((p) => p.corroborations > 0),
        { x: 'date', y: 'y', text: (p) => `+${p.corroborations}`, dx: 12, dy: -10, fill: '#333', fontWeight: 600, className: 'fl-corroborations' },
      ),
    ],
  });
  for (const status of ['held', 'superseded', 'corrected', 'retracted']) {
    const marked = points.filter((p) => p.status === status);
    // Plot binds each dot's index into its mark's data.
    chart.querySelectorAll(`.fl-pt-${status} > *`).forEach((el) => {
      const point = marked[el.__data__];
      if (!point) return;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.dataset.figure = point.figure.figureId;
      el.dataset.version = String(point.version.version);
      el.addEventListener('click', () => onPick(point));
      el.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') onPick(point);
      });
    });
  }
  container.replaceChildren(chart);
}

function titleOf(p) {
  const state = { held: '', superseded: ' (superseded)', corrected: ' (corrected)', retracted: ' (retracted)' }[p.status];
  return `${p.source?.name ?? p.figure.sourceId}: ${amountText(p.version.amount)}${state}\nvalid ${p.version.validAt.date}`;
}
