import { Type } from '@sinclair/typebox';
import { SOURCE_KINDS } from '@factledger/ledger-domain';
import { Closed, metricViewFields, Nullable, reportViewFields } from '@factledger/platform';
import { AmountView, catalogBookkeeping, PagedRead, Read, ValidAtView } from './read-schemas';

/** Response schemas of the metric and figure reads (the views the query layer builds). */

const Recorded = Closed({ position: Type.String(), recordedAt: Type.String(), by: Nullable(Type.String()) });

/** FigureAtBasis */
export const FigureAtBasisView = Closed({
  figureId: Type.String(),
  metricKey: Type.String(),
  sourceId: Type.String(),
  unit: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  kind: Type.Union([Type.Literal('reported'), Type.Literal('correction'), Type.Literal('update')]),
  amount: AmountView,
  normalised: Closed({ point: Type.Number(), low: Nullable(Type.Number()), high: Nullable(Type.Number()) }),
  validAt: ValidAtView,
  validUntil: Nullable(Type.String()),
  statedAt: Nullable(Type.String()),
  method: Type.String(),
  scopeNote: Nullable(Type.String()),
  citation: Closed({ reportId: Type.String(), quote: Type.String(), offset: Nullable(Type.Integer()) }),
  recorded: Recorded,
});

/** A metric in the catalog, with links to its estimate and figures. */
export const MetricCatalogView = Closed({
  ...metricViewFields,
  ...catalogBookkeeping,
  links: Closed({ estimate: Type.String(), figures: Type.String() }),
});

const estimateSource = {
  sourceId: Type.String(),
  figureId: Type.String(),
  partyToConflict: Type.Boolean(),
  amount: AmountView,
  validAt: ValidAtView,
  point: Type.Number(),
  low: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
  recordedPosition: Type.String(),
  recordedAt: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  citation: Closed({ reportId: Type.String(), quote: Type.String(), offset: Nullable(Type.Integer()) }),
};
const estimateFields = {
  metricKey: Type.String(),
  unit: Type.String(),
  consensus: Nullable(Type.Number()),
  low: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
  sourceCount: Type.Integer({ minimum: 0 }),
  figureIds: Type.Array(Type.String()),
  excludeParties: Type.Boolean(),
  excludedSources: Type.Array(Type.String()),
  lastChange: Nullable(Closed({ position: Type.String(), recordedAt: Type.String() })),
};
/** MetricEstimate: version 1, or version 2 with verification and what it left out. */
export const MetricEstimateView = Type.Union([
  Closed(
    { algorithmVersion: Type.Literal(1), ...estimateFields, sources: Type.Array(Closed(estimateSource)) },
    { description: 'Algorithm version 1' },
  ),
  Closed(
    {
      algorithmVersion: Type.Literal(2),
      ...estimateFields,
      sources: Type.Array(Closed({ ...estimateSource, verified: Type.Boolean() })),
      includeUnverified: Type.Boolean(),
      excluded: Type.Array(
        Closed({
          figureId: Type.String(),
          sourceId: Type.String(),
          reason: Type.Union([Type.Literal('source.unverified'), Type.Literal('source.party_to_conflict')]),
        }),
      ),
    },
    { description: 'Algorithm version 2' },
  ),
]);

export const MetricListResponse = PagedRead(MetricCatalogView, 'Metrics in key order, as registered at the basis');
export const MetricResponse = Read(MetricCatalogView, 'The metric as registered at the basis');
export const EstimateResponse = Read(MetricEstimateView, 'The consensus estimate at the basis');
export const FigurePageResponse = PagedRead(FigureAtBasisView, 'Figures held at the basis, each in its version valid at validAt');

/** CitationView: a figure's version or corroboration citing a report. */
export const CitationViewSchema = Closed({
  figureId: Type.String(),
  kind: Type.Union([Type.Literal('version'), Type.Literal('corroboration'), Type.Literal('retraction')]),
  version: Nullable(Type.Integer()),
  quote: Type.String(),
  offset: Nullable(Type.Integer()),
  citedBySourceId: Nullable(Type.String()),
  recorded: Recorded,
});

const BeliefPeriodView = Closed({
  recorded: Closed({
    fromPosition: Type.String(),
    fromRecordedAt: Type.String(),
    toPosition: Nullable(Type.String()),
    toRecordedAt: Nullable(Type.String()),
  }),
  valid: Closed({ from: Type.String(), to: Nullable(Type.String()) }),
  closedBy: Nullable(
    Closed({
      kind: Type.Union([Type.Literal('update'), Type.Literal('correction'), Type.Literal('retraction')]),
      version: Nullable(Type.Integer()),
      position: Type.String(),
      actor: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
  atBasis: Type.Boolean(),
});

/** FigureHistory */
export const FigureHistoryView = Closed({
  figureId: Type.String(),
  metricKey: Type.String(),
  sourceId: Type.String(),
  unit: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retracted')]),
  retraction: Nullable(Closed({ reason: Nullable(Type.String()), position: Type.String(), recordedAt: Type.String(), by: Nullable(Type.String()) })),
  versions: Type.Array(
    Closed({
      version: Type.Integer({ minimum: 1 }),
      kind: FigureAtBasisView.properties.kind,
      revises: Nullable(Type.Integer()),
      amount: AmountView,
      validAt: ValidAtView,
      statedAt: Nullable(Type.String()),
      method: Type.String(),
      scopeNote: Nullable(Type.String()),
      citation: FigureAtBasisView.properties.citation,
      reason: Nullable(Type.String()),
      recorded: Closed({
        position: Type.String(),
        recordedAt: Type.String(),
        by: Nullable(Type.String()),
        requestId: Nullable(Type.String()),
        reason: Nullable(Type.String()),
      }),
      beliefs: Type.Array(BeliefPeriodView),
    }),
  ),
  corroborations: Type.Array(CitationViewSchema),
  versionAtBasis: Nullable(Type.Integer()),
});
export const FigureHistoryResponse = Read(
  FigureHistoryView,
  'Every version of the figure and every period the ledger held it, as known at the basis',
);

/** A report as held at the basis, with the figures citing it (ReportCitation). */
const reportFields = {
  ...reportViewFields,
  ...catalogBookkeeping,
};
export const ReportView = Closed({
  ...reportFields,
  citations: Type.Array(
    Closed({
      ...CitationViewSchema.properties,
      metricKey: Type.String(),
      sourceId: Type.String(),
      figureStatus: Type.Union([Type.Literal('active'), Type.Literal('retracted')]),
      figureAtBasis: Nullable(FigureAtBasisView),
    }),
  ),
});
export const ReportResponse = Closed(
  { data: ReportView, basis: MetricResponse.properties.basis, page: FigurePageResponse.properties.page },
  { description: 'The report as held at the basis, with a page of the figures that cite it' },
);

/** MetricTimeline: every figure's history, and the sources and reports they name as registered at the basis. */
export const TimelineResponse = Read(
  Closed({
    metricKey: Type.String(),
    unit: Type.String(),
    figures: Type.Array(FigureHistoryView),
    truncated: Type.Boolean(),
    sources: Type.Array(
      Closed({
        sourceId: Type.String(),
        name: Type.String(),
        kind: Type.Union(SOURCE_KINDS.map((k) => Type.Literal(k))),
        country: Nullable(Type.String()),
        partyToConflict: Type.Boolean(),
        aliases: Type.Array(Type.String()),
        needsReview: Type.Boolean(),
        ...catalogBookkeeping,
      }),
    ),
    reports: Type.Array(Closed(reportFields)),
  }),
  "The metric's whole history at the basis",
);
