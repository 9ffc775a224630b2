import { Command, Query } from '@nestjs/cqrs';

/** Stores (or restores) a report's raw text; it must hash to the report's content hash. */
export class StoreReportTextCommand extends Command<{ reportId: string; contentHash: string; length: number }> {
  constructor(
    readonly reportId: string,
    readonly body: string,
  ) {
    super();
  }
}

export class RedactReportTextCommand extends Command<{ reportId: string; redacted: boolean }> {
  constructor(readonly reportId: string) {
    super();
  }
}

export class GetReportTextQuery extends Query<{ reportId: string; contentHash: string; body: string; storedAt: Date }> {
  constructor(readonly reportId: string) {
    super();
  }
}
