import { upcastEvents, type RecordedEvent } from '@factledger/event-store';
import { upcastLedgerEvent } from '@factledger/ledger-domain';
import { numberEvents, type NumberedEvent } from '../shared/ledger-cursor';
import { figuresToLoad, foldFigureBatch, type FigureBatchChanges, type StoredFigure, type StoredFigureState } from './figure-batch.fold';
import { sourcesToLoad } from './source-flags.fold';
import type { FigureVersionRow } from './figure-rows';

const FIGURE = '6f1c1d4e-2b7a-4c1e-9f3d-1a2b3c4d5e6f';
const citation = (reportId: string) => ({ reportId, quote: `quote in ${reportId}`, offset: null });

let position = 0;
const event = (type: string, data: Record<string, unknown>, streamVersion = 1): RecordedEvent => {
  position += 1;
  return {
    position: String(position),
    transactionId: String(position),
    streamId: `stream-${position}`,
    streamVersion,
    id: `id-${position}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'analyst', requestId: `req-${position}`, reason: 'because' },
    recordedAt: new Date(Date.UTC(2024, 10, 1, 0, 0, position)),
  };
};

const reported = (validAt = '2024-10-25') =>
  event('figure.reported.v1', {
    figureId: FIGURE,
    metricKey: 'troops',
    sourceId: 'nl-mivd',
    amount: { qualifier: 'up_to', high: 1500 },
    unit: 'troops',
    validAt: { date: validAt, precision: 'day' },
    statedAt: null,
    citation: citation('r1'),
    method: 'estimate',
    scopeNote: null,
  });
const revised = (revision: number, kind: 'update' | 'correction', date: string, value: number) =>
  event(
    'figure.revised.v1',
    {
      figureId: FIGURE,
      revision,
      revises: revision - 1,
      kind,
      amount: { qualifier: 'exact', value },
      validAt: { date, precision: 'day' },
      statedAt: null,
      citation: citation(`r${revision}`),
      method: 'estimate',
      scopeNote: null,
      reason: `${kind} ${revision}`,
    },
    revision,
  );
const retracted = () => event('figure.retracted.v1', { figureId: FIGURE, reason: 'withdrawn', citation: null });
const corroborated = (reportId: string) => event('figure.corroborated.v1', { figureId: FIGURE, citation: citation(reportId), sourceId: 'other' });

const NOTHING_STORED: StoredFigureState = { figures: new Map(), sourceParties: new Map() };
let seqBase = '0';
const numbered = (...events: RecordedEvent[]): NumberedEvent[] => {
  const result = numberEvents({ seq: seqBase, recordedMax: null }, upcastEvents(events, upcastLedgerEvent));
  seqBase = result.at(-1)!.seq;
  return result;
};
/** The stored figure as loadStoredState reads it: its latest version's row with an open valid range. */
function storedFigure(rows: readonly FigureVersionRow[]): StoredFigure | null {
  const latest = rows.filter((r) => r.figure_id === FIGURE && r.valid_to === null).sort((a, b) => b.version - a.version)[0];
  if (!latest) return null;
  const { figure_id, metric_key, source_id, unit, version } = latest;
  return { figure_id, metric_key, source_id, unit, version, active: latest.recorded_to === null };
}

/**
 * Folds batches one after another, applying each one's changes to an
 * in-memory table as writeChanges does in SQL, and feeding the next batch
 * the stored figure: what the database would hold after each batch.
 */
function foldBatches(...batches: RecordedEvent[][]): { changes: FigureBatchChanges; rows: FigureVersionRow[]; figure: StoredFigure | null }[] {
  const rows: FigureVersionRow[] = [];
  const openValid = (figureId: string, version: number) =>
    rows.find((r) => r.figure_id === figureId && r.version === version && r.recorded_to === null && r.valid_to === null)!;
  return batches.map((batch) => {
    const current = storedFigure(rows);
    const stored: StoredFigureState = { figures: current ? new Map([[FIGURE, current]]) : new Map(), sourceParties: new Map() };
    const changes = foldFigureBatch(numbered(...batch), stored);
    for (const copy of changes.stored.copies) rows.push({ ...openValid(copy.figure_id, copy.version), ...copy });
    for (const close of changes.stored.closes) Object.assign(openValid(close.figure_id, close.version), close);
    for (const retraction of changes.stored.retractions)
      rows.filter((r) => r.figure_id === retraction.figure_id && r.recorded_to === null).forEach((r) => Object.assign(r, retraction));
    rows.push(...changes.versionInserts.map((r) => ({ ...r })));
    return { changes, rows: rows.map((r) => ({ ...r })), figure: storedFigure(rows) };
  });
}
const belief = (r: { version: number; recorded_from: string; recorded_to: string | null; valid_at: string; valid_to: string | null }) =>
  [r.version, r.recorded_from, r.recorded_to, r.valid_at, r.valid_to] as const;

describe('foldFigureBatch', () => {
  beforeEach(() => {
    position = 0;
    seqBase = '0';
  });

  it('reports: an open version row for every date from validAt (the current one, its citation too), the metric–source pair', () => {
    const [{ changes, figure }] = foldBatches([reported()]);
    expect(figure).toEqual({ figure_id: FIGURE, metric_key: 'troops', source_id: 'nl-mivd', unit: 'troops', version: 1, active: true });
    expect(changes.versionInserts.map(belief)).toEqual([[1, '1', null, '2024-10-25', null]]);
    expect(changes.versionInserts[0]).toMatchObject({ qualifier: 'up_to', value: null, low: null, high: 1500, point: 1500 });
    expect(changes.versionInserts[0]).toMatchObject({
      recorded_by: 'analyst',
      request_id: 'req-1',
      recorded_reason: 'because',
      kind: 'reported',
      reason: null,
    });
    // The version's citation is its row's (report, quote, event): no citation row of its own.
    expect(changes.versionInserts[0]).toMatchObject({ version_seq: '1', report_id: 'r1', quote: 'quote in r1', quote_offset: null });
    expect(changes.citations).toEqual([]);
    expect(changes.metricSources).toEqual([{ metric_key: 'troops', source_id: 'nl-mivd', first_seq: '1' }]);
  });

  it('an update in the same batch: the first belief goes in closed, the old version re-held up to the new date, the new one from it', () => {
    const [{ changes, rows, figure }] = foldBatches([reported(), revised(2, 'update', '2024-10-28', 3000)]);
    expect(changes.stored).toEqual({ copies: [], closes: [], retractions: [] });
    expect(rows.map(belief)).toEqual([
      [1, '1', '2', '2024-10-25', null],
      [1, '2', null, '2024-10-25', '2024-10-28'],
      [2, '2', null, '2024-10-28', null],
    ]);
    expect(rows[0]).toMatchObject({ closed_by: 'update', closed_by_version: 2, closed_reason: 'update 2', recorded_to_position: '2' });
    expect(rows[2]).toMatchObject({ kind: 'update', value: 3000, report_id: 'r2' });
    expect(figure).toMatchObject({ version: 2, active: true });
  });

  it('an update of a stored figure: the stored row is copied and closed in SQL, giving the same rows', () => {
    const [, { changes, rows, figure }] = foldBatches([reported()], [revised(2, 'update', '2024-10-28', 3000)]);
    expect(changes.stored.copies).toEqual([
      {
        figure_id: FIGURE,
        version: 1,
        recorded_from: '2',
        recorded_from_position: '2',
        recorded_from_at: expect.any(String),
        valid_to: '2024-10-28',
      },
    ]);
    expect(changes.stored.closes).toEqual([expect.objectContaining({ figure_id: FIGURE, version: 1, recorded_to: '2', closed_by: 'update' })]);
    expect(rows.map(belief)).toEqual([
      [1, '1', '2', '2024-10-25', null],
      [1, '2', null, '2024-10-25', '2024-10-28'],
      [2, '2', null, '2024-10-28', null],
    ]);
    expect(figure).toMatchObject({ version: 2, active: true });
  });

  it('a correction ends the belief in the corrected version; the correction covers the same dates', () => {
    const [, { changes, rows }] = foldBatches([reported(), revised(2, 'update', '2024-10-28', 3000)], [revised(3, 'correction', '2024-10-28', 3100)]);
    expect(changes.stored.closes).toEqual([expect.objectContaining({ version: 2, recorded_to: '3', closed_by: 'correction', closed_by_version: 3 })]);
    expect(rows.map(belief)).toEqual([
      [1, '1', '2', '2024-10-25', null],
      [1, '2', null, '2024-10-25', '2024-10-28'],
      [2, '2', '3', '2024-10-28', null],
      [3, '3', null, '2024-10-28', null],
    ]);
  });

  it('a retraction closes every open row, stored, copied in the batch, or new', () => {
    const [, { changes, rows, figure }] = foldBatches([reported()], [revised(2, 'update', '2024-10-28', 3000), corroborated('r9'), retracted()]);
    expect(rows.map(belief)).toEqual([
      [1, '1', '2', '2024-10-25', null],
      [1, '2', '4', '2024-10-25', '2024-10-28'],
      [2, '2', '4', '2024-10-28', null],
    ]);
    expect(rows.slice(1).every((r) => r.closed_by === 'retraction' && r.closed_reason === 'withdrawn')).toBe(true);
    expect(figure).toMatchObject({ version: 2, active: false });
    expect(rows[2]).toMatchObject({
      recorded_to: '4',
      recorded_to_position: '4',
      closed_by: 'retraction',
      closed_reason: 'withdrawn',
      closed_actor: 'analyst',
    });
    expect(changes.citations.map((c) => [c.kind, c.report_id, c.cited_by_source_id])).toEqual([['corroboration', 'r9', 'other']]);
  });

  it('ignores what the write side never produces: a revision of an unknown figure, a second retraction', () => {
    const [{ changes }] = foldBatches([revised(2, 'update', '2024-10-28', 1)]);
    expect(changes).toMatchObject({ versionInserts: [], citations: [] });
    const [, , third] = foldBatches([reported()], [retracted()], [retracted(), revised(2, 'update', '2024-10-28', 1)]);
    expect(third!.changes).toMatchObject({ versionInserts: [], stored: { copies: [], closes: [], retractions: [] } });
  });

  it('keeps party-to-conflict flags over time, changing only when the flag does', () => {
    const register = event('source.registered.v1', {
      sourceId: 'ua-hur',
      name: 'HUR',
      kind: 'intelligence',
      country: 'UA',
      partyToConflict: false,
      aliases: [],
      needsReview: false,
    });
    const flag = (party: boolean) => event('source.updated.v1', { sourceId: 'ua-hur', partyToConflict: party }, 2);
    const same = event('source.updated.v1', { sourceId: 'ua-hur', name: 'renamed' }, 3);
    const changes = foldFigureBatch(numbered(register, flag(true), same), NOTHING_STORED);
    expect(changes.partyInserts.map((p) => [p.recorded_from, p.recorded_to, p.party_to_conflict])).toEqual([
      ['1', '2', false],
      ['2', null, true],
    ]);
    const stored = { figures: new Map(), sourceParties: new Map([['ua-hur', changes.partyInserts[1]!]]) };
    const later = foldFigureBatch(numbered(flag(false)), stored);
    expect(later.partyClosures).toEqual([{ source_id: 'ua-hur', recorded_from: '2', recorded_to: '4' }]);
    expect(later.partyInserts.map((p) => [p.recorded_from, p.party_to_conflict])).toEqual([['4', false]]);
  });

  it('keeps the review flag over time beside the party flag: registered unverified, verified, flagged again', () => {
    const register = event('source.registered.v1', {
      sourceId: 'tg',
      name: 'TG',
      kind: 'media',
      country: null,
      partyToConflict: true,
      aliases: [],
      needsReview: true,
    });
    const verify = event('source.updated.v1', { sourceId: 'tg', needsReview: false }, 2);
    const renamed = event('source.updated.v1', { sourceId: 'tg', name: 'renamed', needsReview: false, partyToConflict: true }, 3);
    const changes = foldFigureBatch(numbered(register, verify, renamed), NOTHING_STORED);
    expect(changes.partyInserts.map((p) => [p.recorded_from, p.recorded_to, p.party_to_conflict, p.needs_review])).toEqual([
      ['1', '2', true, true],
      ['2', null, true, false],
    ]);
    const stored = { figures: new Map(), sourceParties: new Map([['tg', changes.partyInserts[1]!]]) };
    const later = foldFigureBatch(numbered(event('source.updated.v1', { sourceId: 'tg', needsReview: true, partyToConflict: false }, 4)), stored);
    expect(later.partyClosures).toEqual([{ source_id: 'tg', recorded_from: '2', recorded_to: '4' }]);
    expect(later.partyInserts.map((p) => [p.recorded_from, p.party_to_conflict, p.needs_review])).toEqual([['4', false, true]]);
  });

  it('loads only figures and sources the batch touches but did not create', () => {
    const batch = numbered(
      reported(),
      revised(2, 'update', '2024-10-28', 1),
      event('figure.retracted.v1', { figureId: 'other-figure', reason: 'x', citation: null }),
    );
    expect(figuresToLoad(batch)).toEqual(['other-figure']);
    const sources = numbered(
      event('source.updated.v1', { sourceId: 'a', partyToConflict: true }),
      event('source.registered.v1', { sourceId: 'b' }),
      event('source.updated.v1', { sourceId: 'b' }),
    );
    expect(sourcesToLoad(sources)).toEqual(['a']);
  });
});
