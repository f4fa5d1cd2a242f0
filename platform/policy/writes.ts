import { isHubId } from '../database/loaders';
import { decideWrite, decideWriteOperation } from './engine';
import { forbidden, type GuardContext } from './guard';
import { WRITE_RULES, type WriteAction } from './rules';
import type { Partner } from '../partners';
import type { Subject } from './types';

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
}

/**
 * Decides a write with the policy (WRITE_RULES in rules.ts) before anything is written: the
 * attempt goes to the person's access trail, allowed or refused, and a refusal throws FORBIDDEN
 * with its reason. Every mutation about a person calls this once, inside nothing.
 */
export function authoriseWrite(context: GuardContext, request: WriteAuthorisation): void {
  const decision = decideWrite({ caller: context.caller, now: context.now(), ...request });
  const { category } = WRITE_RULES[request.action];
  if (request.subject) context.access.note(request.subject.youngId, category, request.field, decision.allowed);
  if (!decision.allowed) throw forbidden(request.field, category, decision.reason);
}

/**
 * The first step of every mutation, before the person or the record is looked up: refuses with
 * FORBIDDEN a caller whose role, purpose or habilitation can never allow this write, so that the
 * refusal reveals nothing about who or what exists. The attempt goes to the trail of the hub id
 * it names, if it is one.
 */
export function authoriseWriteOperation(context: GuardContext, request: { action: WriteAction; field: string; youngId?: string | null }): void {
  const decision = decideWriteOperation(context.caller, request.action, context.now());
  if (decision.allowed) return;
  const { category } = WRITE_RULES[request.action];
  if (request.youngId && isHubId(request.youngId)) context.access.note(request.youngId.toLowerCase(), category, request.field, false);
  throw forbidden(request.field, category, decision.reason);
}
