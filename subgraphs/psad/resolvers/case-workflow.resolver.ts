import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IsNull, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../platform/database/constraints';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentWrite } from '../../../platform/database/idempotency';
import { tracedWrite } from '../../../platform/database/write';
import {
  policyGrounds,
  recordFollowOpening,
  type FollowGrounds,
} from '../../../platform/audit/follow-register';
import { InputCheck } from '../../../platform/graphql/input-check';
import { Partner } from '../../../platform/partners';
import { parisDay } from '../../../platform/calendar';
import { HABILITATIONS, matchesCodePattern, standingOn } from '../../../platform/policy/habilitations';
import { groundsOf } from '../../../platform/policy/engine';
import { forbidden } from '../../../platform/policy/guard';
import { WRITE_RULES } from '../../../platform/policy/rules';
import type { Subject } from '../../../platform/policy/types';
import {
  authoriseWrite,
  authoriseWriteOperation,
  refuseUnknownPerson,
} from '../../../platform/policy/writes';
import { badUserInput, conflict, illegalTransition } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { decideTransition, INITIAL_STATUS } from '../case-workflow';
import {
  CaseContactRecord,
  CaseTransitionRecord,
  OrganisationDirectoryRecord,
  PsadCaseRecord,
  SieiListingRecord,
  YoungRecord,
} from '../entities';
import type { PsadLoaders } from '../loaders';
import { subjectOf } from '../subject';
import { CaseStatus, CaseTransitionKind, PsadCase } from '../types/case.type';
import type { Young } from '../types/young.type';
import {
  AssignPsadCaseInput,
  OpenPsadCaseInput,
  RecordContactAttemptInput,
  TransitionPsadCaseInput,
} from '../types/case-workflow.input';
import { toYoung } from './young.resolver';

type Context = SubgraphContext<PsadLoaders>;

/**
 * Longest reason of a transition and note of a contact attempt: a few sentences, not a report (the database
 * holds the same bound).
 */
export const REASON_LIMIT = 1000;
export const NOTE_LIMIT = 1000;
const FOLLOWER_NAME_LIMIT = 120;
const CAMPAIGN = /^\d{4}-S[12]$/;
/** An organisation code as tokens carry it: `PSAD-38-GRE`, a UAI, a SIRET. */
const ORGANISATION_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** The index that keeps one open case per person and campaign. */
const OPEN_CASE_INDEX = 'psad_case_open_per_campaign_idx';
const WHAT = 'This PSAD case';

export function toPsadCase(record: PsadCaseRecord): PsadCase {
  return {
    id: record.id,
    youngId: record.youngId,
    campaign: record.campaign,
    status: record.status as CaseStatus,
    followerOrg: record.followerOrg,
    followerName: record.followerName,
    openedOn: record.openedOn,
    closedOn: record.closedOn,
    version: record.version,
  };
}

/**
 * Whether an organisation may follow a case: one that a habilitation in force lets read case
 * summaries. Assigning a case makes its follower see the person (FOLLOWS), so a code nobody
 * habilitated — a typo, an unknown body — is refused rather than left following no one.
 */
function mayFollow(code: string, now: Date): boolean {
  const category = WRITE_RULES.PSAD_CASE.category;
  return HABILITATIONS.some(
    (h) =>
      h.categories.includes(category) &&
      standingOn(h, now) === 'IN_FORCE' &&
      h.organisations.some((pattern) => matchesCodePattern(pattern, code)),
  );
}

/**
 * Whether an organisation exists: a PSAD of a bassin of the académie (`PSAD-38-GRE`), or an organisation of
 * the partners' directory. A code that only has the shape of a UAI or a SIRET is not one.
 */
async function organisationExists(code: string, context: Context): Promise<boolean> {
  const bassin = /^PSAD-(.+)$/.exec(code)?.[1];
  if (bassin) return (await context.loaders.territoryByCode.load(bassin))?.kind === 'BASSIN';
  return context.db.getRepository(OrganisationDirectoryRecord).existsBy({ code });
}

