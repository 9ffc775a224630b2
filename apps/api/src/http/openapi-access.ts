import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '@factledger/platform';

export const BEARER_SCHEME = 'bearer';

type Operation = {
  responses?: Record<string, unknown>;
  description?: string;
  security?: Record<string, string[]>[];
  'x-access'?: string;
  'x-required-roles'?: string[];
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
/** A key that is sent is always checked, also where reads are public. */
const ACCESS_PROBLEMS = {
  '401': problem('No key where one is needed, or a key that is unknown, revoked or malformed (auth.unauthenticated)'),
  '403': problem('The key lacks the role (auth.forbidden)'),
};

/**
 * Each operation's access, as the AccessGuard applies it with this
 * configuration: `security` (none, optional or required bearer key),
 * `x-required-roles` (any one of them admits; empty: anyone) and a sentence
 * in the description. The declarations come from the route decorators.
 */
export function describeAccess(document: OpenAPIObject, config: Pick<AppConfig, 'readAccess'>): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Operation[]) {
      if (typeof operation !== 'object' || !operation || !('x-access' in operation)) continue;
      const declared = operation['x-required-roles'] ?? [];
      const open = operation['x-access'] === 'public' || (operation['x-access'] === 'read' && config.readAccess === 'public');
      operation['x-required-roles'] = open ? [] : declared;
      operation.security = operation['x-access'] === 'public' ? [] : open ? [{}, { [BEARER_SCHEME]: [] }] : [{ [BEARER_SCHEME]: [] }];
      const sentence = open
        ? operation['x-access'] === 'read'
          ? `Access: public (READ_ACCESS=public); with READ_ACCESS=key a key with the role ${declared.join(' or ')}.`
          : 'Access: public.'
        : `Access: an API key with the role ${declared.join(' or ')}.`;
      if (operation['x-access'] !== 'public') operation.responses = { ...operation.responses, ...ACCESS_PROBLEMS };
      operation.description = operation.description ? `${operation.description}\n\n${sentence}` : sentence;
    }
  }
  return document;
}
