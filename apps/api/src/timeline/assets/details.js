// The panel a clicked point opens. Everything from the ledger goes in with
// textContent: quotes and names are untrusted text.
import { amountText } from './chart.js';

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

const proofLink = (position, label = 'inclusion proof') =>
  el('a', label, {
    href: `/v1/proofs/inclusion?event=${encodeURIComponent(position)}`,
    target: '_blank',
    rel: 'noopener',
    title: `Auditor's inclusion proof of event ${position} (needs the auditor role)`,
  });

function row(dl, term, ...values) {
  dl.append(el('dt', term));
  const dd = el('dd');
  dd.append(...values.map((v) => (typeof v === 'string' ? document.createTextNode(v) : v)));
  dl.append(dd);
}

export function showDetails(panel, point, reports) {
  const { figure, version, source } = point;
  const report = reports.get(version.citation.reportId);
  const close = el('button', '×', { type: 'button', class: 'close', 'aria-label': 'Close' });
  close.addEventListener('click', () => {
    panel.hidden = true;
  });
  const heading = el('h2', `${source?.name ?? figure.sourceId}: ${amountText(version.amount)} ${figure.unit}`);
  const flags = el('p', null, { class: 'flags' });
  if (source?.partyToConflict) flags.append(el('span', 'party to the conflict', { class: 'flag party' }));
  if (source?.needsReview) flags.append(el('span', 'unverified source', { class: 'flag unverified' }));
  flags.append(el('span', point.status === 'held' ? 'held' : point.status, { class: `flag ${point.status}` }));
  const quote = el('blockquote', version.citation.quote, { class: 'quote' });
  const meta = el('dl');
  row(meta, 'Valid', `${version.validAt.date} (${version.validAt.precision})`);
  row(meta, 'Report', report ? `${report.title} — ${report.publisher}` : version.citation.reportId);
  row(meta, 'Published', report?.publishedAt ?? '—');
  if (report?.url) row(meta, 'Link', el('a', report.url, { href: report.url, rel: 'noopener noreferrer', target: '_blank' }));
  row(meta, 'Method', version.method + (version.scopeNote ? ` — ${version.scopeNote}` : ''));
  row(meta, 'Figure', el('code', figure.figureId));
  if (figure.retraction) {
    row(
      meta,
      'Retracted',
      `${figure.retraction.recordedAt} by ${figure.retraction.by ?? 'unknown'}: ${figure.retraction.reason ?? ''} `,
      proofLink(figure.retraction.position),
    );
  }
  const history = el('ol', null, { class: 'history' });
  for (const v of figure.versions) {
    const item = el('li', null, v.version === version.version ? { class: 'current' } : {});
    item.append(el('strong', `v${v.version} ${v.kind}: ${amountText(v.amount)}`), el('span', ` valid ${v.validAt.date}`));
    const who = el('div', `recorded ${v.recorded.recordedAt} by ${v.recorded.by ?? 'unknown'} at position ${v.recorded.position} `, { class: 'who' });
    who.append(proofLink(v.recorded.position));
    item.append(who);
    // The revision's own reason; else what the recording request said (its route for a plain write).
    if (v.reason) item.append(el('div', `why: ${v.reason}`, { class: 'why' }));
    else if (v.recorded.reason) item.append(el('div', `via ${v.recorded.reason}`, { class: 'why' }));
    item.append(el('q', v.citation.quote));
    for (const b of v.beliefs.filter((b) => b.closedBy)) {
      const closed = el(
        'div',
        `${b.closedBy.kind}${b.closedBy.version ? ` by v${b.closedBy.version}` : ''} at ${b.recorded.toRecordedAt}${b.closedBy.reason ? `: ${b.closedBy.reason}` : ''} `,
        { class: 'closed' },
      );
      closed.append(proofLink(b.closedBy.position));
      item.append(closed);
    }
    history.append(item);
  }
  const corroborations = el('ul', null, { class: 'corroborations' });
  for (const c of figure.corroborations) {
    const item = el('li', null);
    item.append(
      el('q', c.quote),
      document.createTextNode(` — ${c.citedBySourceId ?? 'cited'}, recorded ${c.recorded.recordedAt} `),
      proofLink(c.recorded.position),
    );
    corroborations.append(item);
  }
  panel.replaceChildren(close, heading, flags, quote, meta, el('h3', 'History'), history);
  if (figure.corroborations.length) panel.append(el('h3', `Corroborated ${figure.corroborations.length}×`), corroborations);
  panel.hidden = false;
}
