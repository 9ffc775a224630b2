import type { RecordedEvent } from '@factledger/event-store';
import type { Amount, Citation, ValidAt } from '@factledger/ledger-domain';
import { cmp, normalise } from './reference-estimate';

/**
 * The reference for the read-model property test: a fold of the raw event log,
 * event by event, written from the READMEs' text alone. It shares no code with
 * the read models (no SQL, seq numbers or belief rows) nor with the domain's
 * estimate and views (no computeEstimate, figureView, normaliseAmount, evolve;
 * the estimate itself is in reference-estimate.ts):
 * only type declarations are imported. Its answers have the shapes the query
 * functions return, so a test compares whole answers.
 *
 * Every method answers "as of the events folded so far"; snapshot a reference
 * with `structuredClone` to keep the answer at a position.
 */

/** An event as every view cites it. */
interface Recorded {
  position: string;
  recordedAt: string;
  actor: string | null;
  requestId: string | null;
  /** The metadata's reason (the request's), not the event's. */
  reason: string | null;
}

interface RefVersion {
  version: number;
  kind: 'reported' | 'correction' | 'update';
  revises: number | null;
  amount: Amount;
  validAt: ValidAt;
  statedAt: string | null;
  method: string;
  scopeNote: string | null;
  citation: Citation;
  reason: string | null;
  recorded: Recorded;
}

/** A version believed, from one event to another, valid from one date to another. */
interface RefBelief {
  version: number;
  validFrom: string;
  validTo: string | null;
  from: Recorded;
  to: Recorded | null;
  closedBy: {
    kind: 'update' | 'correction' | 'retraction';
    version: number | null;
    position: string;
    actor: string | null;
    reason: string | null;
  } | null;
}

interface RefCitation {
  figureId: string;
  reportId: string;
  kind: 'version' | 'corroboration' | 'retraction';
  version: number | null;
  quote: string;
  offset: number | null;
  citedBySourceId: string | null;
  recorded: Recorded;
}

interface RefFigure {
  figureId: string;
  metricKey: string;
  sourceId: string;
  unit: string;
  versions: RefVersion[];
  beliefs: RefBelief[];
  retraction: { reason: string; recorded: Recorded } | null;
}

interface RefCatalogEntry {
  fields: Record<string, unknown>;
  streamVersion: number;
  lastPosition: string;
  updatedAt: string;
}

export class ReferenceLedger {
  /** Every metric of the log (runs share one database, and the metric list shows them all). */
  readonly metrics = new Map<string, RefCatalogEntry>();
  readonly sources = new Map<string, RefCatalogEntry>();
  readonly reports = new Map<string, RefCatalogEntry>();
  readonly figures = new Map<string, RefFigure>();
  /** Every citation in log order. */
  readonly citations: RefCitation[] = [];
  /** Per metric: the last report, revision or retraction of one of its figures. */
  readonly lastChange = new Map<string, Recorded>();
  /** The last event folded. */
  last: Recorded | null = null;

  /** A copy that later events do not change: the reference at this position. */
  clone(): ReferenceLedger {
    return Object.assign(new ReferenceLedger(), structuredClone({ ...this }));
  }

