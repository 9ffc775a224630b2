import type { Qualifier } from '../types';

/** The ledger's reading of a qualified number: exact/approximately → value; up_to → high; at_least/more_than → low; range → both. */
export const normalise = (qualifier: Qualifier, value: number, high?: number): { value?: number; low?: number; high?: number } => {
  switch (qualifier) {
    case 'exact':
    case 'approximately':
      return { value };
    case 'up_to':
      return { high: value };
    case 'at_least':
    case 'more_than':
      return { low: value };
    case 'range':
      return { low: value, high: high ?? value };
  }
};
