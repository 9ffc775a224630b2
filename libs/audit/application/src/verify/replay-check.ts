import { asServedEvent, fetchEventsPage, type ServedEvent } from './api-responses';
import { LeafFormatProblem, leafHashOfEvent } from './leaf-format';
import type { LeafLog } from './merkle';
import type { LiveDigest } from './digest-responses';
import { ReplayError, type ModelDigest, type OpenReplay, type ReplaySession } from './read-model-replayer';
import { locateRow } from './row-locator';
import { fail } from './verification-failure';
import type { VerifyApiClient } from './verify-api.client';

export interface ReplayCheckOptions {
  api: VerifyApiClient;
  /** The leaves the log verification accepted: the only events the replay uses. */
  leaves: LeafLog;
  /** The live read models, fetched before the checkpoint was (so it covers them). */
  live: readonly LiveDigest[];
  openReplay: OpenReplay;
  scratchDb: string | null;
  pageSize: number;
  progress: (step: string, message: string) => void;
}

export interface ReplayedModel {
  name: string;
  version: number;
  position: string;
  events: number;
  digest: string;
}

const short = (hex: string) => `${hex.slice(0, 16)}…`;
const logOrder = (a: LiveDigest, b: LiveDigest) => {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  return ta !== tb ? (ta < tb ? -1 : 1) : Number(BigInt(a.position) - BigInt(b.position));
};

/**
 * Replays the verified log into fresh read models and compares their digests
 * with the live ones at the same position. The events are fetched again, and
 * each must hash to the leaf the verification accepted at its index, so the
 * replay never sees an event the signed log does not hold.
 */
export async function checkReplay(options: ReplayCheckOptions): Promise<ReplayedModel[]> {
  const { live } = options;
  const last = [...live].sort(logOrder).at(-1)!;
  const session = await guard('open the scratch replay', () =>
    options.openReplay({
      scratchDb: options.scratchDb,
      models: live.map(({ name, version }) => ({ name, version })),
      lastEvent: last.position === '0' ? null : { transactionId: last.transactionId, position: last.position },
    }),
  );
  try {
    const counts = await feed(session, options);
    const replayed: ReplayedModel[] = [];
    const mismatches: string[] = [];
    for (const model of live) {
      const events = counts.get(model.name)!;
      const mine = await guard(`digest the replayed ${model.name}`, () => session.digest(model.name));
      if (mine.algorithm !== model.algorithm) {
        throw new ReplayError(
          'replay.algorithm_mismatch',
          `the server digests ${model.name} with ${model.algorithm}, this verifier with ${mine.algorithm}: run the verifier of the release the server runs`,
        );
      }
      if (mine.digest !== model.digest) {
        mismatches.push(await describeMismatch(options.api, session, model, mine, events));
        continue;
      }
      options.progress(
        'replay',
        `${model.name} v${model.version}: ${events} verified events replayed into ${session.location}: digest ${short(mine.digest)}, the live one`,
      );
      replayed.push({ name: model.name, version: model.version, position: model.position, events, digest: mine.digest });
    }
    if (mismatches.length > 0) fail('replay.mismatch', mismatches.join('; '));
    return replayed;
  } finally {
    await guard('drop the scratch schemas', () => session.close());
  }
}

/** Streams the verified log into the session: each model up to the event at its live position. Returns events per model. */
async function feed(session: ReplaySession, options: ReplayCheckOptions): Promise<Map<string, number>> {
  const { api, leaves, live } = options;
  const size = leaves.size;
  const counts = new Map<string, number>();
  const pending = new Map(live.filter((m) => m.position !== '0').map((m) => [m.name, m.position]));
  for (const m of live) if (m.position === '0') counts.set(m.name, 0);
  let cursor: string | null = null;
  let index = 0;
  while (pending.size > 0 && index < size) {
    const page = await fetchEventsPage(api, cursor, Math.min(options.pageSize, size - index));
    const events: ServedEvent[] = [];
    for (const value of page.events) {
      if (index + events.length === size) break;
      events.push(verifiedEvent(value, index + events.length, leaves));
    }
    for (const [name, position] of [...pending]) {
      const end = events.findIndex((e) => e.position === position) + 1;
      const batch = end === 0 ? events : events.slice(0, end);
      if (batch.length > 0) await guard(`replay ${batch.length} events into ${name}`, () => session.apply(name, batch));
      if (end > 0) {
        counts.set(name, index + end);
        pending.delete(name);
      }
    }
    index += events.length;
    if (!page.hasMore || events.length === 0) break;
    cursor = page.nextCursor;
  }
  for (const [name, position] of pending) {
    const model = live.find((m) => m.name === name)!;
    fail(
      'replay.position_not_signed',
      `read model ${name} v${model.version} claims to have applied the log up to position ${position}, but no event at that position is among the ${size} events of the signed log: it holds events the log does not`,
    );
  }
  return counts;
}

function verifiedEvent(value: unknown, index: number, leaves: LeafLog): ServedEvent {
  const event = asServedEvent(value, index);
  let same: boolean;
  try {
    same = leafHashOfEvent(event as unknown as Record<string, unknown>).equals(leaves.leaf(index));
  } catch (e) {
    if (!(e instanceof LeafFormatProblem)) throw e;
    same = false;
  }
  if (!same) {
    fail(
      'replay.event_changed',
      `leaf ${index} (event ${String(event.id)}, position ${String(event.position)}) was served differently for the replay than for the verification`,
      {
        leafIndex: index,
        eventId: typeof event.id === 'string' ? event.id : null,
        position: typeof event.position === 'string' ? event.position : null,
      },
    );
  }
  return event;
}

/**
 * Names the tables whose digests differ and, for the first, the first row
 * that differs (the live per-table digests and rows are the server's word:
 * good for pointing, not for trust).
 */
async function describeMismatch(api: VerifyApiClient, session: ReplaySession, live: LiveDigest, mine: ModelDigest, events: number): Promise<string> {
  const names = [...new Set([...live.tables, ...mine.tables].map((t) => t.name))].sort();
  const differing = names.flatMap((name) => {
    const l = live.tables.find((t) => t.name === name);
    const r = mine.tables.find((t) => t.name === name);
    if (l && r && l.rows === r.rows && l.digest === r.digest) return [];
    const side = (t: typeof l) => (t ? `${t.rows} rows, digest ${short(t.digest)}` : 'no such table');
    return [{ table: name, text: `table ${name} (live: ${side(l)}; replay: ${side(r)})` }];
  });
  const where =
    differing.length > 0
      ? differing.map((d) => d.text).join(', ')
      : `every table digest agrees, but the model digest ${short(live.digest)} is not the one they combine to`;
  const first = differing[0];
  const row = first ? await guard(`compare the rows of ${live.name}.${first.table}`, () => locateRow(api, session, live, first.table)) : null;
  return `read model ${live.name} v${live.version} at position ${live.position} is not what replaying the ${events} verified events up to it gives: ${where}${row ? `; first differing row of ${first!.table}: ${row}` : ''}`;
}

async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ReplayError) throw e;
    const code =
      typeof (e as { code?: unknown }).code === 'string' && /^replay\./.test((e as { code: string }).code)
        ? (e as { code: string }).code
        : 'replay.unavailable';
    throw new ReplayError(code, `could not ${what}: ${(e as Error).message}`);
  }
}
