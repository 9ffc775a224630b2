import { parseListenAddress } from './metrics-server';
import { isTraceparent, traceIdOf, traceparentOf, tracingRequested } from './trace-context';
import { MetricsRegistry } from './metrics-registry';

describe('W3C traceparent validation (what event metadata may keep)', () => {
  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', true],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', true],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', false], // all-zero trace id
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', false], // all-zero span id
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', false], // upper case
    ['01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', false], // unknown version
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra', false],
    [42, false],
    [undefined, false],
  ])('%s → %s', (value, valid) => {
    expect(isTraceparent(value)).toBe(valid);
  });

  it('reads the trace id, and gives no traceparent without a recording SDK', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceparentOf()).toBeUndefined();
  });

  it('is on only when the standard variables name an exporter', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });
});

describe('metrics listen addresses and the registry', () => {
  it('parses host:port, [ipv6]:port and :port, and refuses the rest', () => {
    expect(parseListenAddress('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListenAddress('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListenAddress(':9465')).toEqual({ host: '0.0.0.0', port: 9465 });
    for (const bad of ['9464', 'host', 'h:99999', 'h:-1', '']) expect(() => parseListenAddress(bad)).toThrow(/host:port/);
  });

  it('returns the same metric when asked twice, and keeps apps apart', async () => {
    const a = new MetricsRegistry({ app: 'a' });
    const b = new MetricsRegistry({ app: 'b' });
    a.counter({ name: 'factledger_test_total', help: 'h' }).inc(2);
    a.counter({ name: 'factledger_test_total', help: 'h' }).inc();
    b.counter({ name: 'factledger_test_total', help: 'h' }).inc();
    expect(await a.text()).toContain('factledger_test_total{app="a"} 3');
    expect(await b.text()).toContain('factledger_test_total{app="b"} 1');
    expect(await a.text()).toContain('process_cpu_user_seconds_total');
  });
});
