import { LedgerErrorCodes as E } from '../errors';
import { initialMetricState } from '../metric/metric.state';
import { initialReportState } from '../report/report.state';
import { initialSourceState } from '../source/source.state';
import { deciderSpec } from '../testing/decider-spec';
import { reportFigureCommand } from '../testing/figure-commands';
import { dutchFigureReported, FIGURE_ID, reports, reportState, sources, sourceState } from '../testing/scenario';
import { figureDecider } from './figure.decider';

const spec = deciderSpec(figureDecider);

describe('ReportFigure', () => {
  it('records "up to 1,500" North Korean troops per Dutch intelligence on 25 Oct 2024', () => {
    const state = spec.given([]).when(reportFigureCommand()).then([dutchFigureReported]);
    expect(state).toMatchObject({
      status: 'active',
      figureId: FIGURE_ID,
      currentVersion: 1,
      citedReportIds: ['nos-2024-10-25'],
      retraction: null,
    });
  });

  it('defaults unit to the metric unit, method to unknown, statedAt, scopeNote and offset to null', () => {
    spec
      .given([])
      .when(
        reportFigureCommand(
          {
            sourceId: 'ua-hur',
            amount: { qualifier: 'approximately', value: 12000 },
            validAt: { date: '2024-10-01', precision: 'month' },
            statedAt: undefined,
            method: undefined,
            scopeNote: '   ',
            citation: { reportId: 'kyiv-independent-2024-10-31', quote: 'about 12,000 North Korean troops' },
          },
          { source: sourceState(sources.ukrainianIntel), report: reportState(reports.ukrainian) },
        ),
      )
      .then([
        {
          type: 'figure.reported.v1',
          data: {
            figureId: FIGURE_ID,
            metricKey: 'nk_troops_in_russia',
            sourceId: 'ua-hur',
            amount: { qualifier: 'approximately', value: 12000 },
            unit: 'troops',
            validAt: { date: '2024-10-01', precision: 'month' },
            statedAt: null,
            citation: { reportId: 'kyiv-independent-2024-10-31', quote: 'about 12,000 North Korean troops', offset: null },
            method: 'unknown',
            scopeNote: null,
          },
        },
      ]);
  });

  it('keeps an explicit matching unit and a scope note', () => {
    const [event] = figureDecider.decide(reportFigureCommand({ unit: 'troops', scopeNote: 'Kursk region only' }), figureDecider.initialState());
    expect(event.data).toMatchObject({ unit: 'troops', scopeNote: 'Kursk region only' });
  });

  it('refuses to report on a stream that already holds a figure', () => {
    spec.given([dutchFigureReported]).when(reportFigureCommand()).thenThrows(E.figureAlreadyReported, { kind: 'conflict' });
  });

  it('refuses a unit other than the metric unit', () => {
    spec
      .given([])
      .when(reportFigureCommand({ unit: 'soldiers' }))
      .thenThrows(E.figureUnitMismatch, { kind: 'invalid', details: { unit: 'soldiers', metricUnit: 'troops' } });
  });

  it('refuses an amount whose fields do not fit its qualifier, naming the field', () => {
    spec
      .given([])
      .when(reportFigureCommand({ amount: { qualifier: 'up_to', value: 1500 } }))
      .thenThrows(E.figureAmountInvalid, { details: { field: 'amount.value' } });
    spec
      .given([])
      .when(reportFigureCommand({ amount: { qualifier: 'range', low: 3000, high: 1500 } }))
      .thenThrows(E.figureAmountInvalid, { details: { field: 'amount.low' } });
  });

  it('refuses a validAt after today, accepts today', () => {
    spec
      .given([])
      .when(reportFigureCommand({ validAt: { date: '2024-11-02' }, statedAt: null }))
      .thenThrows(E.figureValidAtInFuture, { kind: 'invalid' });
    expect(figureDecider.decide(reportFigureCommand({ validAt: { date: '2024-11-01' } }), figureDecider.initialState())).toHaveLength(1);
  });

  it('refuses a validAt whose date does not fit its precision', () => {
    spec
      .given([])
      .when(reportFigureCommand({ validAt: { date: '2024-10-25', precision: 'month' } }))
      .thenThrows(E.figureValidAtInvalid, { details: { field: 'validAt.date' } });
  });

  it('refuses a statedAt after today', () => {
    spec
      .given([])
      .when(reportFigureCommand({ statedAt: '2024-11-05' }))
      .thenThrows(E.figureStatedAtInFuture);
  });

  it('requires the metric, the source and the cited report to be registered', () => {
    spec
      .given([])
      .when(reportFigureCommand({}, { metric: initialMetricState() }))
      .thenThrows(E.metricNotFound, { kind: 'not_found', details: { metricKey: 'nk_troops_in_russia' } });
    spec
      .given([])
      .when(reportFigureCommand({ metricKey: 'nk_casualties' }))
      .thenThrows(E.metricNotFound, { kind: 'not_found' });
    spec
      .given([])
      .when(reportFigureCommand({}, { source: initialSourceState() }))
      .thenThrows(E.sourceNotFound, { kind: 'not_found', details: { sourceId: 'nl-mivd' } });
    spec
      .given([])
      .when(reportFigureCommand({}, { report: initialReportState() }))
      .thenThrows(E.reportNotFound, { kind: 'not_found', details: { reportId: 'nos-2024-10-25' } });
    // The loaded report must be the cited one.
    spec
      .given([])
      .when(reportFigureCommand({}, { report: reportState(reports.repeat) }))
      .thenThrows(E.reportNotFound);
  });

  it.each([
    ['figureId', { figureId: FIGURE_ID.toUpperCase() }],
    ['figureId', { figureId: 'figure-1' }],
    ['metricKey', { metricKey: 'NK troops' }],
    ['sourceId', { sourceId: 'Dutch intel' }],
    ['statedAt', { statedAt: '2024-10-32' }],
    ['citation', { citation: null as never }],
    ['citation.reportId', { citation: { reportId: '', quote: 'q' } }],
    ['citation.quote', { citation: { reportId: 'nos-2024-10-25', quote: '  ' } }],
    ['citation.quote', { citation: { reportId: 'nos-2024-10-25', quote: 'q'.repeat(2001) } }],
    ['citation.offset', { citation: { reportId: 'nos-2024-10-25', quote: 'q', offset: -1 } }],
    ['citation.offset', { citation: { reportId: 'nos-2024-10-25', quote: 'q', offset: 1.5 } }],
    ['method', { method: 'guess' as never }],
    ['scopeNote', { scopeNote: 'n'.repeat(1001) }],
    ['unit', { unit: '' }],
  ])('rejects an invalid %s with figure.invalid_field', (field, data) => {
    spec.given([]).when(reportFigureCommand(data)).thenThrows(E.figureInvalidField, { kind: 'malformed', details: { field } });
  });

  it('keeps quotes verbatim, including surrounding whitespace and line breaks', () => {
    const quote = ' up to 1,500\nNorth Korean soldiers ';
    const [event] = figureDecider.decide(
      reportFigureCommand({ citation: { reportId: 'nos-2024-10-25', quote, offset: 119 } }),
      figureDecider.initialState(),
    );
    expect(event.data).toMatchObject({ citation: { quote, offset: 119 } });
  });
});
