import { upcastEvents, type LogEvent, type RecordedEvent } from '@factledger/event-store';
import { upcastLedgerEvent, type LedgerEvent } from '@factledger/ledger-domain';
import { numberEvents } from '../shared/ledger-cursor';
import { catalogToLoad, foldCatalogBatch, type StoredCatalog } from './catalog-batch.fold';

let position = 0;
const event = (type: string, data: Record<string, unknown>, streamVersion: number): LogEvent<LedgerEvent> => {
  position += 1;
  const stored: RecordedEvent = {
    position: String(position),
    transactionId: '1',
    streamId: 's',
    streamVersion,
    id: `id-${position}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'editor' },
    recordedAt: new Date(Date.UTC(2024, 10, 1, 0, 0, position)),
  };
  return upcastEvents([stored], upcastLedgerEvent)[0]!;
};
const registered = event(
  'source.registered.v1',
  { sourceId: 'ua-hur', name: 'HUR', kind: 'intelligence', country: 'UA', partyToConflict: false, aliases: ['HUR'], needsReview: true },
  1,
);
const updated = event('source.updated.v1', { sourceId: 'ua-hur', partyToConflict: true, needsReview: false }, 2);
const nothing: StoredCatalog = { metric: new Map(), source: new Map(), report: new Map() };

describe('foldCatalogBatch', () => {
  it('registers and updates within one batch: the final current row, one history row per stream version', () => {
    const changes = foldCatalogBatch(numberEvents({ seq: '0', recordedMax: null }, [registered, updated]), nothing);
    expect(changes.source.currents).toEqual([
      expect.objectContaining({
        source_id: 'ua-hur',
        name: 'HUR',
        party_to_conflict: true,
        needs_review: false,
        aliases: ['HUR'],
        stream_version: 2,
        position: '1',
        last_position: '2',
      }),
    ]);
    expect(changes.source.historyInserts.map((h) => [h.stream_version, h.recorded_from, h.recorded_to, h.party_to_conflict, h.recorded_by])).toEqual([
      [1, '1', '2', false, 'editor'],
      [2, '2', null, true, 'editor'],
    ]);
    expect(changes.source.historyClosures).toEqual([]);
  });

  it('updates a stored entity: closes its stored history row, keeps the registration position', () => {
    const stored: StoredCatalog = {
      ...nothing,
      source: new Map([
        [
          'ua-hur',
          {
            source_id: 'ua-hur',
            name: 'HUR',
            kind: 'intelligence',
            country: 'UA',
            party_to_conflict: false,
            aliases: [],
            needs_review: true,
            stream_version: 1,
            position: '1',
            last_position: '1',
            registered_at: 'x',
            updated_at: 'x',
          },
        ],
      ]),
    };
    const batch = numberEvents({ seq: '1', recordedMax: null }, [updated]);
    expect(catalogToLoad(batch)).toEqual({ metric: [], source: ['ua-hur'], report: [] });
    const changes = foldCatalogBatch(batch, stored);
    expect(changes.source.historyClosures).toEqual([{ source_id: 'ua-hur', stream_version: 1, recorded_to: '2' }]);
    expect(changes.source.currents[0]).toMatchObject({ position: '1', last_position: '2', stream_version: 2, party_to_conflict: true, name: 'HUR' });
  });

  it('ignores updates of entities never registered, and other events', () => {
    const batch = numberEvents({ seq: '0', recordedMax: null }, [
      event('metric.updated.v1', { key: 'ghost', label: 'x' }, 1),
      event('figure.reported.v1', {}, 1),
    ]);
    const changes = foldCatalogBatch(batch, nothing);
    expect(changes.metric).toEqual({ currents: [], historyInserts: [], historyClosures: [] });
  });
});
