import { assertNever, type Decider } from '@factledger/shared';
import { corroborateFigure, type CorroborateFigure } from './corroborate-figure';
import { upcastFigureEvent, type FigureEvent } from './figure.events';
import { evolveFigure, initialFigureState, type FigureState } from './figure.state';
import { reportFigure, type ReportFigure } from './report-figure';
import { retractFigure, type RetractFigure } from './retract-figure';
import { reviseFigure, type ReviseFigure } from './revise-figure';

export type FigureCommand = ReportFigure | ReviseFigure | CorroborateFigure | RetractFigure;

export const decideFigure = (command: FigureCommand, state: FigureState): FigureEvent[] => {
  switch (command.type) {
    case 'ReportFigure':
      return reportFigure(command, state);
    case 'ReviseFigure':
      return reviseFigure(command, state);
    case 'CorroborateFigure':
      return corroborateFigure(command, state);
    case 'RetractFigure':
      return retractFigure(command, state);
    default:
      return assertNever(command, 'figure command');
  }
};

/** Stream `figure-<figureId>`. */
export const figureDecider: Decider<FigureCommand, FigureEvent, FigureState> = {
  upcast: upcastFigureEvent,
  initialState: initialFigureState,
  evolve: evolveFigure,
  decide: decideFigure,
};
