import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { accessRecordCountField, accessRecordsField } from '../../../platform/audit/access-log';
import { AccessLogEntry, ACCESS_RECORD_SELECTION } from '../../../platform/graphql/types';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';

/**
 * The selection psad requires from every other subgraph to merge `AccessLog` (psad reads its own trail
 * directly).
 */
export const CONTRIBUTED_ACCESS_RECORDS = CONTRIBUTING_SUBGRAPHS.map(
  (name) =>
    `${accessRecordsField(SUBGRAPHS[name])} { ${ACCESS_RECORD_SELECTION} } ${accessRecordCountField(SUBGRAPHS[name])}`,
).join(' ');
export const REQUIRES_ACCESS_RECORDS = `@requires(fields: "${CONTRIBUTED_ACCESS_RECORDS}")`;

/**
 * Who accessed one person's data, across every partner. The entity's key is the person's hub id:
 * each subgraph contributes its own trail's records for that key, and psad merges them (the
 * pattern of `OfferConnection`). `records` and `totalCount` are resolved in AccessLogResolver.
 */
@ObjectType({
  description:
    'Who accessed a young person’s data, when, what and why: every partner’s access trail, merged newest first.',
})
@Directive('@key(fields: "youngId")')
export class AccessLog {
  @Field(() => ID, { description: 'The hub id of the person this log is about.' })
  youngId: string;
}

/**
 * psad's declaration of the partners' contributions; the gateway fetches them for the @requires of `records`
 * and `totalCount`.
 */
function declareContributedAccessRecords(): void {
  for (const name of CONTRIBUTING_SUBGRAPHS) {
    const profile = SUBGRAPHS[name];
    Field(() => [AccessLogEntry], { nullable: true })(AccessLog.prototype, accessRecordsField(profile));
    Directive('@external')(AccessLog.prototype, accessRecordsField(profile));
    Field(() => Int, { nullable: true })(AccessLog.prototype, accessRecordCountField(profile));
    Directive('@external')(AccessLog.prototype, accessRecordCountField(profile));
  }
}
declareContributedAccessRecords();

/**
 * A person's copy of their data (RGPD art. 15): their record and their access log, generated at
 * one instant. Both are the federated entities themselves, so every partner's fields resolve
 * through the usual path and under the usual guards; the client selects what it wants printed.
 */
@ObjectType({
  description: 'Everything the hub holds about one young person, and who accessed it (RGPD art. 15).',
})
export class YoungExport {
  @Field(() => ID, { description: 'The hub id of the person.' })
  youngId: string;

  @Field(() => Date, { description: 'When the export was generated.' })
  generatedAt: Date;
}
