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
  type FigureState,
} from '@factledger/ledger-domain';
import { isDomainError, type Decider, type DomainEvent } from '@factledger/shared';

/**
 * Random write commands for property tests, run through the real deciders and
 * event store. Entities are numbered small so commands hit the same ones;
 * every name is namespaced by run so runs share one database.
 */
export type LedgerCommandSpec =
  | { t: 'metric'; m: number }
  | { t: 'source'; s: number; party: boolean }
  | { t: 'sourceParty'; s: number; party: boolean }
  | { t: 'report'; r: number }
  | { t: 'figure'; m: number; s: number; r: number; amount: AmountInput; day: number }
  | { t: 'revise'; f: number; update: boolean; days: number; amount: AmountInput; r: number }
  | { t: 'corroborate'; f: number; r: number }
  | { t: 'retract'; f: number };

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

const commandArb: fc.Arbitrary<LedgerCommandSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('sourceParty' as const), s: fc.nat(SOURCES - 1), party: fc.boolean() }) },
  {
    weight: 7,
    arbitrary: fc.record({ t: fc.constant('figure' as const), m: fc.nat(METRICS - 1), s: fc.nat(SOURCES - 1), r: fc.nat(REPORTS - 1), amount: amountArb, day: fc.nat(12) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant('revise' as const), f: fc.nat(20), update: fc.boolean(), days: fc.integer({ min: 1, max: 4 }), amount: amountArb, r: fc.nat(REPORTS - 1) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('corroborate' as const), f: fc.nat(20), r: fc.nat(REPORTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('retract' as const), f: fc.nat(20) }) },
);

/**
 * Every run holds the cases a property must not pass without: one source with
 * two figures of a metric, a second source on it, and a revised figure. Random
 * fast-check sizes alone left them out of whole CI runs.
 */
const coverageArb: fc.Arbitrary<LedgerCommandSpec[]> = fc
  .record({ m: fc.nat(METRICS - 1), s: fc.nat(SOURCES - 1), r: fc.nat(REPORTS - 1), amounts: fc.array(amountArb, { minLength: 4, maxLength: 4 }), days: fc.array(fc.nat(12), { minLength: 3, maxLength: 3 }), update: fc.boolean() })
  .map(({ m, s, r, amounts: [a, b, c, d], days: [x, y, z], update }) => [
    { t: 'figure', m, s, r, amount: a!, day: x! },
    { t: 'figure', m, s, r, amount: b!, day: y! },
    { t: 'figure', m, s: (s + 1) % SOURCES, r, amount: c!, day: z! },
    { t: 'revise', f: 0, update, days: 1, amount: d!, r },
  ]);

/** Registers every metric, source (some party to the conflict) and report, then the coverage commands, then random figure commands. */
export const ledgerCommandsArb = (maxLength: number): fc.Arbitrary<LedgerCommandSpec[]> =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: SOURCES, maxLength: SOURCES }), coverageArb, fc.array(commandArb, { minLength: 3, maxLength }))
    .map(([parties, coverage, rest]) => [
      ...Array.from({ length: METRICS }, (_, m): LedgerCommandSpec => ({ t: 'metric', m })),
      ...parties.map((party, s): LedgerCommandSpec => ({ t: 'source', s, party })),
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

/** Runs the commands; a command the decider refuses appends nothing and is skipped, as a client's would be. */
export async function executeCommands(store: EventStore, names: RunNames, commands: readonly LedgerCommandSpec[]): Promise<{ figures: string[]; refused: number }> {
  const figures: string[] = [];
  let refused = 0;
  const load = async <S>(streamId: string, decider: Pick<Decider<unknown, DomainEvent, S>, 'initialState' | 'evolve'>) =>
    foldRecorded(decider, await store.readStream(streamId));
  const run = async <C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>, command: C) => {
    try {
      await handleCommand(store, streamId, decider, command, { metadata: { actor: 'property', reason: 'random command' } });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      refused++;
    }
  };
  const reportRefs = async (r: number) => ({ report: await load(reportStreamId(names.report(r)), reportDecider) });
  const citation = (r: number, quote: string) => ({ reportId: names.report(r), quote });

  for (const c of commands) {
    switch (c.t) {
      case 'metric':
        await run(metricStreamId(names.metric(c.m)), metricDecider, { type: 'RegisterMetric', data: { key: names.metric(c.m), label: `Metric ${c.m}`, unit: 'troops' }, now: NOW });
        break;
      case 'source':
        await run(sourceStreamId(names.source(c.s)), sourceDecider, {
          type: 'RegisterSource',
          data: { sourceId: names.source(c.s), name: `Source ${c.s}`, kind: 'intelligence', partyToConflict: c.party },
          now: NOW,
        });
        break;
      case 'sourceParty':
        await run(sourceStreamId(names.source(c.s)), sourceDecider, { type: 'UpdateSource', data: { sourceId: names.source(c.s), partyToConflict: c.party }, now: NOW });
        break;
      case 'report':
        await run(reportStreamId(names.report(c.r)), reportDecider, {
          type: 'RegisterReport',
          data: { reportId: names.report(c.r), publisher: 'P', title: `Report ${c.r}`, publishedAt: '2024-10-01', language: 'en' },
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
        const data = { figureId, metricKey: names.metric(c.m), sourceId: names.source(c.s), amount: c.amount, validAt: { date: dayOf(c.day) }, citation: citation(c.r, 'reported'), method: 'estimate' as const };
        const before = refused;
        await run(figureStreamId(figureId), figureDecider, { type: 'ReportFigure', data, refs, now: NOW });
        if (refused === before) figures.push(figureId);
        break;
      }
      case 'revise': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (!figureId) break;
        const state = await load<FigureState>(figureStreamId(figureId), figureDecider);
        const current = state.status === 'empty' ? undefined : state.versions[state.currentVersion - 1];
        const validAt = c.update && current ? { date: dayOf((Date.parse(current.validAt.date) - BASE_DAY) / 86_400_000 + c.days) } : undefined;
        await run(figureStreamId(figureId), figureDecider, {
          type: 'ReviseFigure',
          data: { figureId, amount: c.amount, validAt, citation: citation(c.r, 'revised'), reason: c.update ? 'later figure' : 'was wrong' },
          refs: await reportRefs(c.r),
          now: NOW,
        });
        break;
      }
      case 'corroborate': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (figureId) await run(figureStreamId(figureId), figureDecider, { type: 'CorroborateFigure', data: { figureId, citation: citation(c.r, 'repeated') }, refs: await reportRefs(c.r), now: NOW });
        break;
      }
      case 'retract': {
        const figureId = figures[c.f % Math.max(1, figures.length)];
        if (figureId) await run(figureStreamId(figureId), figureDecider, { type: 'RetractFigure', data: { figureId, reason: 'withdrawn' }, refs: {}, now: NOW });
        break;
      }
    }
  }
  return { figures, refused };
}
