import { fold } from '@factledger/shared';
import { dutchFigureReported, FIGURE_ID } from '../testing/scenario';
import { figureDecider } from './figure.decider';
import type { FigureEvent } from './figure.events';
import { figureView } from './figure.view';

const v1 = dutchFigureReported;
const citation = (reportId: string, quote: string) => ({ reportId, quote, offset: null });

/** 28 Oct update to about 3,000; later corrected to 2,500-3,000; BBC corroborates; then retracted. */
const history: FigureEvent[] = [
  v1,
  {
    type: 'figure.corroborated.v1',
    data: { figureId: FIGURE_ID, citation: citation('bbc-2024-10-26', 'as many as 1,500'), sourceId: null },
  },
  {
    type: 'figure.revised.v1',
    data: {
      figureId: FIGURE_ID,
      revision: 2,
      revises: 1,
      kind: 'update',
      amount: { qualifier: 'approximately', value: 3000 },
      validAt: { date: '2024-10-28', precision: 'day' },
      statedAt: '2024-10-28',
      citation: citation('reuters-2024-10-28', 'about 3,000'),
      method: 'estimate',
      scopeNote: null,
      reason: 'New assessment',
    },
  },
  {
    type: 'figure.revised.v1',
    data: {
      figureId: FIGURE_ID,
      revision: 3,
      revises: 2,
      kind: 'correction',
      amount: { qualifier: 'range', low: 2500, high: 3000 },
      validAt: { date: '2024-10-28', precision: 'day' },
      statedAt: '2024-10-29',
      citation: citation('reuters-2024-10-29', 'between 2,500 and 3,000'),
      method: 'estimate',
      scopeNote: 'Kursk region',
      reason: 'The assessment gave a range',
    },
  },
];

describe('figure state and view', () => {
  it('has no view before the figure is reported', () => {
    expect(figureView(figureDecider.initialState())).toBeNull();
  });

  it('keeps every version with its kind and the chain it forms', () => {
    const state = fold(figureDecider, history);
    expect(state).toMatchObject({
      status: 'active',
      metricKey: 'nk_troops_in_russia',
      sourceId: 'nl-mivd',
      unit: 'troops',
      currentVersion: 3,
      citedReportIds: ['nos-2024-10-25', 'bbc-2024-10-26', 'reuters-2024-10-28', 'reuters-2024-10-29'],
    });
    if (state.status === 'empty') throw new Error('unreachable');
    expect(state.versions.map(({ version, kind, revises, reason }) => ({ version, kind, revises, reason }))).toEqual([
      { version: 1, kind: 'reported', revises: null, reason: null },
      { version: 2, kind: 'update', revises: 1, reason: 'New assessment' },
      { version: 3, kind: 'correction', revises: 2, reason: 'The assessment gave a range' },
    ]);
  });

  it('shows how each version stands: an update leaves the earlier date believed, a correction does not', () => {
    const view = figureView(fold(figureDecider, history))!;
    expect(view.versions.map(({ version, standing, replacedBy }) => ({ version, standing, replacedBy }))).toEqual([
      { version: 1, standing: 'superseded', replacedBy: 2 },
      { version: 2, standing: 'corrected', replacedBy: 3 },
      { version: 3, standing: 'current', replacedBy: null },
    ]);
    expect(view.current).toMatchObject({ version: 3, amount: { qualifier: 'range', low: 2500, high: 3000 } });
    expect(view.timeline.map((version) => [version.validAt.date, version.version])).toEqual([
      ['2024-10-25', 1],
      ['2024-10-28', 3],
    ]);
  });

  it('lists the full provenance, including the retraction', () => {
    const retraction = { reason: 'Withdrawn', citation: citation('nos-2024-11-01', 'no longer stands by') };
    const view = figureView(fold(figureDecider, [...history, { type: 'figure.retracted.v1', data: { figureId: FIGURE_ID, ...retraction } }]))!;
    expect(view.status).toBe('retracted');
    expect(view.retraction).toEqual(retraction);
    expect(view.corroborations).toEqual([{ citation: citation('bbc-2024-10-26', 'as many as 1,500'), sourceId: null }]);
    expect(view.citations.map((c) => c.reportId)).toEqual([
      'nos-2024-10-25',
      'reuters-2024-10-28',
      'reuters-2024-10-29',
      'bbc-2024-10-26',
      'nos-2024-11-01',
    ]);
  });

  it('ignores events that cannot apply to an empty stream instead of failing a replay', () => {
    expect(fold(figureDecider, history.slice(1))).toEqual({ status: 'empty' });
  });
});