async function checkFollowerOrg(
  check: InputCheck,
  field: string,
  code: string | null | undefined,
  context: Context,
): Promise<void> {
  if (code === null || code === undefined) return;
  if (!ORGANISATION_CODE.test(code))
    check.fail(
      field,
      `"${field}" must be an organisation code (a PSAD code, a UAI, a SIRET), got "${code.slice(0, 40)}"`,
    );
  else if (!(await organisationExists(code, context)))
    check.fail(field, `"${field}" names no organisation the hub knows ("${code}")`);
  else if (!mayFollow(code, context.now()))
    check.fail(field, `No habilitation in force covers organisation "${code}": it cannot follow a case`);
}

/**
 * Refuses a caller who may never write a case before looking anyone up; then looks the person up,
 * establishes their subject as every read does, and decides the write (WRITE_RULES.PSAD_CASE),
 * which records the attempt in psad's access trail. Nothing is written before; a refusal throws FORBIDDEN.
 */
async function authorise(
  field: string,
  youngId: string,
  context: Context,
  action: 'PSAD_CASE' | 'PSAD_CASE_OPENING' = 'PSAD_CASE',
): Promise<{ young: Young; subject: Subject }> {
  authoriseWriteOperation(context, { action, field, youngId });
  const record = await context.db.getRepository(YoungRecord).findOneBy({ id: youngId });
  if (!record) refuseUnknownPerson(context, { action, field, youngId });
  const young = toYoung(record);
  const subject = await subjectOf(young, context, context.now());
  authoriseWrite(context, { action, owner: Partner.PSAD, subject, field });
  return { young, subject };
}

/**
 * A case given to another organisation than the caller's makes that organisation a follower: it needs
 * grounds of its own, a referral to it that it accepted — or to be the PSAD of the person's perimeter,
 * which coordinates every young person there already. Refused FORBIDDEN (NO_GROUNDS), traced.
 */
function checkFollowerGrounds(context: Context, field: string, subject: Subject, followerOrg: string): void {
  if (
    followerOrg === context.caller.org ||
    followerOrg === `PSAD-${subject.bassin}` ||
    (subject.referredTo ?? []).includes(followerOrg)
  )
    return;
  const { category } = WRITE_RULES.PSAD_CASE;
  context.access.note(subject.youngId, category, field, false);
  throw forbidden(field, category, 'NO_GROUNDS');
}

/**
 * The grounds on which `followerOrg` begins following the person, for the DPO's register: the caller's
 * own organisation's (the policy's GROUNDED, with the referral's id or the SIEI campaign), an accepted
 * referral to another organisation, or the PSAD of the person's perimeter (`checkFollowerGrounds`).
 */
async function recordCaseFollow(
  manager: EntityManager,
  context: Context,
  subject: Subject,
  opening: { followerOrg: string; campaign: string | null; operation: string },
): Promise<void> {
  const { followerOrg } = opening;
  const own = followerOrg === context.caller.org;
  const grounds: FollowGrounds = own
    ? policyGrounds(context.caller, subject)
    : (subject.referredTo ?? []).includes(followerOrg)
      ? 'REFERRAL'
      : 'PERIMETER_PSAD';
  let groundsReference: string | null = null;
  if (grounds === 'REFERRAL') {
    const [referral]: { id: string }[] = await manager.query(
      `SELECT id FROM referral WHERE young_id = $1 AND to_org = $2 AND status = 'ACCEPTED'
        ORDER BY decided_at DESC LIMIT 1`,
      [subject.youngId, followerOrg],
    );
    groundsReference = referral?.id ?? null;
  } else if (grounds === 'SIEI_LISTING') groundsReference = opening.campaign;
  await recordFollowOpening(manager, context, {
    youngId: subject.youngId,
    followerOrg,
    grounds,
    groundsReference,
    operation: opening.operation,
  });
}

/**
 * The payload's categorized fields (a transition's reason) are decided on the facts after the
 * write: opening a case makes its organisation a follower, closing or handing it over ends that.
 */
async function afterWrite<T>(young: Young, context: Context, result: T): Promise<T> {
  context.loaders.casesByYoung.clear(young.id);
  context.subjects.set(young.id, await subjectOf(young, context, context.now()));
  return result;
}

/** The case, read in the write's transaction; a case of someone else is as unknown as no case. */
async function caseOf(manager: EntityManager, youngId: string, caseId: string): Promise<PsadCaseRecord> {
  const record = await manager.findOneBy(PsadCaseRecord, { id: caseId });
  if (!record || record.youngId !== youngId)
    throw badUserInput('This person has no PSAD case with this id', 'input.caseId');
  return record;
}