  apply(event: RecordedEvent): void {
    const data = event.data as Record<string, any>;
    const metadata = (event.metadata ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const at: Recorded = {
      position: event.position,
      recordedAt: event.recordedAt.toISOString(),
      actor: text(metadata.actor),
      requestId: text(metadata.requestId),
      reason: text(metadata.reason),
    };
    this.last = at;
    const [entity, change] = event.type.split('.');
    if (entity === 'metric' || entity === 'source' || entity === 'report') {
      const catalog = entity === 'metric' ? this.metrics : entity === 'source' ? this.sources : this.reports;
      const id = String(data[entity === 'metric' ? 'key' : entity === 'source' ? 'sourceId' : 'reportId']);
      const before = catalog.get(id);
      if (change === 'registered' ? before : !before) return; // never produced by the write side
      catalog.set(id, {
        fields: { ...before?.fields, ...data },
        streamVersion: event.streamVersion,
        lastPosition: at.position,
        updatedAt: at.recordedAt,
      });
      return;
    }
    if (entity !== 'figure') return;
    const figure = this.figures.get(data.figureId);
    switch (event.type) {
      case 'figure.reported.v1': {
        if (figure) return;
        const reported: RefFigure = {
          figureId: data.figureId,
          metricKey: data.metricKey,
          sourceId: data.sourceId,
          unit: data.unit,
          versions: [],
          beliefs: [],
          retraction: null,
        };
        this.figures.set(data.figureId, reported);
        reported.versions.push({ version: 1, kind: 'reported', revises: null, ...this.versionFields(data), reason: null, recorded: at });
        this.believe(reported, at, null);
        this.cite(reported, 'version', 1, data.citation, null, at);
        this.lastChange.set(reported.metricKey, at);
        return;
      }
      case 'figure.revised.v1':
        if (!figure || figure.retraction) return;
        figure.versions.push({
          version: data.revision,
          kind: data.kind,
          revises: data.revises,
          ...this.versionFields(data),
          reason: data.reason,
          recorded: at,
        });
        this.believe(figure, at, { kind: data.kind, version: data.revision, position: at.position, actor: at.actor, reason: data.reason });
        this.cite(figure, 'version', data.revision, data.citation, null, at);
        this.lastChange.set(figure.metricKey, at);
        return;
      case 'figure.corroborated.v1':
        if (!figure) return;
        this.cite(figure, 'corroboration', null, data.citation, data.sourceId ?? null, at);
        return;
      case 'figure.retracted.v1':
        if (!figure || figure.retraction) return;
        figure.retraction = { reason: data.reason, recorded: at };
        this.believe(figure, at, { kind: 'retraction', version: null, position: at.position, actor: at.actor, reason: data.reason });
        if (data.citation) this.cite(figure, 'retraction', null, data.citation, null, at);
        this.lastChange.set(figure.metricKey, at);
        return;
    }
  }

  private versionFields(data: Record<string, any>) {
    return {
      amount: data.amount as Amount,
      validAt: data.validAt as ValidAt,
      statedAt: data.statedAt ?? null,
      method: data.method,
      scopeNote: data.scopeNote ?? null,
      citation: { reportId: data.citation.reportId, quote: data.citation.quote, offset: data.citation.offset ?? null },
    };
  }

  private cite(figure: RefFigure, kind: RefCitation['kind'], version: number | null, citation: Citation, citedBy: string | null, at: Recorded): void {
    this.citations.push({
      figureId: figure.figureId,
      reportId: citation.reportId,
      kind,
      version,
      quote: citation.quote,
      offset: citation.offset ?? null,
      citedBySourceId: citedBy,
      recorded: at,
    });
  }

  /**
   * What the figure says about each date, from its versions as they now stand:
   * nothing once retracted; otherwise every version not corrected (a correction
   * replaces the version before it for its dates), in date order, each valid
   * from its own date until the next one's (an update leaves the earlier
   * version valid until the new date).
   */
  private static timeline(figure: RefFigure): { version: number; from: string; to: string | null }[] {
    if (figure.retraction) return [];
    const standing = figure.versions.filter((v, i) => figure.versions[i + 1]?.kind !== 'correction');
    const byDate = [...standing].sort((a, b) => cmp(a.validAt.date, b.validAt.date) || a.version - b.version);
    return byDate.map((v, i) => ({ version: v.version, from: v.validAt.date, to: byDate[i + 1]?.validAt.date ?? null }));
  }

  /**
   * Belief periods: a version's belief about its valid range lasts from the
   * event that gave it that range to the event that changed or ended it.
   */
  private believe(figure: RefFigure, at: Recorded, closedBy: RefBelief['closedBy']): void {
    const now = ReferenceLedger.timeline(figure);
    for (const belief of figure.beliefs) {
      if (belief.to) continue;
      const same = now.find((t) => t.version === belief.version && t.from === belief.validFrom && t.to === belief.validTo);
      if (!same) Object.assign(belief, { to: at, closedBy });
    }
    for (const t of now) {
      if (!figure.beliefs.some((b) => !b.to && b.version === t.version))
        figure.beliefs.push({ version: t.version, validFrom: t.from, validTo: t.to, from: at, to: null, closedBy: null });
    }
  }

  // ---- answers ------------------------------------------------------------

  /** The position a basis names: the last event folded, "0" before any; a read that names no algorithm version gets the latest. */
  basis(validAt: string, algorithmVersion = 2) {
    return { position: this.last?.position ?? '0', recordedAt: this.last?.recordedAt ?? null, validAt, algorithmVersion };
  }

  /** The version of the figure held now and valid at `date`, with the date it stops being valid. */
  heldVersion(figureId: string, date: string): { version: RefVersion; validTo: string | null } | null {
    const figure = this.figures.get(figureId)!;
    const belief = figure.beliefs.find((b) => !b.to && b.validFrom <= date && (b.validTo === null || date < b.validTo));
    return belief ? { version: figure.versions.find((v) => v.version === belief.version)!, validTo: belief.validTo } : null;
  }

  figureAtBasis(figureId: string, date: string) {
    const held = this.heldVersion(figureId, date);
    if (!held) return null;
    const figure = this.figures.get(figureId)!;
    const { version: v, validTo } = held;
    return {
      figureId,
      metricKey: figure.metricKey,
      sourceId: figure.sourceId,
      unit: figure.unit,
      version: v.version,
      kind: v.kind,
      amount: v.amount,
      normalised: normalise(v.amount),
      validAt: v.validAt,
      validUntil: validTo,
      statedAt: v.statedAt,
      method: v.method,
      scopeNote: v.scopeNote,
      citation: v.citation,
      recorded: { position: v.recorded.position, recordedAt: v.recorded.recordedAt, by: v.recorded.actor },
    };
  }

  /** The metric's figures held now, valid at the date, in (source, figure) order; optionally of one source. */
  metricFigures(metricKey: string, date: string, sourceId?: string) {
    if (!this.metrics.has(metricKey)) return null;
    return this.figureList(
      (f) => f.metricKey === metricKey && (sourceId === undefined || f.sourceId === sourceId),
      date,
      (f) => [f.sourceId, f.figureId],
    );
  }

  /** The source's figures held now, valid at the date, in (metric, figure) order; optionally of one metric. */
  sourceFigures(sourceId: string, date: string, metricKey?: string) {
    if (!this.sources.has(sourceId)) return null;
    return this.figureList(
      (f) => f.sourceId === sourceId && (metricKey === undefined || f.metricKey === metricKey),
      date,
      (f) => [f.metricKey, f.figureId],
    );
  }

  private figureList(filter: (f: RefFigure) => boolean, date: string, key: (f: RefFigure) => string[]) {
    return [...this.figures.values()]
      .filter(filter)
      .sort((a, b) => cmpKeys(key(a), key(b)))
      .flatMap((f) => {
        const view = this.figureAtBasis(f.figureId, date);
        return view ? [view] : [];
      });
  }

  /** Every version of the figure, with its belief periods and what closed them; null before it was reported. */
  figureHistory(figureId: string, date: string) {
    const figure = this.figures.get(figureId);
    if (!figure) return null;
    const held = this.heldVersion(figureId, date);
    return {
      figureId,
      metricKey: figure.metricKey,
      sourceId: figure.sourceId,
      unit: figure.unit,
      status: figure.retraction ? 'retracted' : 'active',
      retraction: figure.retraction
        ? {
            reason: figure.retraction.reason,
            position: figure.retraction.recorded.position,
            recordedAt: figure.retraction.recorded.recordedAt,
            by: figure.retraction.recorded.actor,
          }
        : null,
      versions: figure.versions.map((v) => ({
        version: v.version,
        kind: v.kind,
        revises: v.revises,
        amount: v.amount,
        validAt: v.validAt,
        statedAt: v.statedAt,
        method: v.method,
        scopeNote: v.scopeNote,
        citation: v.citation,
        reason: v.reason,
        recorded: {
          position: v.recorded.position,
          recordedAt: v.recorded.recordedAt,
          by: v.recorded.actor,
          requestId: v.recorded.requestId,
          reason: v.recorded.reason,
        },
        beliefs: figure.beliefs
          .filter((b) => b.version === v.version)
          .map((b) => ({
            recorded: {
              fromPosition: b.from.position,
              fromRecordedAt: b.from.recordedAt,
              toPosition: b.to?.position ?? null,
              toRecordedAt: b.to?.recordedAt ?? null,
            },
            valid: { from: b.validFrom, to: b.validTo },
            closedBy: b.closedBy,
            atBasis: !b.to && b.validFrom <= date && (b.validTo === null || date < b.validTo),
          })),
      })),
      corroborations: this.citations.filter((c) => c.figureId === figureId && c.kind === 'corroboration').map(citationView),
      versionAtBasis: held?.version.version ?? null,
    };
  }

  /** A report with every citation of it so far, oldest first. */
  report(reportId: string, date: string) {
    const report = this.reports.get(reportId);
    if (!report) return null;
    return {
      ...catalogView(report),
      citations: this.citations
        .filter((c) => c.reportId === reportId)
        .map((c) => {
          const figure = this.figures.get(c.figureId)!;
          return {
            ...citationView(c),
            metricKey: figure.metricKey,
            sourceId: figure.sourceId,
            figureStatus: figure.retraction ? 'retracted' : 'active',
            figureAtBasis: this.figureAtBasis(c.figureId, date),
          };
        }),
    };
  }

  metric(key: string) {
    const metric = this.metrics.get(key);
    return metric ? { ...catalogView(metric), links: { estimate: `/v1/metrics/${key}/estimate`, figures: `/v1/metrics/${key}/figures` } } : null;
  }

  /** Every metric, in key order (the database collates bytewise, C.UTF-8). */
  metricList() {
    return [...this.metrics.keys()].sort(cmp).map((key) => this.metric(key)!);
  }
}

const cmpKeys = (a: string[], b: string[]) => a.reduce((r, k, i) => r || cmp(k, b[i]!), 0);

const citationView = (c: RefCitation) => ({
  figureId: c.figureId,
  kind: c.kind,
  version: c.version,
  quote: c.quote,
  offset: c.offset,
  citedBySourceId: c.citedBySourceId,
  recorded: { position: c.recorded.position, recordedAt: c.recorded.recordedAt, by: c.recorded.actor },
});

/** A catalog entry in the write API's field names, with its version and last change. */
const catalogView = (entry: RefCatalogEntry) => ({
  ...entry.fields,
  streamVersion: entry.streamVersion,
  lastPosition: entry.lastPosition,
  updatedAt: entry.updatedAt,
});
