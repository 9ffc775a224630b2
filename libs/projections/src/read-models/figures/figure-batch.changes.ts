import type { CitationRow, FigureMetricRow, FigureVersionRow, MetricSourceRow, SourcePartyClosure, SourcePartyRow } from './figure-rows';

/** A stored figure as the fold needs it: identity, current version, and whether it is still active. */
export type StoredFigure = Pick<FigureVersionRow, 'figure_id' | 'metric_key' | 'source_id' | 'unit' | 'version'> & { active: boolean };

/**
 * What the batch needs of the stored model: the figures it touches, read
 * from their current version's row (never all their version rows: stored
 * rows are copied and closed in SQL, see StoredVersionOps), and the open
 * flags rows of sources it updates.
 */
export interface StoredFigureState {
  figures: ReadonlyMap<string, StoredFigure>;
  sourceParties: ReadonlyMap<string, SourcePartyRow>;
}

export type Closure = Pick<
  FigureVersionRow,
  'recorded_to' | 'recorded_to_position' | 'recorded_to_at' | 'closed_by' | 'closed_by_version' | 'closed_actor' | 'closed_reason'
>;

/**
 * Changes to version rows stored before the batch, applied in this order:
 * `copies` re-insert a stored open row believed anew from a seq with its valid
 * range ended (an update), `closes` end the stored open row of a version
 * whose valid range is still open (update or correction), `retractions` end
 * every stored open row of a figure, copies included.
 */
export interface StoredVersionOps {
  copies: { figure_id: string; version: number; recorded_from: string; recorded_from_position: string; recorded_from_at: string; valid_to: string }[];
  closes: ({ figure_id: string; version: number } & Closure)[];
  retractions: ({ figure_id: string } & Closure)[];
}

/** The batch's effect, written set-based: a few statements whatever the batch size. */
export interface FigureBatchChanges {
  stored: StoredVersionOps;
  /** New version rows (some already closed within the batch). */
  versionInserts: FigureVersionRow[];
  citations: CitationRow[];
  partyInserts: SourcePartyRow[];
  partyClosures: SourcePartyClosure[];
  metrics: FigureMetricRow[];
  /** Metric–source pairs seen in the batch (first seq each); stored ones are kept as they are. */
  metricSources: MetricSourceRow[];
}

export const noFigureChanges = (): FigureBatchChanges => ({
  stored: { copies: [], closes: [], retractions: [] },
  versionInserts: [],
  citations: [],
  partyInserts: [],
  partyClosures: [],
  metrics: [],
  metricSources: [],
});
