import { Query } from '@nestjs/cqrs';
import type { FigureView } from '@factledger/ledger-domain';

/** The figure folded straight from its stream: no projection involved. */
export class GetFigureQuery extends Query<{ view: FigureView; streamVersion: number } | null> {
  constructor(readonly figureId: string) {
    super();
  }
}
