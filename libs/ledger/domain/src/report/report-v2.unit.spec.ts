import { UnknownEventVersionError } from '@factledger/shared';
import { LedgerErrorCodes as E } from '../errors';
import { upcastLedgerEvent } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { reports } from '../testing/scenario';
import { reportDecider, type ReportCommand } from './report.decider';
import { encodeReportEvent, upcastReportEvent, type ReportRegisteredWriteVersion } from './report.events';

const spec = deciderSpec(reportDecider);
const register = (
  data: { publishedAt: string; publishedZone?: string | null },
  now: string,
  registeredVersion?: ReportRegisteredWriteVersion,
): ReportCommand => ({
  type: 'RegisterReport',
  data: { reportId: 'kyiv-independent-1', publisher: 'Kyiv Independent', title: 'Night attack', language: 'en', ...data },
  now,
  registeredVersion,
});

describe('report.registered.v2: the publication date with its zone', () => {
  it("checks publishedAt against today in the outlet's zone: just after midnight in Kyiv is still yesterday in UTC", () => {
    const now = '2024-11-01T22:30:00.000Z'; // 00:30 on 2 November in Kyiv (EET, UTC+2)
    const [event] = reportDecider.decide(register({ publishedAt: '2024-11-02', publishedZone: 'Europe/Kyiv' }, now), reportDecider.initialState());
    expect(event).toMatchObject({ type: 'report.registered.v2', data: { publishedAt: '2024-11-02', publishedZone: 'Europe/Kyiv' } });
    spec
      .given([])
      .when(register({ publishedAt: '2024-11-02' }, now))
      .thenThrows(E.reportPublishedAtInFuture, { details: { today: '2024-11-01' } });
    spec
      .given([])
      .when(register({ publishedAt: '2024-11-01', publishedZone: 'America/Los_Angeles' }, '2024-11-01T03:00:00.000Z'))
      .thenThrows(E.reportPublishedAtInFuture, { details: { today: '2024-10-31' } });
  });

  it('refuses a well-formed zone the tz database does not know (422), after the form check', () => {
    spec
      .given([])
      .when(register({ publishedAt: '2024-10-30', publishedZone: 'Europe/Atlantis' }, '2024-11-01T09:30:00.000Z'))
      .thenThrows(E.reportPublishedZoneUnknown, { kind: 'invalid', details: { field: 'publishedZone' } });
  });

  it.each(['europe/kyiv', '+02:00', '', 'Europe/Kyiv/Podil/x'])('refuses the malformed zone %j', (publishedZone) => {
    spec
      .given([])
      .when(register({ publishedAt: '2024-10-30', publishedZone }, '2024-11-01T09:30:00.000Z'))
      .thenThrows(E.reportInvalidField, { details: { field: 'publishedZone' } });
  });

  it('refuses a zone while the ledger still writes v1 (expand phase) instead of dropping it; without one it registers', () => {
    const now = '2024-11-01T09:30:00.000Z';
    spec
      .given([])
      .when(register({ publishedAt: '2024-10-30', publishedZone: 'Europe/Kyiv' }, now, 1))
      .thenThrows(E.reportPublishedZoneNotYet, { kind: 'invalid' });
    expect(reportDecider.decide(register({ publishedAt: '2024-10-30' }, now, 1), reportDecider.initialState())).toHaveLength(1);
  });

  it('is stored as v1 during the expand phase, byte for byte what the previous release wrote, and read back as v2 with no zone', () => {
    const v2 = reports.dutch;
    const stored = encodeReportEvent(1)(v2);
    const { publishedZone: _zone, ...v1Data } = v2.data;
    expect(stored).toEqual({ type: 'report.registered.v1', data: v1Data });
    expect(Object.keys(stored.data as object)).toEqual(['reportId', 'publisher', 'title', 'url', 'publishedAt', 'language', 'contentHash']);
    expect(upcastReportEvent({ ...stored, schemaVersion: 1 })).toEqual(v2);
    expect(encodeReportEvent(2)(v2)).toBe(v2);
    expect(() => encodeReportEvent(1)({ ...v2, data: { ...v2.data, publishedZone: 'Europe/Kyiv' } })).toThrow(/cannot hold publishedZone/);
  });

  it('fails loudly on a report event version this code does not know, and still answers null for other families', () => {
    const newer = { type: 'report.registered.v3', schemaVersion: 1, data: {} };
    expect(() => upcastLedgerEvent(newer)).toThrow(UnknownEventVersionError);
    expect(() => upcastLedgerEvent(newer)).toThrow(/report\.registered\.v3 belongs to a family this code reads .* written by a newer release/);
    expect(() => upcastLedgerEvent({ type: 'figure.reported.v9', schemaVersion: 1, data: {} })).toThrow(UnknownEventVersionError);
    expect(upcastLedgerEvent({ type: 'review.decided.v1', schemaVersion: 1, data: {} })).toBeNull();
  });
});
