import { Type, type Static } from '@sinclair/typebox';
import { AMOUNT_QUALIFIERS, FIGURE_METHODS, LedgerLimits, LedgerPatterns, REVISION_KINDS, VALID_AT_PRECISIONS } from '@factledger/ledger-domain';
import { Amount, CalendarDate, Closed, FreeText, Line, Matching, NotBlankFreeText, Nullable, OneOf, WriteResult } from '@factledger/platform';

// Field syntax only; rules across fields (a qualifier's bounds, precision vs date, unit vs metric) are the domain's (422).
const Bound = Type.Optional(Nullable(Amount()));
const AmountBody = Closed(
  { qualifier: OneOf(AMOUNT_QUALIFIERS), value: Bound, low: Bound, high: Bound },
  { description: 'exact/approximately need value; up_to needs high; at_least/more_than need low; range needs low ≤ high' },
);
const ValidAtBody = Closed({
  date: CalendarDate({ description: 'The date the figure describes', examples: ['2024-10-28'] }),
  precision: Type.Optional(OneOf(VALID_AT_PRECISIONS, { description: 'month → date is the 1st; year → 1 January (default day)' })),
});
const Slug = (what: string) => Matching(LedgerPatterns.slug, { description: `${what}: a lowercase slug (a-z, 0-9, _ and -)` });
const CitationBody = Closed({
  reportId: Slug('the report id'),
  quote: NotBlankFreeText(LedgerLimits.quoteMax, { description: 'Verbatim quote holding the figure' }),
  offset: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: 'Character offset of the quote in the report text' }))),
});
const StatedAt = Type.Optional(Nullable(CalendarDate({ description: 'When the source stated it' })));
const Unit = Type.Optional(Line(0, LedgerLimits.unitMax, { description: "Defaults to the metric's unit; if sent it must equal it" }));
const ScopeNote = Type.Optional(Nullable(FreeText(0, LedgerLimits.scopeNoteMax)));
const Method = Type.Optional(OneOf(FIGURE_METHODS, { description: 'default unknown' }));
const Reason = (description: string) => NotBlankFreeText(LedgerLimits.reasonMax, { description });

export const ReportFigureBody = Closed({
  figureId: Type.Optional(
    Matching(LedgerPatterns.uuid, { description: 'Client-chosen lowercase uuid; generated when omitted (derived from Idempotency-Key when sent)' }),
  ),
  metricKey: Matching(LedgerPatterns.metricKey, { description: 'a metric key (snake_case)' }),
  sourceId: Slug('the source id'),
  amount: AmountBody,
  unit: Unit,
  validAt: ValidAtBody,
  statedAt: StatedAt,
  citation: CitationBody,
  method: Method,
  scopeNote: ScopeNote,
});
export type ReportFigureInput = Static<typeof ReportFigureBody>;

export const ReviseFigureBody = Closed({
  revises: Type.Optional(Type.Integer({ minimum: 1, description: 'The version being revised; must still be current' })),
  kind: Type.Optional(OneOf(REVISION_KINDS, { description: 'correction (same validAt) or update (later validAt); derived when omitted' })),
  amount: AmountBody,
  unit: Unit,
  validAt: Type.Optional(ValidAtBody),
  statedAt: StatedAt,
  citation: CitationBody,
  method: Method,
  scopeNote: ScopeNote,
  reason: Reason('Why the figure changes'),
});
export type ReviseFigureInput = Static<typeof ReviseFigureBody>;

export const CorroborateFigureBody = Closed({
  citation: CitationBody,
  sourceId: Type.Optional(Nullable(Slug('who repeated the claim, when known'))),
});
export type CorroborateFigureInput = Static<typeof CorroborateFigureBody>;

export const RetractFigureBody = Closed({ reason: Reason('Why the figure is retracted'), citation: Type.Optional(Nullable(CitationBody)) });
export type RetractFigureInput = Static<typeof RetractFigureBody>;

// Figure ids are lowercase uuids (the domain's rule): any other id is malformed (400), not merely absent.
export const FigureIdParams = Closed({ id: Matching(LedgerPatterns.uuid, { description: 'a figure id (a lowercase uuid)' }) });

// The stored figure (FigureView), as the domain folds it.
const StoredAmount = Type.Union([
  Closed({ qualifier: OneOf(['exact', 'approximately'] as const), value: Type.Number() }),
  Closed({ qualifier: Type.Literal('up_to'), high: Type.Number() }),
  Closed({ qualifier: OneOf(['at_least', 'more_than'] as const), low: Type.Number() }),
  Closed({ qualifier: Type.Literal('range'), low: Type.Number(), high: Type.Number() }),
]);
const StoredCitation = Closed({ reportId: Type.String(), quote: Type.String(), offset: Nullable(Type.Integer()) });
const VersionView = Closed({
  version: Type.Integer({ minimum: 1 }),
  kind: OneOf(['reported', 'correction', 'update'] as const),
  revises: Nullable(Type.Integer({ minimum: 1 })),
  amount: StoredAmount,
  validAt: Closed({ date: Type.String(), precision: OneOf(VALID_AT_PRECISIONS) }),
  statedAt: Nullable(Type.String()),
  citation: StoredCitation,
  method: OneOf(FIGURE_METHODS),
  scopeNote: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  standing: OneOf(['current', 'superseded', 'corrected'] as const),
  replacedBy: Nullable(Type.Integer({ minimum: 1 })),
});
export const FigureView = Closed({
  figureId: Type.String(),
  metricKey: Type.String(),
  sourceId: Type.String(),
  unit: Type.String(),
  status: OneOf(['active', 'retracted'] as const),
  currentVersion: Type.Integer({ minimum: 1 }),
  current: VersionView,
  versions: Type.Array(VersionView),
  timeline: Type.Array(VersionView),
  corroborations: Type.Array(Closed({ citation: StoredCitation, sourceId: Nullable(Type.String()) })),
  citations: Type.Array(StoredCitation),
  citedReportIds: Type.Array(Type.String()),
  retraction: Nullable(Closed({ reason: Type.String(), citation: Nullable(StoredCitation) })),
});

export const FigureWriteResult = WriteResult(FigureView, 'The figure after the write (ETag: its stream version)');
export const FigureRead = Closed(
  { data: FigureView, streamVersion: Type.Integer({ minimum: 1 }) },
  { description: 'The figure with every version and citation (ETag: its stream version)' },
);
