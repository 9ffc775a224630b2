import { readFileSync } from 'node:fs';
import { OPENAPI_PATH, OpenApiContract } from '@factledger/testing';
import { generateOpenApiDocument, serializeOpenApiDocument } from '../apps/api/src/openapi.main';

const PROBLEM = 'application/problem+json; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

describe('the OpenAPI contract (docs/openapi.json)', () => {
  it('is what the code generates, without a database or Redis (npm run openapi -- --out docs/openapi.json mends a drift)', async () => {
    const generated = serializeOpenApiDocument(await generateOpenApiDocument());
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(generated);
  });

  describe('the response check every e2e harness applies', () => {
    const contract = OpenApiContract.committed();
    const written = { id: 'troops', streamVersion: 1, position: '7', changed: true };
    const metric = { status: 'registered', key: 'troops', label: 'Troops', unit: 'troops', description: '', aliases: [], patterns: [] };

    it('passes an answer that keeps the document', () => {
      expect(contract.problems('POST', '/v1/metrics', { status: 201, contentType: JSON_TYPE, body: { ...written, data: metric } })).toEqual([]);
      expect(
        contract.problems('PATCH', '/v1/metrics/troops', {
          status: 422,
          contentType: PROBLEM,
          body: { type: 't', title: 't', status: 422, code: 'metric.update_no_change' },
        }),
      ).toEqual([]);
    });

    it('fails a field the schema does not declare', () => {
      expect(
        contract.problems('POST', '/v1/metrics', { status: 201, contentType: JSON_TYPE, body: { ...written, data: { ...metric, secret: 1 } } }),
      ).toEqual([expect.stringContaining('must NOT have additional properties (secret)')]);
    });

    it('fails a missing field and a wrong type', () => {
      const { label: _label, ...unlabelled } = metric;
      expect(
        contract.problems('POST', '/v1/metrics', { status: 201, contentType: JSON_TYPE, body: { ...written, streamVersion: '1', data: unlabelled } }),
      ).toHaveLength(2);
    });

    it('fails a status the operation does not declare', () => {
      expect(contract.problems('POST', '/v1/metrics', { status: 200, contentType: JSON_TYPE, body: { ...written, data: metric } })).toEqual([
        'POST /v1/metrics 200: status not declared',
      ]);
    });

    it('fails an error that is not problem+json, or a problem without its code', () => {
      expect(contract.problems('POST', '/v1/metrics', { status: 400, contentType: JSON_TYPE, body: { message: 'bad' } })).toEqual([
        expect.stringContaining('must be application/problem+json'),
      ]);
      expect(contract.problems('POST', '/v1/metrics', { status: 400, contentType: PROBLEM, body: { type: 't', title: 't', status: 400 } })).toEqual([
        expect.stringContaining("must have required property 'code'"),
      ]);
    });

    it('fails a problem code the operation does not list for that status', () => {
      const problem = (status: number, code: string) => ({ status, contentType: PROBLEM, body: { type: 't', title: 't', status, code } });
      expect(contract.problems('POST', '/v1/metrics', problem(409, 'metric.already_registered'))).toEqual([]);
      expect(contract.problems('POST', '/v1/metrics', problem(409, 'figure.retracted'))).toEqual([
        expect.stringContaining('code figure.retracted is not among the declared'),
      ]);
      expect(contract.problems('POST', '/v1/metrics', problem(400, 'metric.already_registered'))).toEqual([
        expect.stringContaining('is not among the declared'),
      ]);
    });

    it('fails a success on a route the document does not have, and checks 404/405 as problems', () => {
      expect(contract.problems('GET', '/v1/nowhere', { status: 200, contentType: JSON_TYPE, body: {} })).toEqual([
        expect.stringContaining('not in the document'),
      ]);
      expect(
        contract.problems('DELETE', '/v1/metrics', {
          status: 405,
          contentType: PROBLEM,
          body: { type: 't', title: 't', status: 405, code: 'request.method_not_allowed' },
        }),
      ).toEqual([]);
    });
  });
});
