import { LedgerErrorCodes as E } from '../errors';
import { deciderSpec } from '../testing/decider-spec';
import { NOW, reports, TODAY } from '../testing/scenario';
import { reportDecider, type ReportCommand } from './report.decider';

const spec = deciderSpec(reportDecider);
const nos = reports.dutch;
const HASH = 'a'.repeat(64);

type RegisterData = Extract<ReportCommand, { type: 'RegisterReport' }>['data'];
type UpdateData = Extract<ReportCommand, { type: 'UpdateReport' }>['data'];

const register = (data: Partial<RegisterData> = {}): ReportCommand => ({
  type: 'RegisterReport',
  data: {
    reportId: 'nos-2024-10-25',
    publisher: 'NOS',
    title: 'Dutch intelligence: up to 1,500 North Korean troops in Russia',
    publishedAt: '2024-10-25',
    language: 'nl',
    ...data,
  },
  now: NOW,
});
const update = (data: Omit<UpdateData, 'reportId'>): ReportCommand => ({
  type: 'UpdateReport',
  data: { reportId: 'nos-2024-10-25', ...data },
  now: NOW,
});

describe('report', () => {
  describe('RegisterReport', () => {
    it('registers a report; url and content hash default to null', () => {
      spec
        .given([])
        .when(register())
        .then([
          {
            type: 'report.registered.v2',
            data: {
              reportId: 'nos-2024-10-25',
              publisher: 'NOS',
              title: 'Dutch intelligence: up to 1,500 North Korean troops in Russia',
              url: null,
              publishedAt: '2024-10-25',
              publishedZone: null,
              language: 'nl',
              contentHash: null,
            },
          },
        ]);
    });

    it('registers a report with url, regional language tag and content hash, published today', () => {
      spec
        .given([])
        .when(register({ url: 'https://nos.nl/artikel/1', language: 'pt-BR', contentHash: HASH, publishedAt: TODAY }))
        .then([
          {
            type: 'report.registered.v2',
            data: {
              reportId: 'nos-2024-10-25',
              publisher: 'NOS',
              title: 'Dutch intelligence: up to 1,500 North Korean troops in Russia',
              url: 'https://nos.nl/artikel/1',
              publishedAt: TODAY,
              publishedZone: null,
              language: 'pt-BR',
              contentHash: HASH,
            },
          },
        ]);
    });

    it('refuses a publication date after today', () => {
      spec
        .given([])
        .when(register({ publishedAt: '2024-11-02' }))
        .thenThrows(E.reportPublishedAtInFuture, { kind: 'invalid', details: { today: TODAY } });
    });

    it('refuses to register the same report twice', () => {
      spec.given([nos]).when(register()).thenThrows(E.reportAlreadyRegistered, { kind: 'conflict' });
    });

    it.each([
      ['reportId', { reportId: 'NOS 25 Oct' }],
      ['publisher', { publisher: '' }],
      ['title', { title: 't'.repeat(501) }],
      ['url', { url: 'ftp://nos.nl/a' }],
      ['url', { url: 'nos.nl/artikel' }],
      ['publishedAt', { publishedAt: '2024-02-30' }],
      ['publishedAt', { publishedAt: '25/10/2024' }],
      ['language', { language: 'Dutch' }],
      ['contentHash', { contentHash: 'A'.repeat(64) }],
      ['contentHash', { contentHash: 'abc' }],
    ])('rejects an invalid %s', (field, data) => {
      spec.given([]).when(register(data)).thenThrows(E.reportInvalidField, { kind: 'malformed', details: { field } });
    });
  });

  describe('UpdateReport', () => {
    it('records only the fields that changed; null clears the url', () => {
      const state = spec
        .given([nos])
        .when(update({ url: null, title: nos.data.title, contentHash: HASH }))
        .then([{ type: 'report.updated.v1', data: { reportId: 'nos-2024-10-25', url: null, contentHash: HASH } }]);
      expect(state).toMatchObject({ status: 'registered', url: null, contentHash: HASH, title: nos.data.title });
    });

    it('checks a changed publication date against today', () => {
      spec
        .given([nos])
        .when(update({ publishedAt: '2024-12-01' }))
        .thenThrows(E.reportPublishedAtInFuture);
    });

    it('refuses an update that changes nothing', () => {
      spec
        .given([nos])
        .when(update({ publisher: 'NOS', language: 'en' }))
        .thenThrows(E.reportUpdateNoChange);
    });

    it('refuses to update a report that is not registered', () => {
      spec
        .given([])
        .when(update({ title: 'x' }))
        .thenThrows(E.reportNotFound, { kind: 'not_found' });
    });
  });
});
