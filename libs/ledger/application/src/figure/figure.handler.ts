import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  figureDecider,
  figureStreamId,
  figureView,
  metricDecider,
  metricStreamId,
  reportDecider,
  reportStreamId,
  sourceDecider,
  sourceStreamId,
  type FigureCommand,
} from '@factledger/ledger-domain';
import { LedgerWriter } from '../ledger-writer';
import type { WriteContext } from '../write-context';
import { CorroborateFigureCommand, ReportFigureCommand, RetractFigureCommand, ReviseFigureCommand } from './figure.command';

// Figure commands carry the states of the entities they reference, so the
// decider can check them (exists, unit) without doing I/O.
const write = (writer: LedgerWriter, command: FigureCommand, ctx: WriteContext) =>
  writer.execute(command.data.figureId, figureStreamId(command.data.figureId), figureDecider, command, ctx, figureView);

const loadReport = async (writer: LedgerWriter, reportId: string) => (await writer.load(reportStreamId(reportId), reportDecider)).state;
const loadSource = async (writer: LedgerWriter, sourceId: string) => (await writer.load(sourceStreamId(sourceId), sourceDecider)).state;

@CommandHandler(ReportFigureCommand)
export class ReportFigureHandler implements ICommandHandler<ReportFigureCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  async execute({ data, ctx }: ReportFigureCommand) {
    const [metric, source, report] = await Promise.all([
      this.writer.load(metricStreamId(data.metricKey), metricDecider).then((m) => m.state),
      loadSource(this.writer, data.sourceId),
      loadReport(this.writer, data.citation.reportId),
    ]);
    return write(this.writer, { type: 'ReportFigure', data, refs: { metric, source, report }, now: ctx.now }, ctx);
  }
}

@CommandHandler(ReviseFigureCommand)
export class ReviseFigureHandler implements ICommandHandler<ReviseFigureCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  async execute({ data, ctx }: ReviseFigureCommand) {
    const report = await loadReport(this.writer, data.citation.reportId);
    return write(this.writer, { type: 'ReviseFigure', data, refs: { report }, now: ctx.now }, ctx);
  }
}

@CommandHandler(CorroborateFigureCommand)
export class CorroborateFigureHandler implements ICommandHandler<CorroborateFigureCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  async execute({ data, ctx }: CorroborateFigureCommand) {
    const [report, source] = await Promise.all([
      loadReport(this.writer, data.citation.reportId),
      data.sourceId ? loadSource(this.writer, data.sourceId) : null,
    ]);
    return write(this.writer, { type: 'CorroborateFigure', data, refs: { report, source }, now: ctx.now }, ctx);
  }
}

@CommandHandler(RetractFigureCommand)
export class RetractFigureHandler implements ICommandHandler<RetractFigureCommand> {
  constructor(private readonly writer: LedgerWriter) {}
  async execute({ data, ctx }: RetractFigureCommand) {
    const report = data.citation ? await loadReport(this.writer, data.citation.reportId) : undefined;
    return write(this.writer, { type: 'RetractFigure', data, refs: { report }, now: ctx.now }, ctx);
  }
}
