import { DomainError, invalid } from '@factledger/shared';
import type { LedgerCommand } from '../command';
import { LedgerErrorCodes } from '../errors';
import type { ReportState } from '../report/report.state';
import { parseNewAmount, sameAmount, type AmountInput } from './amount';
import { parseCitation, type CitationInput } from './citation';
import { figureFields, type FigureMethod, type RevisionKind } from './figure.fields';
import type { FigureEvent } from './figure.events';
import { requireActiveFigure } from './figure.guards';
import { requireReport } from './figure.refs';
import { currentVersionOf, type FigureState } from './figure.state';
import { assertAmountFitsUnit } from './units';
import { assertValidAtNotInFuture, parseValidAt, sameValidAt, type ValidAtInput } from './valid-at';

export type ReviseFigure = LedgerCommand<
  'ReviseFigure',
  {
    figureId: string;
    /** Optimistic check: the version the caller saw; must still be current. */
    revises?: number;
    /** If given it must agree with the dates; otherwise derived from them. */
    kind?: RevisionKind;
    amount: AmountInput;
    unit?: string; // if given it must equal the figure's unit
    validAt?: ValidAtInput; // default: the current version's validAt (a correction)
    statedAt?: string | null; // default null (it describes the new citation)
    citation: CitationInput;
    method?: FigureMethod; // default: the current version's method
    scopeNote?: string | null; // undefined keeps the current note; null or blank clears it
    reason: string;
  }
> & {
  /** State of report-<citation.reportId>. */
  refs: { report: ReportState };
};

/**
 * Appends the next version. Same validAt → correction (the previous version
 * was wrong); later validAt → update (the previous version stays true for its
 * date); earlier validAt → refused, since "replacing" the past belongs to a
 * correction of the version that covered it.
 */
export const reviseFigure = ({ data, refs, now }: ReviseFigure, state: FigureState): FigureEvent[] => {
  const figure = requireActiveFigure(state, data.figureId);
  const current = currentVersionOf(figure);

  if (data.revises !== undefined && data.revises !== figure.currentVersion)
    throw new DomainError(
      LedgerErrorCodes.figureVersionMismatch,
      'precondition',
      `Figure ${figure.figureId} is at version ${figure.currentVersion}, not ${String(data.revises)}`,
      { figureId: figure.figureId, currentVersion: figure.currentVersion, revises: data.revises },
    );

  const amount = parseNewAmount(data.amount);
  const validAt = data.validAt === undefined ? current.validAt : parseValidAt(data.validAt);
  assertValidAtNotInFuture(validAt, now);
  const statedAt = figureFields.statedAt(data.statedAt, now);
  const citation = parseCitation(data.citation);
  const method = data.method === undefined ? current.method : figureFields.method(data.method);
  const scopeNote = data.scopeNote === undefined ? current.scopeNote : figureFields.scopeNote(data.scopeNote);
  const reason = figureFields.reason(data.reason);
  const requestedKind = data.kind === undefined ? undefined : figureFields.revisionKind(data.kind);
  if (data.unit !== undefined) {
    const unit = figureFields.unit(data.unit);
    if (unit !== figure.unit)
      throw invalid(LedgerErrorCodes.figureUnitMismatch, `Unit ${unit} does not match figure unit ${figure.unit}`, {
        field: 'unit',
        unit,
        figureUnit: figure.unit,
      });
  }

  assertAmountFitsUnit(amount, figure.unit);
  requireReport(refs.report, citation.reportId);

  if (validAt.date < current.validAt.date)
    throw invalid(LedgerErrorCodes.figureRevisionBackdated, `validAt ${validAt.date} is earlier than the current version's ${current.validAt.date}`, {
      field: 'validAt.date',
      validAt: validAt.date,
      currentValidAt: current.validAt.date,
    });
  if (sameAmount(amount, current.amount) && sameValidAt(validAt, current.validAt) && method === current.method && scopeNote === current.scopeNote)
    throw invalid(LedgerErrorCodes.figureRevisionNoChange, `The revision changes nothing on figure ${figure.figureId}`, {
      figureId: figure.figureId,
      currentVersion: figure.currentVersion,
    });

  const kind: RevisionKind = validAt.date === current.validAt.date ? 'correction' : 'update';
  if (requestedKind !== undefined && requestedKind !== kind)
    throw invalid(
      LedgerErrorCodes.figureRevisionKindMismatch,
      kind === 'correction'
        ? `A revision for the same validAt (${validAt.date}) is a correction, not an update`
        : `A revision for a later validAt (${validAt.date}) is an update, not a correction`,
      { field: 'kind', kind: requestedKind, expected: kind },
    );

  return [
    {
      type: 'figure.revised.v1',
      data: {
        figureId: figure.figureId,
        revision: figure.currentVersion + 1,
        revises: figure.currentVersion,
        kind,
        amount,
        validAt,
        statedAt,
        citation,
        method,
        scopeNote,
        reason,
      },
    },
  ];
};
