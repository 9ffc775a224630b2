import { allCases, isReadSide } from './cases';
import { smokeSuite } from './harness/smoke-suite';

// Catch-up, estimate queries, HTTP, projection lag, rebuild RSS (and their baselines) on a small ledger.
smokeSuite('read side', () => allCases().filter((c) => isReadSide(c) || c.name === 'baseline.paged-read'), 'factledger.projection-catch-up');
