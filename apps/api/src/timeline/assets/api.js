// Reads from this API. A key, when reads need one, lives in sessionStorage
// (this tab only) and goes in the Authorization header, never in a URL.
const KEY = 'factledger.apiKey';

export class Unauthorized extends Error {}

export const setKey = (key) => sessionStorage.setItem(KEY, key);
export const clearKey = () => sessionStorage.removeItem(KEY);

export async function getJson(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) url.searchParams.set(name, String(value));
  }
  const headers = { accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  if (response.status === 401) throw new Unauthorized('This ledger needs an API key to read');
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.detail ?? body?.title ?? `HTTP ${response.status}`);
  return body;
}

/** Runs the calls at most `width` at a time: a bounded number of requests in flight. */
export async function bounded(calls, width = 6) {
  const results = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await calls[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, calls.length) }, worker));
  return results;
}
