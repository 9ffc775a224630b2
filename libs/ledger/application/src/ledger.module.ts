import { Module } from '@nestjs/common';
import { LedgerWriter } from './ledger-writer';
import { RegisterMetricHandler, UpdateMetricHandler } from './metric/metric.handler';
import { RegisterSourceHandler, UpdateSourceHandler } from './source/source.handler';
import { RegisterReportHandler, UpdateReportHandler } from './report/report.handler';
import { GetReportTextHandler, RedactReportTextHandler, StoreReportTextHandler } from './report/report-text.handler';
import { CorroborateFigureHandler, ReportFigureHandler, RetractFigureHandler, ReviseFigureHandler } from './figure/figure.handler';
import { GetFigureHandler } from './figure/get-figure.handler';

/** The ledger's write side: command handlers over the one generic command path. Needs PlatformModule and CqrsModule. */
@Module({
  providers: [
    LedgerWriter,
    RegisterMetricHandler,
    UpdateMetricHandler,
    RegisterSourceHandler,
    UpdateSourceHandler,
    RegisterReportHandler,
    UpdateReportHandler,
    StoreReportTextHandler,
    RedactReportTextHandler,
    GetReportTextHandler,
    ReportFigureHandler,
    ReviseFigureHandler,
    CorroborateFigureHandler,
    RetractFigureHandler,
    GetFigureHandler,
  ],
  exports: [LedgerWriter],
})
export class LedgerModule {}
