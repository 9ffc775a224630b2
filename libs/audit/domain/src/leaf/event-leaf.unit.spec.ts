import { createHash } from 'node:crypto';
import { eventLeafHash, leafContent, LeafFormatError, type LoggedEvent } from './event-leaf';

const event: LoggedEvent = {
  position: '9007199254740993', // beyond 2^53: must survive as text
  streamId: 'figure-1',
  streamVersion: 2,
  id: '0b7c8f4e-2a51-4f0e-9a43-5d2f1c7e9b10',
  type: 'figure.revised.v1',
  schemaVersion: 1,
  data: { value: 12.5, unit: 'people', notes: ['ä', null] },
  metadata: { actor: 'alice', reason: 'typo' },
  recordedAt: new Date('2026-11-22T03:04:05.678Z'),
};

describe('event leaf content (format v1)', () => {
  it('is the canonical JSON of exactly the covered fields, keys sorted', () => {
    expect(leafContent(event).toString('utf8')).toBe(
      '{"data":{"notes":["ä",null],"unit":"people","value":12.5},"eventId":"0b7c8f4e-2a51-4f0e-9a43-5d2f1c7e9b10",' +
        '"metadata":{"actor":"alice","reason":"typo"},"position":"9007199254740993","recordedAt":"2026-11-22T03:04:05.678Z",' +
        '"schemaVersion":1,"streamId":"figure-1","streamVersion":2,"type":"figure.revised.v1"}',
    );
  });

  it('hashes as an RFC 6962 leaf: SHA-256(0x00 ‖ content)', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), leafContent(event)]))
      .digest();
    expect(eventLeafHash(event).equals(expected)).toBe(true);
  });

  it('gives the same hash for the database row (Date) and its JSON over HTTP (string)', () => {
    const overHttp = JSON.parse(JSON.stringify(event)) as LoggedEvent;
    expect(typeof overHttp.recordedAt).toBe('string');
    expect(eventLeafHash(overHttp).equals(eventLeafHash(event))).toBe(true);
  });

  it('ignores key order and fields it does not cover (transaction id, leaf index)', () => {
    const reordered = { ...event, data: { notes: ['ä', null], value: 12.5, unit: 'people' }, transactionId: '77', leafIndex: 3 };
    expect(eventLeafHash(reordered).equals(eventLeafHash(event))).toBe(true);
  });

  it.each<[string, Partial<LoggedEvent>]>([
    ['position', { position: '9007199254740994' }],
    ['streamId', { streamId: 'figure-2' }],
    ['streamVersion', { streamVersion: 3 }],
    ['id', { id: '0b7c8f4e-2a51-4f0e-9a43-5d2f1c7e9b11' }],
    ['type', { type: 'figure.retracted.v1' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['data', { data: { value: 12.6, unit: 'people', notes: ['ä', null] } }],
    ['metadata', { metadata: { actor: 'mallory', reason: 'typo' } }],
    ['recordedAt', { recordedAt: '2026-11-22T03:04:05.679Z' }],
  ])('changes when %s changes', (_field, change) => {
    expect(eventLeafHash({ ...event, ...change }).equals(eventLeafHash(event))).toBe(false);
  });

  it.each<[string, Partial<LoggedEvent>]>([
    ['position', { position: '012' }],
    ['position', { position: 12 as unknown as string }],
    ['id', { id: '0B7C8F4E-2A51-4F0E-9A43-5D2F1C7E9B10' }],
    ['streamVersion', { streamVersion: 0 }],
    ['recordedAt', { recordedAt: '2026-11-22T03:04:05Z' }],
    ['metadata', { metadata: undefined }],
    ['data', { data: { n: NaN } }],
  ])('refuses a malformed %s instead of hashing a lookalike', (field, change) => {
    expect(() => leafContent({ ...event, ...change })).toThrow(LeafFormatError);
    expect(() => leafContent({ ...event, ...change })).toThrow(field === 'data' ? '$.data.n: NaN' : new RegExp(field));
  });
});
