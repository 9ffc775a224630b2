import { startTracing } from '@factledger/platform/tracing';

// Its own module, imported first by main.ts: instrumentation must be in place before http and pg load.
startTracing('factledger-worker');
