import type { SeqEvent } from '../shared/ledger-cursor';
import { provenanceOf } from '../shared/event-metadata';
import { catalogChangeOf } from './catalog-change';
import type { AnyCatalogKind, CatalogEntity } from './catalog-rows';

type Row = Record<string, unknown>;

/** Stored current rows of the entities the batch updates, per kind, by key. */
export type StoredCatalog = Readonly<Record<CatalogEntity, ReadonlyMap<string, Row>>>;

export interface CatalogKindChanges {
  /** Final current rows of every touched entity. */
  currents: Row[];
  historyInserts: Row[];
  /** Stored history rows to close: key, stream_version, recorded_to. */
  historyClosures: Row[];
}

export type CatalogBatchChanges = Record<CatalogEntity, CatalogKindChanges>;

/** Keys, per kind, of entities updated in the batch but registered before it. */
export function catalogToLoad(events: readonly SeqEvent[]): Record<CatalogEntity, string[]> {
  const registered = new Set<string>();
  const needed: Record<CatalogEntity, Set<string>> = { metric: new Set(), source: new Set(), report: new Set() };
  for (const { event } of events) {
    const change = catalogChangeOf(event);
    if (!change) continue;
    const id = `${change.kind.entity}:${change.key}`;
    if (change.change === 'registered') registered.add(id);
    else if (!registered.has(id)) needed[change.kind.entity].add(change.key);
  }
  return { metric: [...needed.metric], source: [...needed.source], report: [...needed.report] };
}

/**
 * Folds the batch's catalog events in log order into final current rows and
 * history rows (one per stream version). Pure, like the figures fold; an
 * update of an entity that was never registered is ignored, as evolve does.
 */
export function foldCatalogBatch(events: readonly SeqEvent[], stored: StoredCatalog): CatalogBatchChanges {
  const working: Record<CatalogEntity, Map<string, { current: Row; open: Row | null; storedOpen: boolean }>> = {
    metric: new Map(),
    source: new Map(),
    report: new Map(),
  };
  for (const entity of Object.keys(working) as CatalogEntity[]) {
    for (const [key, row] of stored[entity]) working[entity].set(key, { current: { ...row }, open: null, storedOpen: true });
  }
  const changes: CatalogBatchChanges = {
    metric: { currents: [], historyInserts: [], historyClosures: [] },
    source: { currents: [], historyInserts: [], historyClosures: [] },
    report: { currents: [], historyInserts: [], historyClosures: [] },
  };
  const touched: Record<CatalogEntity, Set<string>> = { metric: new Set(), source: new Set(), report: new Set() };

  for (const n of events) {
    const parsed = catalogChangeOf(n.event);
    if (!parsed) continue;
    const { kind, change, key, data } = parsed;
    const entities = working[kind.entity];
    let entity = entities.get(key);
    if (change === 'registered') {
      if (entity) continue;
      entity = { current: { [kind.keyColumn]: key, position: n.logged.position, registered_at: n.recordedAt }, open: null, storedOpen: false };
      entities.set(key, entity);
    } else {
      if (!entity) continue;
      // The open history row is the one of the current stream version.
      if (entity.storedOpen) {
        changes[kind.entity].historyClosures.push({ [kind.keyColumn]: key, stream_version: entity.current.stream_version, recorded_to: n.seq });
        entity.storedOpen = false;
      } else if (entity.open) {
        entity.open.recorded_to = n.seq;
      }
    }
    applyFields(kind, entity.current, data);
    Object.assign(entity.current, { stream_version: n.logged.streamVersion, last_position: n.logged.position, updated_at: n.recordedAt });
    entity.open = historyRow(kind, entity.current, n);
    changes[kind.entity].historyInserts.push(entity.open);
    touched[kind.entity].add(key);
  }
  for (const entity of Object.keys(touched) as CatalogEntity[]) {
    changes[entity].currents = [...touched[entity]].map((key) => working[entity].get(key)!.current);
  }
  return changes;
}

function applyFields(kind: AnyCatalogKind, row: Row, data: object): void {
  for (const [field, value] of Object.entries(data)) {
    const column = Object.hasOwn(kind.fields, field) ? kind.fields[field] : undefined;
    if (column && value !== undefined) row[column] = value;
  }
}

function historyRow(kind: AnyCatalogKind, current: Row, n: SeqEvent): Row {
  const row: Row = {};
  for (const column of Object.keys(kind.columns)) row[column] = current[column] ?? null;
  return {
    ...row,
    stream_version: current.stream_version,
    recorded_from: n.seq,
    recorded_to: null,
    position: n.logged.position,
    recorded_at: n.recordedAt,
    recorded_by: provenanceOf(n.logged).actor,
  };
}
