import type { LiveDigest } from './digest-responses';
import type { HashedRow, ReplaySession } from './read-model-replayer';
import { ApiError, type VerifyApiClient } from './verify-api.client';

/** Tables larger than this are named, not walked: each page of the walk hashes the whole table on both sides. */
export const MAX_LOCATED_ROWS = 100_000;
const PAGE = 1000;
const MAX_DIFFERENCES = 20;

/**
 * The first rows of a mismatched table that only one side holds, found by
 * walking both sides in digest (row hash) order. The live rows are the
 * server's word: good for pointing at a row, never for a verdict.
 * Returns null when the rows cannot be compared (too many, or the live
 * model moved on since its digest).
 */
export async function locateRow(api: VerifyApiClient, session: ReplaySession, live: LiveDigest, table: string): Promise<string | null> {
  const rows = live.tables.find((t) => t.name === table)?.rows ?? 0;
  if (rows > MAX_LOCATED_ROWS) return null;
  const liveRows = walk((after) => fetchLiveRows(api, live, table, after));
  const replayRows = walk((after) => session.rows(live.name, table, after, PAGE));
  const onlyLive: HashedRow[] = [];
  const onlyReplay: HashedRow[] = [];
  try {
    let l = await liveRows.next();
    let r = await replayRows.next();
    while ((l || r) && onlyLive.length + onlyReplay.length < MAX_DIFFERENCES) {
      if (l && r && l.hash === r.hash) {
        [l, r] = [await liveRows.next(), await replayRows.next()];
      } else if (l && (!r || l.hash < r.hash)) {
        onlyLive.push(l);
        l = await liveRows.next();
      } else {
        onlyReplay.push(r!);
        r = await replayRows.next();
      }
    }
  } catch (e) {
    if (e instanceof ApiError) return null;
    throw e;
  }
  return describe(onlyLive, onlyReplay);
}

function describe(onlyLive: HashedRow[], onlyReplay: HashedRow[]): string | null {
  const keyOf = (r: HashedRow) => (r.key ? JSON.stringify(r.key) : null);
  for (const l of onlyLive) {
    const r = onlyReplay.find((x) => keyOf(x) !== null && keyOf(x) === keyOf(l));
    if (!r) continue;
    const columns = [...new Set([...Object.keys(l.row), ...Object.keys(r.row)])].filter((c) => JSON.stringify(l.row[c]) !== JSON.stringify(r.row[c]));
    return `row ${keyOf(l)}: ${columns.map((c) => `${c} is ${clip(l.row[c])} live, ${clip(r.row[c])} in the replay`).join(', ')}`;
  }
  if (onlyLive[0]) return `row ${keyOf(onlyLive[0]) ?? clip(onlyLive[0].row, 200)} is live but not in the replay`;
  if (onlyReplay[0]) return `row ${keyOf(onlyReplay[0]) ?? clip(onlyReplay[0].row, 200)} is in the replay but not live`;
  return null;
}

const clip = (value: unknown, max = 80) => {
  const text = JSON.stringify(value) ?? 'absent';
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

/** Rows one by one over pages fetched on demand. */
function walk(page: (after: string | null) => Promise<HashedRow[]>) {
  let buffer: HashedRow[] = [];
  let after: string | null = null;
  let done = false;
  return {
    async next(): Promise<HashedRow | null> {
      if (buffer.length === 0 && !done) {
        buffer = await page(after);
        done = buffer.length < PAGE;
        after = buffer.at(-1)?.hash ?? after;
      }
      return buffer.shift() ?? null;
    },
  };
}

async function fetchLiveRows(api: VerifyApiClient, live: LiveDigest, table: string, after: string | null): Promise<HashedRow[]> {
  const query = `table=${encodeURIComponent(table)}&position=${live.position}&limit=${PAGE}${after ? `&after=${after}` : ''}`;
  const body = (await api.get(`/v1/read-models/${encodeURIComponent(live.name)}/rows?${query}`)) as { data?: { rows?: unknown } } | undefined;
  const rows = body?.data?.rows;
  const wellFormed = (r: any): r is HashedRow =>
    typeof r === 'object' &&
    r !== null &&
    typeof r.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(r.hash) &&
    typeof r.row === 'object' &&
    r.row !== null &&
    (r.key === null || typeof r.key === 'object');
  // Rows only point at a difference: a page that is not well formed just ends the walk.
  if (!Array.isArray(rows) || !rows.every(wellFormed)) throw new ApiError('read-model rows: malformed page');
  return rows;
}
