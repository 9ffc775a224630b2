import { allCases, isReadSide } from './cases';
import { smokeSuite } from './harness/smoke-suite';

// The write side and the stream reads; the read side is bench-read.smoke.int.spec.ts.
smokeSuite('write side', () => allCases().filter((c) => !isReadSide(c)), 'factledger.append-1.c8');
