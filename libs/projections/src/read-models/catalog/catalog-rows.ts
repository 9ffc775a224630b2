import type { ColumnSpec, ColumnType, StoredTable } from '../shared/batch-rows';
import type { CursorTable } from '../shared/ledger-cursor';

/** Columns every current catalog row carries after its entity's own fields. */
export interface CatalogBookkeeping {
  stream_version: number;
  /** Position of the registration: ingestion lists the catalog in registration order. */
  position: string;
  last_position: string;
  registered_at: string;
  /** recorded_at of the latest event, so a rebuild reproduces it. */
  updated_at: string;
}

/** One row per stream version: the entity as it stood from recorded_from (a seq) to recorded_to. */
export interface CatalogHistory {
  stream_version: number;
  recorded_from: string;
  recorded_to: string | null;
  position: string;
  recorded_at: string;
  recorded_by: string | null;
}

export interface MetricFields {
  key: string;
  label: string;
  unit: string;
  description: string;
  aliases: string[];
  patterns: string[];
}

export interface SourceFields {
  source_id: string;
  name: string;
  kind: string;
  country: string | null;
  party_to_conflict: boolean;
  aliases: string[];
  needs_review: boolean;
}

export interface ReportFields {
  report_id: string;
  publisher: string;
  title: string;
  url: string | null;
  published_at: string;
  published_zone: string | null;
  language: string;
  content_hash: string | null;
}

export type CatalogEntity = 'metric' | 'source' | 'report';

/** How one kind of catalog entity maps from its events to its tables. */
export interface CatalogKind<Fields> {
  entity: CatalogEntity;
  table: string;
  historyTable: string;
  keyColumn: keyof Fields & string;
  /** Event data key of the id, and event field → column. */
  keyField: string;
  fields: Readonly<Record<string, keyof Fields & string>>;
  columns: ColumnSpec<Fields>;
}

const BOOKKEEPING_COLUMNS = {
  stream_version: 'integer',
  position: 'bigint',
  last_position: 'bigint',
  registered_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const satisfies ColumnSpec<CatalogBookkeeping>;

const HISTORY_COLUMNS = {
  stream_version: 'integer',
  recorded_from: 'bigint',
  recorded_to: 'bigint',
  position: 'bigint',
  recorded_at: 'timestamptz',
  recorded_by: 'text',
} as const satisfies ColumnSpec<CatalogHistory>;

/** A kind's columns by name, for the code generic over the kinds (its rows are `Row`s, untyped). */
type Columns = Readonly<Record<string, ColumnType>>;
export const currentColumns = (kind: AnyCatalogKind): Columns => ({ ...kind.columns, ...BOOKKEEPING_COLUMNS });
export const historyColumns = (kind: AnyCatalogKind): Columns => ({ ...kind.columns, ...HISTORY_COLUMNS });
const METRIC_COLUMNS = {
  key: 'text',
  label: 'text',
  unit: 'text',
  description: 'text',
  aliases: 'text[]',
  patterns: 'text[]',
} as const satisfies ColumnSpec<MetricFields>;
const SOURCE_COLUMNS = {
  source_id: 'text',
  name: 'text',
  kind: 'text',
  country: 'text',
  party_to_conflict: 'boolean',
  aliases: 'text[]',
  needs_review: 'boolean',
} as const satisfies ColumnSpec<SourceFields>;
const REPORT_COLUMNS = {
  report_id: 'text',
  publisher: 'text',
  title: 'text',
  url: 'text',
  published_at: 'date',
  published_zone: 'text',
  language: 'text',
  content_hash: 'text',
} as const satisfies ColumnSpec<ReportFields>;

type CurrentTable<F, S extends ColumnSpec<F>> = StoredTable<F & CatalogBookkeeping, S & typeof BOOKKEEPING_COLUMNS>;
type HistoryTable<F, S extends ColumnSpec<F>> = StoredTable<F & CatalogHistory, S & typeof HISTORY_COLUMNS>;

/** The catalog model's tables, by name inside its schema (`db.withSchema(schema).withTables<CatalogTables>()`). */
export interface CatalogTables {
  cursor: CursorTable;
  metrics: CurrentTable<MetricFields, typeof METRIC_COLUMNS>;
  metric_versions: HistoryTable<MetricFields, typeof METRIC_COLUMNS>;
  sources: CurrentTable<SourceFields, typeof SOURCE_COLUMNS>;
  source_versions: HistoryTable<SourceFields, typeof SOURCE_COLUMNS>;
  reports: CurrentTable<ReportFields, typeof REPORT_COLUMNS>;
  report_versions: HistoryTable<ReportFields, typeof REPORT_COLUMNS>;
}

export const METRIC_KIND: CatalogKind<MetricFields> = {
  entity: 'metric',
  table: 'metrics',
  historyTable: 'metric_versions',
  keyColumn: 'key',
  keyField: 'key',
  fields: { label: 'label', unit: 'unit', description: 'description', aliases: 'aliases', patterns: 'patterns' },
  columns: METRIC_COLUMNS,
};

export const SOURCE_KIND: CatalogKind<SourceFields> = {
  entity: 'source',
  table: 'sources',
  historyTable: 'source_versions',
  keyColumn: 'source_id',
  keyField: 'sourceId',
  fields: { name: 'name', kind: 'kind', country: 'country', partyToConflict: 'party_to_conflict', aliases: 'aliases', needsReview: 'needs_review' },
  columns: SOURCE_COLUMNS,
};

export const REPORT_KIND: CatalogKind<ReportFields> = {
  entity: 'report',
  table: 'reports',
  historyTable: 'report_versions',
  keyColumn: 'report_id',
  keyField: 'reportId',
  fields: {
    publisher: 'publisher',
    title: 'title',
    url: 'url',
    publishedAt: 'published_at',
    publishedZone: 'published_zone',
    language: 'language',
    contentHash: 'content_hash',
  },
  columns: REPORT_COLUMNS,
};

/** Any one of the catalog's kinds: what code generic over the three takes (their columns differ, so no single `CatalogKind<F>` covers them). */
export type AnyCatalogKind = CatalogKind<MetricFields> | CatalogKind<SourceFields> | CatalogKind<ReportFields>;

export const CATALOG_KINDS: Readonly<Record<CatalogEntity, AnyCatalogKind>> = { metric: METRIC_KIND, source: SOURCE_KIND, report: REPORT_KIND };