async function replayCase(caseId: string, manager: EntityManager): Promise<PsadCase> {
  return toPsadCase(await manager.findOneByOrFail(PsadCaseRecord, { id: caseId }));
}

/**
 * Writes a change on the version it was based on, in one statement: of two writers that read the
 * same version, the second finds it gone (PostgreSQL re-checks the row once the first commits) and
 * gets CONFLICT; nothing of theirs is written.
 */
async function updateVersioned(
  manager: EntityManager,
  current: PsadCaseRecord,
  expectedVersion: number,
  changes: Partial<Record<'status' | 'closed_on' | 'follower_org' | 'follower_name', string | null>>,
): Promise<PsadCaseRecord> {
  const columns = Object.keys(changes);
  const assignments = columns.map((column, index) => `${column} = $${index + 3}`).join(', ');
  const [rows] = (await manager.query(
    `UPDATE psad_case SET ${assignments}, version = version + 1 WHERE id = $1 AND version = $2 RETURNING id`,
    [current.id, expectedVersion, ...columns.map((column) => changes[column as keyof typeof changes])],
  )) as [{ id: string }[], number];
  if (rows.length === 0) {
    const inForce = await manager.findOneByOrFail(PsadCaseRecord, { id: current.id });
    throw conflict(WHAT, expectedVersion, inForce.version);
  }
  return manager.findOneByOrFail(PsadCaseRecord, { id: current.id });
}

function transitionRecord(
  context: Context,
  record: PsadCaseRecord,
  fields: Pick<CaseTransitionRecord, 'kind' | 'fromStatus' | 'reason'> & Partial<CaseTransitionRecord>,
): CaseTransitionRecord {
  return Object.assign(new CaseTransitionRecord(), {
    id: randomUUID(),
    caseId: record.id,
    youngId: record.youngId,
    version: record.version,
    at: context.now(),
    actorSub: context.caller.sub,
    actorRole: context.caller.role,
    actorOrg: context.caller.org,
    toStatus: record.status,
    followerOrg: record.followerOrg,
    followerName: record.followerName,
    fromFollowerOrg: null,
    fromFollowerName: null,
    closure: null,
    ...fields,
  });
}

@Resolver(() => PsadCase)
export class CaseWorkflowResolver {
  @Mutation(() => PsadCase, {
    description:
      'Opens a PSAD case, status TO_CONTACT, for a young person on the SIEI list of `campaign`, or referred to the caller’s PSAD (a referral it accepted). ' +
      'One open case per person and campaign. For a PSAD coordinator of the person’s territory; a person neither listed nor referred is refused (NO_GROUNDS). ' +
      'A `followerOrg` other than the caller’s must be an organisation the hub knows, with a referral to it that it accepted.',
  })
  async openPsadCase(
    @Arg('input', () => OpenPsadCaseInput) input: OpenPsadCaseInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PsadCase> {
    const now = context.now();
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    if (!CAMPAIGN.test(input.campaign))
      check.fail(
        'campaign',
        `"campaign" must be a SIEI campaign such as 2025-S2, got "${input.campaign.slice(0, 20)}"`,
      );
    await checkFollowerOrg(check, 'followerOrg', input.followerOrg, context);
    check.text('followerName', input.followerName, { max: FOLLOWER_NAME_LIMIT });
    check.done();
    const field = 'Mutation.openPsadCase';
    const { young, subject } = await authorise(field, input.youngId, context, 'PSAD_CASE_OPENING');
    const followerOrg = input.followerOrg ?? context.caller.org;
    checkFollowerGrounds(context, field, subject, followerOrg);
    // Referred to the PSAD, the person needs no listing of this campaign; listed, on this campaign.
    const listingNeeded = groundsOf(context.caller, subject) !== 'REFERRAL';
    const followerName = input.followerName?.trim() || (await defaultFollowerName(followerOrg, context));
    const alreadyOpen = () =>
      badUserInput(
        `This person already has an open PSAD case for campaign ${input.campaign}`,
        'input.campaign',
      );
    const result = await idempotentWrite(context, {
      operation: 'Mutation.openPsadCase',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        if (
          listingNeeded &&
          !(await manager.existsBy(SieiListingRecord, { youngId: input.youngId, campaign: input.campaign }))
        ) {
          throw badUserInput(
            `This person is not on the SIEI list of campaign ${input.campaign}`,
            'input.campaign',
          );
        }
        if (
          await manager.existsBy(PsadCaseRecord, {
            youngId: input.youngId,
            campaign: input.campaign,
            closedOn: IsNull(),
          })
        )
          throw alreadyOpen();
        const record = Object.assign(new PsadCaseRecord(), {
          id: randomUUID(),
          youngId: input.youngId,
          campaign: input.campaign,
          status: INITIAL_STATUS,
          followerOrg,
          followerName,
          openedOn: parisDay(now),
          closedOn: null,
          version: 1,
        });
        try {
          await manager.insert(PsadCaseRecord, record);
        } catch (error) {
          // Two openings at once: the unique index lets one through.
          if (isUniqueViolation(error, OPEN_CASE_INDEX)) throw alreadyOpen();
          throw error;
        }
        await manager.insert(
          CaseTransitionRecord,
          transitionRecord(context, record, {
            kind: CaseTransitionKind.OPENED,
            fromStatus: null,
            reason: null,
          }),
        );
        await recordCaseFollow(manager, context, subject, {
          followerOrg,
          campaign: input.campaign,
          operation: field,
        });
        return { id: record.id, result: toPsadCase(record) };
      },
      replay: replayCase,
    });
    return afterWrite(young, context, result);
  }

