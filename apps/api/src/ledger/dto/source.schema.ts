import { Type, type Static } from '@sinclair/typebox';
import { LedgerLimits, LedgerPatterns, SOURCE_KINDS } from '@factledger/ledger-domain';
import { Closed, Line, Matching, Nullable, WriteResult } from '@factledger/platform';

const Country = Matching(LedgerPatterns.country, { description: 'ISO 3166-1 alpha-2, such as UA' });

const sourceFields = {
  name: Line(1, LedgerLimits.nameMax, { examples: ['Ukrainian military intelligence (HUR)'] }),
  kind: Type.Union(SOURCE_KINDS.map((k) => Type.Literal(k))),
  country: Nullable(Country),
  partyToConflict: Type.Boolean({ description: 'Whether the source is a party to the conflict' }),
  aliases: Type.Array(Line(1, LedgerLimits.aliasMax), { maxItems: LedgerLimits.aliasesMaxItems }),
  needsReview: Type.Boolean({
    description:
      "Unverified: awaiting an editor's check (ingestion registers unknown names so). Estimate algorithm 2 leaves the source's figures out while set; PATCH with false verifies it. Registration default: false (verified)",
  }),
};

export const SourceId = Matching(LedgerPatterns.slug, { description: 'a lowercase slug: a-z, 0-9, _ and -' });

export const RegisterSourceBody = Closed({
  sourceId: SourceId,
  name: sourceFields.name,
  kind: sourceFields.kind,
  country: Type.Optional(sourceFields.country),
  partyToConflict: Type.Optional(sourceFields.partyToConflict),
  aliases: Type.Optional(sourceFields.aliases),
  needsReview: Type.Optional(sourceFields.needsReview),
});
export type RegisterSourceInput = Static<typeof RegisterSourceBody>;

/** Changed fields only (the id is the path's). */
export const UpdateSourceBody = Type.Partial(Type.Omit(RegisterSourceBody, ['sourceId']));
export type UpdateSourceInput = Static<typeof UpdateSourceBody>;

/** The source stream's state after a write (RegisteredSource). */
export const SourceView = Closed({
  status: Type.Literal('registered'),
  sourceId: Type.String(),
  name: Type.String(),
  kind: sourceFields.kind,
  country: Nullable(Type.String()),
  partyToConflict: Type.Boolean(),
  aliases: Type.Array(Type.String()),
  needsReview: Type.Boolean(),
});

export const SourceWriteResult = WriteResult(SourceView, 'The source after the write (ETag: its stream version)');
export const SourceIdParams = Closed({ id: SourceId });
