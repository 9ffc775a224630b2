import { Command } from '@nestjs/cqrs';
import type { CorroborateFigure, FigureView, ReportFigure, RetractFigure, ReviseFigure } from '@factledger/ledger-domain';
import type { WriteContext, WriteResult } from '../write-context';

type FigureWrite = WriteResult<FigureView | null>;

export class ReportFigureCommand extends Command<FigureWrite> {
  constructor(
    readonly data: ReportFigure['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

export class ReviseFigureCommand extends Command<FigureWrite> {
  constructor(
    readonly data: ReviseFigure['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

export class CorroborateFigureCommand extends Command<FigureWrite> {
  constructor(
    readonly data: CorroborateFigure['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}

export class RetractFigureCommand extends Command<FigureWrite> {
  constructor(
    readonly data: RetractFigure['data'],
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
