import { LedgerErrorCodes as E } from '../errors';
import { initialReportState } from '../report/report.state';
import { deciderSpec } from '../testing/decider-spec';
import { reviseFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, FIGURE_ID, reports, reportState } from '../testing/scenario';
import type { FigureRetracted, FigureRevised } from './figure.events';
import { figureDecider } from './figure.decider';

const spec = deciderSpec(figureDecider);

/** 28 Oct: the figure is updated to about 3,000. */
const updatedTo3000: FigureRevised = {
  type: 'figure.revised.v1',
  data: {
    figureId: FIGURE_ID,
    revision: 2,
    revises: 1,
    kind: 'update',
    amount: { qualifier: 'approximately', value: 3000 },
    validAt: { date: '2024-10-28', precision: 'day' },
    statedAt: '2024-10-28',
    citation: { reportId: 'reuters-2024-10-28', quote: 'about 3,000 North Korean troops', offset: null },
    method: 'estimate',
    scopeNote: null,
    reason: 'New intelligence assessment on 28 October',
  },
};

const retracted: FigureRetracted = {
  type: 'figure.retracted.v1',
  data: { figureId: FIGURE_ID, reason: 'Withdrawn', citation: null },
};

/** A correction on the 25 Oct figure: the same date, a different value. */
const correctionOf1500 = (data = {}) =>
  reviseFigureCommand({
    amount: { qualifier: 'up_to', high: 2000 },
    validAt: { date: '2024-10-25', precision: 'day' },
    statedAt: '2024-10-27',
    reason: 'Misquoted: the assessment said 2,000',
    ...data,
  });

