import { LedgerErrorCodes as E } from '../errors';
import { deciderSpec } from '../testing/decider-spec';
import { NOW, sources } from '../testing/scenario';
import { sourceDecider, type SourceCommand } from './source.decider';

const spec = deciderSpec(sourceDecider);
const hur = sources.ukrainianIntel;

type RegisterData = Extract<SourceCommand, { type: 'RegisterSource' }>['data'];
type UpdateData = Extract<SourceCommand, { type: 'UpdateSource' }>['data'];

const register = (data: Partial<RegisterData> = {}): SourceCommand => ({
  type: 'RegisterSource',
  data: { sourceId: 'ua-hur', name: 'Defence Intelligence of Ukraine (HUR)', kind: 'intelligence', ...data },
  now: NOW,
});
const update = (data: Omit<UpdateData, 'sourceId'>): SourceCommand => ({
  type: 'UpdateSource',
  data: { sourceId: 'ua-hur', ...data },
  now: NOW,
});

describe('source', () => {
  describe('RegisterSource', () => {
    it('registers a source with defaults: no country, not a party, no aliases, verified (whoever registers it vouches for it)', () => {
      spec
        .given([])
        .when(register())
        .then([
          {
            type: 'source.registered.v1',
            data: {
              sourceId: 'ua-hur',
              name: 'Defence Intelligence of Ukraine (HUR)',
              kind: 'intelligence',
              country: null,
              partyToConflict: false,
              aliases: [],
              needsReview: false,
            },
          },
        ]);
    });

    it('registers a source unverified (as ingestion does for unknown names); the party flag is separate data', () => {
      spec
        .given([])
        .when(register({ country: 'UA', partyToConflict: true, aliases: ['HUR', 'GUR'], needsReview: true }))
        .then([
          {
            type: 'source.registered.v1',
            data: {
              sourceId: 'ua-hur',
              name: 'Defence Intelligence of Ukraine (HUR)',
              kind: 'intelligence',
              country: 'UA',
              partyToConflict: true,
              aliases: ['HUR', 'GUR'],
              needsReview: true,
            },
          },
        ]);
    });

    it('refuses to register the same source twice', () => {
      spec.given([hur]).when(register()).thenThrows(E.sourceAlreadyRegistered, { kind: 'conflict' });
    });

    it.each([
      ['sourceId', { sourceId: 'UA HUR' }],
      ['sourceId', { sourceId: '-hur' }],
      ['name', { name: ' ' }],
      ['kind', { kind: 'spy_agency' as RegisterData['kind'] }],
      ['country', { country: 'ua' }],
      ['country', { country: 'UKR' }],
      ['partyToConflict', { partyToConflict: 'yes' as unknown as boolean }],
      ['needsReview', { needsReview: 1 as unknown as boolean }],
      ['aliases[0]', { aliases: [' '] }],
    ])('rejects an invalid %s', (field, data) => {
      spec.given([]).when(register(data)).thenThrows(E.sourceInvalidField, { kind: 'malformed', details: { field } });
    });
  });

  describe('UpdateSource', () => {
    it('records only the fields that changed; null clears the country', () => {
      const state = spec
        .given([hur])
        .when(update({ name: hur.data.name, kind: 'military', country: null, partyToConflict: true }))
        .then([{ type: 'source.updated.v1', data: { sourceId: 'ua-hur', kind: 'military', country: null } }]);
      expect(state).toMatchObject({ status: 'registered', kind: 'military', country: null, partyToConflict: true });
    });

    it('marks an automatically created source as reviewed', () => {
      const flagged = { ...hur, data: { ...hur.data, needsReview: true } };
      spec
        .given([flagged])
        .when(update({ needsReview: false, aliases: ['HUR'] }))
        .then([{ type: 'source.updated.v1', data: { sourceId: 'ua-hur', aliases: ['HUR'], needsReview: false } }]);
    });

    it('verifies an unverified source: the verification is a source.updated.v1 with needsReview false, and leaves the party flag alone', () => {
      const flagged = { ...hur, data: { ...hur.data, needsReview: true } };
      const state = spec
        .given([flagged])
        .when(update({ needsReview: false }))
        .then([{ type: 'source.updated.v1', data: { sourceId: 'ua-hur', needsReview: false } }]);
      expect(state).toMatchObject({ needsReview: false, partyToConflict: true });
    });

    it('flags a verified source for review again, and changes the party flag without touching verification', () => {
      spec
        .given([hur])
        .when(update({ needsReview: true }))
        .then([{ type: 'source.updated.v1', data: { sourceId: 'ua-hur', needsReview: true } }]);
      const flagged = { ...hur, data: { ...hur.data, needsReview: true } };
      const state = spec
        .given([flagged])
        .when(update({ partyToConflict: false }))
        .then([{ type: 'source.updated.v1', data: { sourceId: 'ua-hur', partyToConflict: false } }]);
      expect(state).toMatchObject({ needsReview: true, partyToConflict: false });
    });

    it('refuses to verify a source that is already verified (nothing would change)', () => {
      spec
        .given([hur])
        .when(update({ needsReview: false }))
        .thenThrows(E.sourceUpdateNoChange);
    });

    it('refuses an update that changes nothing', () => {
      spec
        .given([hur])
        .when(update({ country: 'UA', partyToConflict: true }))
        .thenThrows(E.sourceUpdateNoChange);
    });

    it('refuses to update a source that is not registered', () => {
      spec
        .given([])
        .when(update({ name: 'HUR' }))
        .thenThrows(E.sourceNotFound, { kind: 'not_found' });
    });

    it('validates changed fields', () => {
      spec
        .given([hur])
        .when(update({ country: 'Ukraine' }))
        .thenThrows(E.sourceInvalidField, {
          details: { field: 'country' },
        });
    });
  });
});
