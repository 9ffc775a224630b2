import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { foldRecorded, handleCommand, type EventStore } from '@factledger/event-store';
import {
  figureDecider,
  figureStreamId,
  metricDecider,
  metricStreamId,
  reportDecider,
  reportStreamId,
  sourceDecider,
  sourceStreamId,
  type AmountInput,
} from '@factledger/ledger-domain';
import { isDomainError, type Decider, type DomainEvent } from '@factledger/shared';

/**
 * Random write commands for property tests, run through the real deciders and
 * event store. Entities are numbered small so commands hit the same ones;
 * every name is namespaced by run so runs share one database.
 */
export type LedgerCommandSpec =
  | { t: 'metric'; m: number }
  | { t: 'source'; s: number; party: boolean; unverified: boolean }
  | { t: 'sourceParty'; s: number; party: boolean }
  | { t: 'sourceReview'; s: number; needsReview: boolean }
  | { t: 'report'; r: number }
  | { t: 'metricUpdate'; m: number; label: number }
  | { t: 'reportUpdate'; r: number; title: number; url: boolean }
  | { t: 'figure'; m: number; s: number; r: number; amount: AmountInput; day: number; extra?: FigureExtra }
  | { t: 'revise'; f: number; update: boolean; days: number; amount: AmountInput; r: number; extra?: FigureExtra }
  | { t: 'corroborate'; f: number; r: number; by?: number | null }
  | { t: 'retract'; f: number; r?: number | null };

/** Optional fields a figure or revision may carry: they must reach every view as stated. */
export interface FigureExtra {
  offset: number | null;
  statedDay: number | null;
  scopeNote: string | null;
}

export const METRICS = 2;
const SOURCES = 3;
const REPORTS = 3;
export const NOW = '2024-12-01T00:00:00.000Z';
const BASE_DAY = Date.UTC(2024, 9, 1);
export const dayOf = (offset: number): string => new Date(BASE_DAY + offset * 86_400_000).toISOString().slice(0, 10);

const bound = fc.integer({ min: 1, max: 80_000 }).map((n) => n / 4); // quarters: amounts need not be whole
export const amountArb: fc.Arbitrary<AmountInput> = fc.oneof(
  fc.record({ qualifier: fc.constantFrom('exact' as const, 'approximately' as const), value: bound }),
  fc.record({ qualifier: fc.constant('up_to' as const), high: bound }),
  fc.record({ qualifier: fc.constantFrom('at_least' as const, 'more_than' as const), low: bound }),
  fc.tuple(bound, bound).map(([a, b]) => ({ qualifier: 'range' as const, low: Math.min(a, b), high: Math.max(a, b) })),
);

const extraArb: fc.Arbitrary<FigureExtra | undefined> = fc
  .option(
    fc.record({
      offset: fc.option(fc.nat(5000)),
      statedDay: fc.option(fc.nat(40)),
      scopeNote: fc.option(fc.constantFrom('in Kursk', 'front line', 'total')),
    }),
    { freq: 2 },
  )
  .map((extra) => extra ?? undefined);

