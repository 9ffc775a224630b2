import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { mergeMap, type Observable } from 'rxjs';
import { SUBJECT_KEYS } from '../nest/tokens';
import { revealDeep, subjectsIn } from './key-ring';
import type { SubjectKeys } from './subject-keys.repository';

/**
 * The read edge of personal data: read models hold the sealed tokens as the
 * events do (so a verifier's keyless replay builds the same rows); a read
 * route's JSON answer is revealed here, one key lookup for the subjects it
 * names, with ERASED_MARKER for erased ones. Opt-in per controller
 * (`@UseInterceptors(RevealPersonalData)`): the log's own routes (events,
 * export, proofs) serve the stored bytes, tokens included, which verifiers hash.
 */
@Injectable()
export class RevealPersonalData implements NestInterceptor {
  constructor(@Inject(SUBJECT_KEYS) private readonly subjects: SubjectKeys) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const subjects = subjectsIn(body);
        return subjects.size === 0 ? body : revealDeep(body, await this.subjects.ring(subjects));
      }),
    );
  }
}
