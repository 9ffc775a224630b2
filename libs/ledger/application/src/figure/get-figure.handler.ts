import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { figureDecider, figureStreamId, figureView } from '@factledger/ledger-domain';
import { LedgerWriter } from '../ledger-writer';
import { GetFigureQuery } from './get-figure.query';

@QueryHandler(GetFigureQuery)
export class GetFigureHandler implements IQueryHandler<GetFigureQuery> {
  constructor(private readonly writer: LedgerWriter) {}
  async execute({ figureId }: GetFigureQuery) {
    const { state, version } = await this.writer.load(figureStreamId(figureId), figureDecider);
    const view = figureView(state);
    return view ? { view, streamVersion: version } : null;
  }
}