const commandArb: fc.Arbitrary<LedgerCommandSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('sourceParty' as const), s: fc.nat(SOURCES - 1), party: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('sourceReview' as const), s: fc.nat(SOURCES - 1), needsReview: fc.boolean() }) },
  {
    weight: 7,
    arbitrary: fc.record({
      t: fc.constant('figure' as const),
      m: fc.nat(METRICS - 1),
      s: fc.nat(SOURCES - 1),
      r: fc.nat(REPORTS - 1),
      amount: amountArb,
      day: fc.nat(12),
      extra: extraArb,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('revise' as const),
      f: fc.nat(20),
      update: fc.boolean(),
      days: fc.integer({ min: 1, max: 4 }),
      amount: amountArb,
      r: fc.nat(REPORTS - 1),
      extra: extraArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('corroborate' as const), f: fc.nat(20), r: fc.nat(REPORTS - 1), by: fc.option(fc.nat(SOURCES - 1)) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('retract' as const), f: fc.nat(20), r: fc.option(fc.nat(REPORTS - 1)) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('metricUpdate' as const), m: fc.nat(METRICS - 1), label: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reportUpdate' as const), r: fc.nat(REPORTS - 1), title: fc.nat(3), url: fc.boolean() }) },
);

/**
 * Every run holds the cases a property must not pass without: one source with
 * two figures of a metric, a second source on it, unverified when it reports
 * and verified a few commands later, a figure updated (its first
 * version still valid before the new date), one corrected, one corroborated
 * by another source in another report, and one retracted. Random
 * fast-check sizes alone left them out of whole CI runs.
 */
const coverageArb: fc.Arbitrary<LedgerCommandSpec[]> = fc
  .record({
    m: fc.nat(METRICS - 1),
    s: fc.nat(SOURCES - 1),
    r: fc.nat(REPORTS - 1),
    amounts: fc.array(amountArb, { minLength: 6, maxLength: 6 }),
    days: fc.array(fc.nat(12), { minLength: 4, maxLength: 4 }),
    later: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ m, s, r, amounts: [a, b, c, d, e, f], days: [x, y, z, w], later }) => [
    { t: 'figure', m, s, r, amount: a!, day: x! },
    { t: 'figure', m, s, r, amount: b!, day: y! },
    // Refused (and skipped) when it was registered unverified already.
    { t: 'sourceReview', s: (s + 1) % SOURCES, needsReview: true },
    { t: 'figure', m, s: (s + 1) % SOURCES, r, amount: c!, day: z! },
    { t: 'revise', f: 0, update: true, days: later, amount: d!, r },
    { t: 'revise', f: 1, update: false, days: 1, amount: e!, r },
    { t: 'corroborate', f: 2, r: (r + 1) % REPORTS, by: (s + 2) % SOURCES },
    { t: 'sourceReview', s: (s + 1) % SOURCES, needsReview: false },
    { t: 'figure', m: (m + 1) % METRICS, s, r, amount: f!, day: w! },
    { t: 'retract', f: 3, r },
  ]);

const COVERAGE_COMMANDS = 10;
/** Registrations and coverage: the commands every sequence starts with, always run one after another. */
export const SETUP_COMMANDS = METRICS + SOURCES + REPORTS + COVERAGE_COMMANDS;

/** Registers every metric, source (some party to the conflict, some unverified) and report, then the coverage commands, then 3 to `maxLength` random commands (any length up to it, not fast-check's small default size). */
export const ledgerCommandsArb = (maxLength: number): fc.Arbitrary<LedgerCommandSpec[]> =>
  fc
    .tuple(
      fc.array(fc.record({ party: fc.boolean(), unverified: fc.boolean() }), { minLength: SOURCES, maxLength: SOURCES }),
      coverageArb,
      fc.array(commandArb, { minLength: 3, maxLength, size: 'max' }),
    )
    .map(([flags, coverage, rest]) => [
      ...Array.from({ length: METRICS }, (_, m): LedgerCommandSpec => ({ t: 'metric', m })),
      ...flags.map(({ party, unverified }, s): LedgerCommandSpec => ({ t: 'source', s, party, unverified })),
      ...Array.from({ length: REPORTS }, (_, r): LedgerCommandSpec => ({ t: 'report', r })),
      ...coverage,
      ...rest,
    ]);

export interface RunNames {
  metric(m: number): string;
  source(s: number): string;
  report(r: number): string;
}

export const runNames = (run: number): RunNames => ({
  metric: (m) => `m${run}_${m}`,
  source: (s) => `r${run}-s${s}`,
  report: (r) => `r${run}-rep${r}`,
});

/**
 * Runs the commands; a command the decider refuses appends nothing and is
 * skipped, as a client's would be. With `lanes` > 1 the commands after the
 * registrations and coverage run in that many concurrent lanes (round robin):
 * transactions then commit out of position order, so log order is not
 * position order, and concurrent revisions of one figure conflict (refused).
 */
export async function executeCommands(
  store: EventStore,
  names: RunNames,
  commands: readonly LedgerCommandSpec[],
  options: { lanes?: number } = {},
): Promise<{ figures: string[]; refused: number }> {
  const figures: string[] = [];
  let refused = 0;
  let commandNumber = 0;
  const load = async <E extends DomainEvent, S>(streamId: string, decider: Pick<Decider<unknown, E, S>, 'upcast' | 'initialState' | 'evolve'>) =>
    foldRecorded(decider, await store.readStreamAs(streamId, decider.upcast));
  const run = async <C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>, command: C) => {
    try {
      // Who and why vary per command: every view must show the event's own.
      const n = ++commandNumber;
      await handleCommand(store, streamId, decider, command, {
        metadata: { actor: `actor-${n % 3}`, requestId: `req-${n}`, ...(n % 4 === 0 ? {} : { reason: `command ${n}` }) },
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      refused++;
    }
  };
  const reportRefs = async (r: number) => ({ report: await load(reportStreamId(names.report(r)), reportDecider) });
  const citation = (r: number, quote: string, extra?: FigureExtra) => ({ reportId: names.report(r), quote, offset: extra?.offset ?? null });
  const extraFields = (extra?: FigureExtra) =>
    extra ? { statedAt: extra.statedDay === null ? null : dayOf(extra.statedDay), scopeNote: extra.scopeNote } : {};

  const lanes = Math.max(1, options.lanes ?? 1);
  const setup = commands.slice(0, SETUP_COMMANDS);
  const rest = commands.slice(SETUP_COMMANDS);
  await runLane(setup);
  await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(rest.filter((_c, i) => i % lanes === lane))));
  return { figures, refused };

  async function runLane(lane: readonly LedgerCommandSpec[]): Promise<void> {
    for (const c of lane) await execute(c);
  }

  async function execute(c: LedgerCommandSpec): Promise<void> {
    switch (c.t) {
      case 'metric':
        await run(metricStreamId(names.metric(c.m)), metricDecider, {
          type: 'RegisterMetric',
          data: { key: names.metric(c.m), label: `Metric ${c.m}`, unit: 'troops' },
          now: NOW,
        });
        break;
      case 'source':
        await run(sourceStreamId(names.source(c.s)), sourceDecider, {
          type: 'RegisterSource',
          data: { sourceId: names.source(c.s), name: `Source ${c.s}`, kind: 'intelligence', partyToConflict: c.party, needsReview: c.unverified },
          now: NOW,
        });
        break;
      case 'sourceParty':
        await run(sourceStreamId(names.source(c.s)), sourceDecider, {
          type: 'UpdateSource',
          data: { sourceId: names.source(c.s), partyToConflict: c.party },
          now: NOW,
        });
        break;
      case 'sourceReview':
        await run(sourceStreamId(names.source(c.s)), sourceDecider, {
          type: 'UpdateSource',
          data: { sourceId: names.source(c.s), needsReview: c.needsReview },
          now: NOW,
        });
        break;
      case 'report':
        await run(reportStreamId(names.report(c.r)), reportDecider, {
          type: 'RegisterReport',
          data: { reportId: names.report(c.r), publisher: 'P', title: `Report ${c.r}`, publishedAt: '2024-10-01', language: 'en' },
          now: NOW,
        });
        break;
      case 'metricUpdate':
        await run(metricStreamId(names.metric(c.m)), metricDecider, {
          type: 'UpdateMetric',
          data: { key: names.metric(c.m), label: `Metric ${c.m} (${c.label})`, aliases: [`alias ${c.label}`] },
          now: NOW,
        });
        break;
      case 'reportUpdate':
        await run(reportStreamId(names.report(c.r)), reportDecider, {
          type: 'UpdateReport',
          data: { reportId: names.report(c.r), title: `Report ${c.r} (${c.title})`, url: c.url ? `https://example.org/${c.r}/${c.title}` : null },
          now: NOW,
        });
        break;
      case 'figure': {
        const figureId = randomUUID();
        const refs = {
          metric: await load(metricStreamId(names.metric(c.m)), metricDecider),
          source: await load(sourceStreamId(names.source(c.s)), sourceDecider),
          report: (await reportRefs(c.r)).report,
        };
        const data = {
          figureId,
          metricKey: names.metric(c.m),
          sourceId: names.source(c.s),
          amount: c.amount,
          validAt: { date: dayOf(c.day) },
          citation: citation(c.r, 'reported', c.extra),
          method: 'estimate' as const,
          ...extraFields(c.extra),
        };
        const before = refused;
        await run(figureStreamId(figureId), figureDecider, { type: 'ReportFigure', data, refs, now: NOW });
        if (refused === before) figures.push(figureId);
        break;
      }
      case 'revise': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (!figureId) break;
        const state = await load(figureStreamId(figureId), figureDecider);
        const current = state.status === 'empty' ? undefined : state.versions[state.currentVersion - 1];
        const validAt = c.update && current ? { date: dayOf((Date.parse(current.validAt.date) - BASE_DAY) / 86_400_000 + c.days) } : undefined;
        await run(figureStreamId(figureId), figureDecider, {
          type: 'ReviseFigure',
          data: {
            figureId,
            amount: c.amount,
            validAt,
            citation: citation(c.r, 'revised', c.extra),
            reason: c.update ? 'later figure' : 'was wrong',
            ...extraFields(c.extra),
          },
          refs: await reportRefs(c.r),
          now: NOW,
        });
        break;
      }
      case 'corroborate': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (!figureId) break;
        const sourceId = c.by === undefined || c.by === null ? null : names.source(c.by);
        const refs = { ...(await reportRefs(c.r)), source: sourceId === null ? null : await load(sourceStreamId(sourceId), sourceDecider) };
        await run(figureStreamId(figureId), figureDecider, {
          type: 'CorroborateFigure',
          data: { figureId, citation: citation(c.r, 'repeated'), sourceId },
          refs,
          now: NOW,
        });
        break;
      }
      case 'retract': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (!figureId) break;
        const cited = c.r === undefined || c.r === null ? null : c.r;
        await run(figureStreamId(figureId), figureDecider, {
          type: 'RetractFigure',
          data: { figureId, reason: 'withdrawn', citation: cited === null ? null : citation(cited, 'retracted') },
          refs: cited === null ? {} : await reportRefs(cited),
          now: NOW,
        });
        break;
      }
    }
  }
}
