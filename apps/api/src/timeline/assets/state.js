// The view's state lives in the URL, so a view can be shared and reproduced.
// asOf is what the reader chose (a ledger position from the slider, or a
// time); the page also offers a link pinned to the answer's basis position.
export function readState(search = window.location.search) {
  const p = new URLSearchParams(search);
  return {
    metric: p.get('metric') ?? '',
    asOf: p.get('asOf') ?? '',
    validAt: p.get('validAt') ?? '',
    excludeParties: p.get('excludeParties') === 'true',
    includeUnverified: p.get('includeUnverified') === 'true',
  };
}

export function queryOf(state) {
  const p = new URLSearchParams();
  if (state.metric) p.set('metric', state.metric);
  if (state.asOf) p.set('asOf', state.asOf);
  if (state.validAt) p.set('validAt', state.validAt);
  if (state.excludeParties) p.set('excludeParties', 'true');
  if (state.includeUnverified) p.set('includeUnverified', 'true');
  const query = p.toString();
  return query ? `?${query}` : window.location.pathname;
}

export function writeState(state, { replace = false } = {}) {
  const url = queryOf(state);
  if (url === window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}

/** Today's date in UTC, as the API defaults validAt (not the browser's local date). */
export const today = () => new Date().toISOString().slice(0, 10);
