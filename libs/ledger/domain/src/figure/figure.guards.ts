import { conflict, notFound } from '@factledger/shared';
import { LedgerErrorCodes } from '../errors';
import { figureFields } from './figure.fields';
import type { ActiveFigure, FigureState, RetractedFigure } from './figure.state';

/** Commands other than ReportFigure need the figure to exist and the command to target it. */
export const requireFigure = (state: FigureState, figureId: string): ActiveFigure | RetractedFigure => {
  if (state.status === 'empty') throw notFound(LedgerErrorCodes.figureNotFound, `Figure ${String(figureId)} does not exist`, { figureId });
  if (figureId !== state.figureId) throw figureFields.mismatch('figureId');
  return state;
};

/** Retracted figures are closed: no revisions, no corroborations. */
export const requireActiveFigure = (state: FigureState, figureId: string): ActiveFigure => {
  const figure = requireFigure(state, figureId);
  if (figure.status === 'retracted')
    throw conflict(LedgerErrorCodes.figureRetracted, `Figure ${figure.figureId} was retracted`, {
      figureId: figure.figureId,
    });
  return figure;
};
