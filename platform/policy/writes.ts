import { isHubId } from '../database/loaders';
import { decideWrite, decideWriteOperation, decideWriteRow, isPersonCondition } from './engine';
import type { GuardContext } from './context';
import { forbidden } from './guard';
import type { Caller } from '../auth/claims';
import { CONDITIONS, WRITE_CONDITIONS, WRITE_RULES, type WriteAction } from './rules';
import type { Partner } from '../partners';
import type { RefusalReason, Subject } from './types';

export interface WriteAuthorisation {
  action: WriteAction;
  /** The partner whose database is written (this subgraph's). */
  owner: Partner;
  /** The person the write is about (psad's attestation completed by this subgraph); null for offers. */
  subject: Subject | null;
  /** The mutation, e.g. `Mutation.transitionPsadCase`: named in the refusal and the access trail. */
  field: string;
  /** Code of the organisation the written record belongs to, for the OWN_ORGANISATION condition. */
  rowOrganisation?: string | null;
  /** Bassin of the written record, for the OWN_TERRITORY_ROW condition. */
  rowBassin?: string | null;
}

/**
 * Decides a write with the policy (WRITE_RULES in rules.ts) before anything is written: the
 * attempt goes to the person's access trail, allowed or refused, and a refusal throws FORBIDDEN
 * with its reason. Every mutation about a person calls this once, inside nothing.
 */
export function authoriseWrite(context: GuardContext, request: WriteAuthorisation): void {
  const decision = decideWrite({ caller: context.caller, now: context.now(), ...request });
  const { category } = WRITE_RULES[request.action];
  if (request.subject)
    context.access.note(request.subject.youngId, category, request.field, decision.allowed);
  if (decision.allowed) return;
  // Under 16 for this caller is "nobody", as a read's `young(id)` null is: the refusal must not tell them
  // apart.
  throw forbidden(
    request.field,
    category,
    decision.reason === 'UNDER_16' ? unknownPersonRefusal(context.caller, request.action) : decision.reason,
  );
}

/**
 * What a write about someone psad does not know gets — and someone under 16, for a caller the age
 * rule applies to: the refusal of the first condition on the person in the caller's grant, the one
 * a person out of their reach would get. So a write reveals no more than a read of who exists.
 */
export function unknownPersonRefusal(caller: Caller, action: WriteAction): RefusalReason {
  // The record's conditions were decided before the person was looked up (`authoriseWriteRow`), and
  // a real person's are checked in the same order: the first condition on the person decides.
  const personal = (WRITE_RULES[action].grants[caller.role] ?? []).find(isPersonCondition);
  if (personal === 'GROUNDED') return WRITE_CONDITIONS.GROUNDED.refusal;
  return personal ? CONDITIONS[personal].refusal : 'NOT_FOLLOWING';
}

/**
 * Refuses a write about a hub id psad knows no one by (see `unknownPersonRefusal`), and traces the attempt
 * against that id.
 */
export function refuseUnknownPerson(
  context: GuardContext,
  request: { action: WriteAction; field: string; youngId: string },
): never {
  const { category } = WRITE_RULES[request.action];
  if (isHubId(request.youngId))
    context.access.note(request.youngId.toLowerCase(), category, request.field, false);
  throw forbidden(request.field, category, unknownPersonRefusal(context.caller, request.action));
}

/**
 * The first step of every mutation, before the person or the record is looked up: refuses with
 * FORBIDDEN a caller whose role, purpose or habilitation can never allow this write, so that the
 * refusal reveals nothing about who or what exists. The attempt goes to the trail of the hub id
 * it names, if it is one.
 */
export function authoriseWriteOperation(
  context: GuardContext,
  request: { action: WriteAction; field: string; youngId?: string | null },
): void {
  const decision = decideWriteOperation(context.caller, request.action, context.now());
  if (decision.allowed) return;
  const { category } = WRITE_RULES[request.action];
  if (request.youngId && isHubId(request.youngId))
    context.access.note(request.youngId.toLowerCase(), category, request.field, false);
  throw forbidden(request.field, category, decision.reason);
}

/**
 * The second step of a mutation on an existing record (or one made in the caller's organisation's
 * name), once the record is found and before the person is looked up: refuses with FORBIDDEN a
 * record of another partner, organisation or bassin than the rules allow, so that the answer
 * never depends on who the person is, or whether they exist.
 */
export function authoriseWriteRow(
  context: GuardContext,
  request: Omit<WriteAuthorisation, 'subject'> & { youngId: string },
): void {
  const decision = decideWriteRow({ caller: context.caller, now: context.now(), ...request });
  if (decision.allowed) return;
  const { category } = WRITE_RULES[request.action];
  if (isHubId(request.youngId))
    context.access.note(request.youngId.toLowerCase(), category, request.field, false);
  throw forbidden(request.field, category, decision.reason);
}
