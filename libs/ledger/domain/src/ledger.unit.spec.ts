import * as domain from './index';
import { reportFigureCommand, reviseFigureCommand } from './testing/figure-commands';
import { dutchFigureReported } from './testing/scenario';

describe('ledger domain package', () => {
  it('publishes the stable event type strings', () => {
    expect(domain.LEDGER_EVENT_TYPES).toEqual([
      'metric.registered.v1',
      'metric.updated.v1',
      'source.registered.v1',
      'source.updated.v1',
      'report.registered.v2',
      'report.updated.v1',
      'figure.reported.v1',
      'figure.revised.v1',
      'figure.corroborated.v1',
      'figure.retracted.v1',
    ]);
    expect(domain.isLedgerEventType('figure.revised.v1')).toBe(true);
    expect(domain.isLedgerEventType('FigureRevised')).toBe(false);
  });

  it('names streams <category>-<id>', () => {
    expect(domain.metricStreamId('nk_troops_in_russia')).toBe('metric-nk_troops_in_russia');
    expect(domain.sourceStreamId('nl-mivd')).toBe('source-nl-mivd');
    expect(domain.reportStreamId('nos-2024-10-25')).toBe('report-nos-2024-10-25');
    expect(domain.figureStreamId(dutchFigureReported.data.figureId)).toBe(`figure-${dutchFigureReported.data.figureId}`);
  });

  it('has unique error codes', () => {
    const codes = Object.values(domain.LedgerErrorCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('decides from the command alone, whatever the clock says', () => {
    const decideAll = () => {
      const state = domain.figureDecider.evolve(domain.figureDecider.initialState(), dutchFigureReported);
      return [
        domain.figureDecider.decide(reportFigureCommand(), domain.figureDecider.initialState()),
        domain.figureDecider.decide(reviseFigureCommand(), state),
      ];
    };
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const later = decideAll();
    jest.setSystemTime(new Date('2000-01-01T00:00:00Z'));
    const earlier = decideAll();
    jest.useRealTimers();
    expect(later).toStrictEqual(earlier);
  });
});