  @Mutation(() => PsadCase, {
    description:
      'Moves a PSAD case to another status of its workflow, on the version you read (`expectedVersion`; a stale one gets CONFLICT). ' +
      'A move the workflow does not allow gets ILLEGAL_TRANSITION with the statuses allowed. Entering an exit or IN_SOLUTION closes the case; leaving one reopens it.',
  })
  async transitionPsadCase(
    @Arg('input', () => TransitionPsadCaseInput) input: TransitionPsadCaseInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PsadCase> {
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    check.hubId('caseId', input.caseId);
    check.text('reason', input.reason, { required: true, max: REASON_LIMIT, multiline: true });
    check.integer('expectedVersion', input.expectedVersion, { min: 1 });
    check.done();
    const { young } = await authorise('Mutation.transitionPsadCase', input.youngId, context);
    const day = parisDay(context.now());
    const result = await idempotentWrite(context, {
      operation: 'Mutation.transitionPsadCase',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        const current = await caseOf(manager, input.youngId, input.caseId);
        // A stale version first: what the caller believes the status is may no longer be true.
        if (current.version !== input.expectedVersion)
          throw conflict(WHAT, input.expectedVersion, current.version);
        const from = current.status as CaseStatus;
        const outcome = decideTransition(from, current.closedOn, input.to, day);
        if (!outcome.ok) throw illegalTransition(WHAT, from, input.to, outcome.allowed);
        let updated: PsadCaseRecord;
        try {
          updated = await updateVersioned(manager, current, input.expectedVersion, {
            status: input.to,
            closed_on: outcome.closedOn,
          });
        } catch (error) {
          if (isUniqueViolation(error, OPEN_CASE_INDEX)) {
            throw badUserInput(
              `Another PSAD case of campaign ${current.campaign} is open for this person: this one cannot be reopened`,
              'input.to',
            );
          }
          throw error;
        }
        await manager.insert(
          CaseTransitionRecord,
          transitionRecord(context, updated, {
            kind: CaseTransitionKind.STATUS_CHANGED,
            fromStatus: from,
            reason: input.reason.trim(),
            closure: outcome.change,
          }),
        );
        return { id: updated.id, result: toPsadCase(updated) };
      },
      replay: replayCase,
    });
    return afterWrite(young, context, result);
  }

