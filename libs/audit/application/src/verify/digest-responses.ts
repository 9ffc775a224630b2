import { expectField, expectObject, fail, isArray, isCount, isString } from './verification-failure';
import type { ModelDigest } from './read-model-replayer';
import type { VerifyApiClient } from './verify-api.client';

/** A live read model as `GET /v1/read-models/digest` describes it: its digest and the checkpoint it claims to be at. */
export interface LiveDigest extends ModelDigest {
  name: string;
  version: number;
  position: string;
  transactionId: string;
}

const POSITION = /^(0|[1-9]\d{0,18})$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const isPosition = (v: unknown): v is string => typeof v === 'string' && POSITION.test(v);
const isDigest = (v: unknown): v is string => typeof v === 'string' && HEX_SHA256.test(v);

export async function fetchLiveDigests(api: VerifyApiClient): Promise<LiveDigest[]> {
  const body = expectObject(await api.get('/v1/read-models/digest'), 'read-model digests');
  const models = expectField(body, 'data', 'read-model digests', isArray, 'must be an array').map((value, i): LiveDigest => {
    const what = `read-model digest ${i}`;
    const m = expectObject(value, what);
    const tables = expectField(m, 'tables', what, isArray, 'must be an array').map((t, j) => {
      const table = expectObject(t, `${what}, table ${j}`);
      return {
        name: expectField(table, 'name', `${what}, table ${j}`, isString, 'must be a string'),
        rows: expectField(table, 'rows', `${what}, table ${j}`, isCount, 'must be a count'),
        digest: expectField(table, 'digest', `${what}, table ${j}`, isDigest, 'must be a hex SHA-256'),
      };
    });
    return {
      name: expectField(m, 'name', what, isString, 'must be a string'),
      version: expectField(m, 'version', what, isCount, 'must be a count'),
      position: expectField(m, 'position', what, isPosition, 'must be a decimal string'),
      transactionId: expectField(m, 'transactionId', what, isPosition, 'must be a decimal string'),
      algorithm: expectField(m, 'algorithm', what, isString, 'must be a string'),
      digest: expectField(m, 'digest', what, isDigest, 'must be a hex SHA-256'),
      tables,
    };
  });
  if (models.length === 0) fail('response.malformed', 'read-model digests: no read model listed');
  if (new Set(models.map((m) => m.name)).size !== models.length) fail('response.malformed', 'read-model digests: a read model is listed twice');
  return models;
}
