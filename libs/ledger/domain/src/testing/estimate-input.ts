import type { Amount } from '../figure/amount';
import type { EstimateInput } from '../estimate/estimate.types';

let position = 0;

/** An estimate input for specs: figure `<source>-<date>`, recorded at the next position, at noon of its date. */
export const estimateInput = (sourceId: string, amount: Amount, date: string, extra: Partial<EstimateInput> = {}): EstimateInput => {
  position += 1;
  return {
    figureId: `${sourceId}-${date}`,
    sourceId,
    partyToConflict: false,
    amount,
    validAt: { date, precision: 'day' },
    recordedPosition: String(position),
    recordedAt: `${date}T12:00:00.000Z`,
    ...extra,
  };
};