  @Mutation(() => PsadCase, {
    description:
      'Hands an open PSAD case to another coordinator or partner organisation (which then follows the person), on the version you read; the previous follower stays in the case’s history. ' +
      '`followerOrg` must be an organisation the hub knows (BAD_USER_INPUT otherwise) with a referral to it that it accepted (NO_GROUNDS otherwise).',
  })
  async assignPsadCase(
    @Arg('input', () => AssignPsadCaseInput) input: AssignPsadCaseInput,
    @Ctx() context: Context,
  ): Promise<PsadCase> {
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    check.hubId('caseId', input.caseId);
    await checkFollowerOrg(check, 'followerOrg', input.followerOrg, context);
    check.text('followerName', input.followerName, { required: true, max: FOLLOWER_NAME_LIMIT });
    check.integer('expectedVersion', input.expectedVersion, { min: 1 });
    check.done();
    const { young, subject } = await authorise('Mutation.assignPsadCase', input.youngId, context);
    checkFollowerGrounds(context, 'Mutation.assignPsadCase', subject, input.followerOrg);
    const followerName = input.followerName.trim();
    const result = await tracedWrite(context, async (manager) => {
      const current = await caseOf(manager, input.youngId, input.caseId);
      if (current.version !== input.expectedVersion)
        throw conflict(WHAT, input.expectedVersion, current.version);
      if (current.closedOn !== null)
        throw badUserInput('This PSAD case is closed: reopen it before assigning it', 'input.caseId');
      if (current.followerOrg === input.followerOrg && current.followerName === followerName) {
        throw badUserInput(`${followerName} already follows this case`, 'input.followerOrg');
      }
      const updated = await updateVersioned(manager, current, input.expectedVersion, {
        follower_org: input.followerOrg,
        follower_name: followerName,
      });
      await manager.insert(
        CaseTransitionRecord,
        transitionRecord(context, updated, {
          kind: CaseTransitionKind.ASSIGNED,
          fromStatus: current.status,
          reason: null,
          fromFollowerOrg: current.followerOrg,
          fromFollowerName: current.followerName,
        }),
      );
      // Another follower within the same organisation is no new follow relationship.
      if (current.followerOrg !== input.followerOrg)
        await recordCaseFollow(manager, context, subject, {
          followerOrg: input.followerOrg,
          campaign: current.campaign,
          operation: 'Mutation.assignPsadCase',
        });
      return toPsadCase(updated);
    });
    return afterWrite(young, context, result);
  }

  @Mutation(() => PsadCase, {
    description:
      'Records an attempt to reach the young person on one of their PSAD cases (open, or closed: an unreachable person reached later). ' +
      'The note is follow-up detail: kept for the follow-up, never exposed by the hub.',
  })
  async recordContactAttempt(
    @Arg('input', () => RecordContactAttemptInput) input: RecordContactAttemptInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PsadCase> {
    const now = context.now();
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    check.hubId('caseId', input.caseId);
    check.text('note', input.note, { required: true, max: NOTE_LIMIT, multiline: true });
    if (input.at.getTime() > now.getTime())
      check.fail('at', `"at" (${input.at.toISOString()}) must not be in the future`);
    check.done();
    const { young } = await authorise('Mutation.recordContactAttempt', input.youngId, context);
    const born = new InputCheck('input');
    born.notBeforeBirth('at', input.at, young.birthDate);
    born.done();
    const result = await idempotentWrite(context, {
      operation: 'Mutation.recordContactAttempt',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        const psadCase = await caseOf(manager, input.youngId, input.caseId);
        const onCase = new InputCheck('input');
        if (parisDay(input.at) < psadCase.openedOn)
          onCase.fail(
            'at',
            `"at" (${input.at.toISOString()}) must not be before the case was opened (${psadCase.openedOn})`,
          );
        onCase.done();
        const contact = Object.assign(new CaseContactRecord(), {
          id: randomUUID(),
          caseId: psadCase.id,
          youngId: psadCase.youngId,
          at: input.at,
          channel: input.channel,
          outcome: input.outcome,
          note: input.note.trim(),
        });
        await manager.insert(CaseContactRecord, contact);
        return { id: psadCase.id, result: toPsadCase(psadCase) };
      },
      replay: replayCase,
    });
    return afterWrite(young, context, result);
  }
}

/** `PSAD-38-GRE` → "PSAD Grenoble", as the demo names its platforms; any other code stands for itself. */
async function defaultFollowerName(code: string, context: Context): Promise<string> {
  const bassin = /^PSAD-(.+)$/.exec(code)?.[1];
  const territory = bassin ? await context.loaders.territoryByCode.load(bassin) : null;
  return territory ? `PSAD ${territory.name}` : code;
}