describe('ReviseFigure', () => {
  it('updates "up to 1,500" (25 Oct) to about 3,000 (28 Oct): a later validAt is an update', () => {
    const state = spec.given([dutchFigureReported]).when(reviseFigureCommand()).then([updatedTo3000]);
    expect(state).toMatchObject({
      status: 'active',
      currentVersion: 2,
      citedReportIds: ['nos-2024-10-25', 'reuters-2024-10-28'],
    });
  });

  it('accepts an explicit kind that agrees with the dates', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ kind: 'update', revises: 1 }))
      .then([updatedTo3000]);
  });

  it('treats a revision for the same validAt as a correction, defaulting validAt, method and scopeNote', () => {
    spec
      .given([dutchFigureReported])
      .when(correctionOf1500({ validAt: undefined, kind: 'correction' }))
      .then([
        {
          type: 'figure.revised.v1',
          data: {
            figureId: FIGURE_ID,
            revision: 2,
            revises: 1,
            kind: 'correction',
            amount: { qualifier: 'up_to', high: 2000 },
            validAt: { date: '2024-10-25', precision: 'day' },
            statedAt: '2024-10-27',
            citation: { reportId: 'reuters-2024-10-28', quote: 'about 3,000 North Korean troops', offset: null },
            method: 'estimate',
            scopeNote: null,
            reason: 'Misquoted: the assessment said 2,000',
          },
        },
      ]);
  });

  it('chains revisions: a correction of the update revises version 2', () => {
    const [event] = figureDecider.decide(
      reviseFigureCommand({
        amount: { qualifier: 'range', low: 2500, high: 3000 },
        statedAt: null,
        reason: 'The assessment gave a range',
      }),
      figureDecider.evolve(figureDecider.evolve(figureDecider.initialState(), dutchFigureReported), updatedTo3000),
    );
    expect(event.data).toMatchObject({ revision: 3, revises: 2, kind: 'correction', statedAt: null });
  });

  it('refuses an explicit kind that contradicts the dates', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ kind: 'correction' }))
      .thenThrows(E.figureRevisionKindMismatch, { kind: 'invalid', details: { expected: 'update' } });
    spec
      .given([dutchFigureReported])
      .when(correctionOf1500({ kind: 'update' }))
      .thenThrows(E.figureRevisionKindMismatch, { details: { expected: 'correction' } });
  });

  it('refuses a validAt earlier than the current version', () => {
    spec
      .given([dutchFigureReported, updatedTo3000])
      .when(reviseFigureCommand({ validAt: { date: '2024-10-26' } }))
      .thenThrows(E.figureRevisionBackdated, { kind: 'invalid', details: { currentValidAt: '2024-10-28' } });
  });

  it('refuses a revision that changes nothing, even with a new citation', () => {
    spec
      .given([dutchFigureReported])
      .when(correctionOf1500({ amount: { qualifier: 'up_to', high: 1500 } }))
      .thenThrows(E.figureRevisionNoChange, { kind: 'invalid' });
  });

  it('counts a change of method or scope note as a change', () => {
    const methodOnly = figureDecider.decide(
      correctionOf1500({ amount: { qualifier: 'up_to', high: 1500 }, method: 'count' }),
      figureDecider.evolve(figureDecider.initialState(), dutchFigureReported),
    );
    expect(methodOnly[0].data).toMatchObject({ kind: 'correction', method: 'count' });
    const scopeOnly = figureDecider.decide(
      correctionOf1500({ amount: { qualifier: 'up_to', high: 1500 }, scopeNote: 'Kursk region only' }),
      figureDecider.evolve(figureDecider.initialState(), dutchFigureReported),
    );
    expect(scopeOnly[0].data).toMatchObject({ kind: 'correction', scopeNote: 'Kursk region only' });
  });

  it('counts a precision change on the same date as a correction', () => {
    const [event] = figureDecider.decide(
      correctionOf1500({ amount: { qualifier: 'up_to', high: 1500 }, validAt: { date: '2024-10-01', precision: 'month' } }),
      figureDecider.evolve(figureDecider.initialState(), {
        ...dutchFigureReported,
        data: { ...dutchFigureReported.data, validAt: { date: '2024-10-01', precision: 'day' } },
      }),
    );
    expect(event.data).toMatchObject({ kind: 'correction', validAt: { date: '2024-10-01', precision: 'month' } });
  });

  it('refuses a stale revision with a precondition error', () => {
    spec
      .given([dutchFigureReported, updatedTo3000])
      .when(reviseFigureCommand({ revises: 1, validAt: { date: '2024-10-30' } }))
      .thenThrows(E.figureVersionMismatch, { kind: 'precondition', details: { currentVersion: 2, revises: 1 } });
  });

  it('refuses to revise a retracted figure', () => {
    spec.given([dutchFigureReported, retracted]).when(reviseFigureCommand()).thenThrows(E.figureRetracted, { kind: 'conflict' });
  });

  it('refuses to revise a figure that does not exist', () => {
    spec.given([]).when(reviseFigureCommand()).thenThrows(E.figureNotFound, { kind: 'not_found' });
  });

  it('refuses a command addressed to another figure', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ figureId: '00000000-0000-4000-8000-000000000000' }))
      .thenThrows(E.figureInvalidField, { details: { field: 'figureId' } });
  });

  it('requires the cited report to be registered', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({}, { report: initialReportState() }))
      .thenThrows(E.reportNotFound, { kind: 'not_found' });
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({}, { report: reportState(reports.dutch) }))
      .thenThrows(E.reportNotFound);
  });

  it('refuses a unit other than the figure unit', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ unit: 'soldiers' }))
      .thenThrows(E.figureUnitMismatch, { details: { unit: 'soldiers', figureUnit: 'troops' } });
  });

  it('refuses a validAt or statedAt after today', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ validAt: { date: '2024-11-15' } }))
      .thenThrows(E.figureValidAtInFuture);
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ statedAt: '2024-11-15' }))
      .thenThrows(E.figureStatedAtInFuture);
  });

  it.each([
    ['reason', { reason: ' ' }],
    ['kind', { kind: 'rewrite' as never }],
    ['method', { method: 'guess' as never }],
    ['citation.quote', { citation: { reportId: 'reuters-2024-10-28', quote: '' } }],
  ])('rejects an invalid %s', (field, data) => {
    spec.given([dutchFigureReported]).when(reviseFigureCommand(data)).thenThrows(E.figureInvalidField, { details: { field } });
  });

  it('validates the new amount', () => {
    spec
      .given([dutchFigureReported])
      .when(reviseFigureCommand({ amount: { qualifier: 'at_least', high: 3000 } }))
      .thenThrows(E.figureAmountInvalid, { details: { field: 'amount.low' } });
  });
});
