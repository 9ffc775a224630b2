import type { Citation } from './citation';
import type { Corroboration, FigureState, FigureVersion, Retraction } from './figure.state';

/**
 * How a version stands today:
 * - `current`: the latest version;
 * - `superseded`: a later-dated update followed it; still believed for its own validAt;
 * - `corrected`: a correction followed it; no longer believed.
 */
export type VersionStanding = 'current' | 'superseded' | 'corrected';

export interface FigureVersionView extends FigureVersion {
  standing: VersionStanding;
  /** The version that replaced this one; null for the current version. */
  replacedBy: number | null;
}

export interface FigureView {
  figureId: string;
  metricKey: string;
  sourceId: string;
  unit: string;
  status: 'active' | 'retracted';
  currentVersion: number;
  /** The latest version: what the ledger currently holds for this figure. */
  current: FigureVersionView;
  /** Every version, oldest first. */
  versions: FigureVersionView[];
  /** What the ledger believes over time: versions not corrected, ascending validAt. */
  timeline: FigureVersionView[];
  corroborations: Corroboration[];
  /** Every citation behind the figure: each version's, then each corroboration's, then the retraction's. */
  citations: Citation[];
  citedReportIds: string[];
  retraction: Retraction | null;
}

/** The figure with its full provenance, for `GET /v1/figures/{id}`; null when the stream is empty. */
export const figureView = (state: FigureState): FigureView | null => {
  if (state.status === 'empty') return null;
  // Revisions always replace the current version, so version n is replaced by n + 1.
  const versions: FigureVersionView[] = state.versions.map((version, i) => {
    const next = state.versions[i + 1];
    if (next === undefined) return { ...version, standing: 'current', replacedBy: null };
    return { ...version, standing: next.kind === 'correction' ? 'corrected' : 'superseded', replacedBy: next.version };
  });
  const current = versions[state.currentVersion - 1];
  return {
    figureId: state.figureId,
    metricKey: state.metricKey,
    sourceId: state.sourceId,
    unit: state.unit,
    status: state.status,
    currentVersion: state.currentVersion,
    current,
    versions,
    timeline: versions.filter((version) => version.standing !== 'corrected'),
    corroborations: state.corroborations,
    citations: [
      ...state.versions.map((version) => version.citation),
      ...state.corroborations.map((corroboration) => corroboration.citation),
      ...(state.retraction?.citation ? [state.retraction.citation] : []),
    ],
    citedReportIds: state.citedReportIds,
    retraction: state.retraction,
  };
};
