import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { isHubId } from '../../../platform/database/loaders';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentWrite } from '../../../platform/database/idempotency';
import { tracedWrite } from '../../../platform/database/write';
import { earliestBirthDay, InputCheck } from '../../../platform/graphql/input-check';
import { OfferRecord, OrganisationRecord } from '../../../platform/partner-kit/entities';
import { checkNotFuture, checkRowId, isUniqueViolation } from '../../../platform/partner-kit/write-types';
import { OFFERING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import { parisDay } from '../../../platform/calendar';
import { attestedWriteSubject, type LocalFollowers } from '../../../platform/policy/subject';
import type { Subject } from '../../../platform/policy/types';
import {
  authoriseWrite,
  authoriseWriteOperation,
  refuseUnknownPerson,
} from '../../../platform/policy/writes';
import { badUserInput, conflict } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { FoqualeContractRecord, FoqualeNetworkRecord, SituationReviewRecord } from '../entities';
import {
  addSignature,
  assertStep,
  closeReasonAllowed,
  lastSignatureOn,
  stateOf,
  type FoqualeStep,
} from '../foquale-lifecycle';
import type { EducationNationaleLoaders } from '../loaders';
import {
  AssignFoqualeTutorInput,
  ChooseFoqualeSolutionInput,
  CloseFoqualeContractInput,
  OpenFoqualeContractInput,
  RecordSituationReviewInput,
  SignFoqualeContractInput,
} from '../types/foquale.input';
import { FoqualeContract } from '../types/foquale.type';
import { toFoqualeContract } from './foquale.resolver';
import { currentSchools } from './young.resolver';

type Context = SubgraphContext<EducationNationaleLoaders>;

const PROFILE = SUBGRAPHS['education-nationale'];
const CONTRACT = 'The FOQUALE contract';
const SIGNATORY_LABELS = {
  TUTOR: 'The tutor',
  YOUNG_PERSON: 'The young person',
  FAMILY: 'The family',
} as const;
/** `<subgraph>:<uuid>`, the global id of a partner's row. */
const GLOBAL_ID = /^([a-z][a-z0-9-]*):(.+)$/;

/** The latest of some days (`YYYY-MM-DD` sorts as text); null when none is given. */
function latest(...days: (string | null | undefined)[]): string | null {
  return days.reduce<string | null>((max, day) => (day && (max === null || day > max) ? day : max), null);
}

/**
 * Checks the shape of the input (every field at once), then the policy on psad's attestation of
 * the person completed with Éducation nationale's followers; nothing is written on a refusal.
 */
async function authorise(
  field: string,
  rawYoungId: string,
  check: InputCheck,
  context: Context,
): Promise<{ youngId: string; subject: Subject }> {
  check.hubId('youngId', rawYoungId);
  check.done();
  authoriseWriteOperation(context, { action: 'FOQUALE_CONTRACT', field, youngId: rawYoungId });
  const youngId = rawYoungId.toLowerCase();
  const subject = await attestedWriteSubject(PROFILE, context, youngId, currentSchools as LocalFollowers);
  if (!subject) refuseUnknownPerson(context, { action: 'FOQUALE_CONTRACT', field, youngId });
  authoriseWrite(context, { action: 'FOQUALE_CONTRACT', owner: PROFILE.partner, subject, field });
  return { youngId, subject };
}

/** A day given in the input: real, and not after today (Paris). */
function checkDay(
  check: InputCheck,
  field: string,
  day: string | null | undefined,
  context: Context,
  required = true,
): void {
  if (check.localDate(field, day, { required })) checkNotFuture(check, field, day, context.now());
}

/** A date of the input must not precede a day of the contract; the message names that day's meaning. */
function checkNotBefore(
  check: InputCheck,
  field: string,
  day: string,
  bound: string | null,
  what: string,
): void {
  if (bound !== null && day < bound)
    check.fail(field, `"${field}" (${day}) must not be before ${what} (${bound})`);
}

/**
 * The person's contract, locked for the rest of the transaction so that concurrent steps on it
 * queue; then the version the caller based the change on, then the lifecycle's verdict.
 */
async function lockedContract(
  manager: EntityManager,
  localId: string,
  youngId: string,
  step: FoqualeStep,
  expectedVersion: number | null,
): Promise<FoqualeContractRecord> {
  const record = await manager
    .getRepository(FoqualeContractRecord)
    .findOne({ where: { id: localId, youngId }, lock: { mode: 'pessimistic_write' } });
  // Another person's contract is reported like a missing one: the id says nothing about anyone else.
  if (!record)
    throw badUserInput('This young person has no FOQUALE contract with this id', 'input.contractId');
  if (expectedVersion !== null && record.version !== expectedVersion)
    throw conflict(CONTRACT, expectedVersion, record.version);
  assertStep(record, step);
  return record;
}

/**
 * Writes a step's changes and moves the version on; the row is locked, so no one else changed it in between.
 */
async function saveStep(
  manager: EntityManager,
  record: FoqualeContractRecord,
  changes: Partial<FoqualeContractRecord>,
): Promise<FoqualeContract> {
  const updated = Object.assign(record, changes, { version: record.version + 1 });
  await manager
    .getRepository(FoqualeContractRecord)
    .update({ id: record.id }, { ...changes, version: updated.version });
  return toFoqualeContract(PROFILE, updated);
}

/**
 * The offer chosen as the solution: the shape of a global id of a partner that holds offers; an Éducation
 * nationale offer must exist and be open.
 */
function checkOfferIdShape(check: InputCheck, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const match = GLOBAL_ID.exec(value);
  if (!match || !isHubId(match[2])) {
    check.fail(
      'solutionOfferId',
      '"solutionOfferId" must be an offer’s global id, `<partner>:<uuid>` (e.g. `cfa:…`)',
    );
  } else if (!(OFFERING_SUBGRAPHS as string[]).includes(match[1])) {
    check.fail(
      'solutionOfferId',
      `"solutionOfferId" names "${match[1].slice(0, 30)}", which holds no offers; expected one of ${OFFERING_SUBGRAPHS.join(', ')}`,
    );
  }
}

@Resolver()
export class FoqualeContractWriteResolver {
  @Mutation(() => FoqualeContract, {
    description:
      'Opens a FOQUALE contract with its bilan de positionnement (needs, skills, level), in the network of the young person’s bassin (FOQUALE network of the bassin, ' +
      'or the référent of the person’s school). One running contract per person.',
  })
  async openFoqualeContract(
    @Arg('input', () => OpenFoqualeContractInput) input: OpenFoqualeContractInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    checkDay(check, 'initialReviewOn', input.initialReviewOn, context);
    check.text('needs', input.needs, { required: true, multiline: true });
    check.text('skills', input.skills, { required: true, multiline: true });
    check.text('level', input.level, { max: 200, required: true });
    const { youngId, subject } = await authorise(
      'Mutation.openFoqualeContract',
      input.youngId,
      check,
      context,
    );
    // Every later step of the contract is dated on or after its initial review.
    const born = new InputCheck('input');
    born.notBeforeBirth(
      'initialReviewOn',
      input.initialReviewOn,
      earliestBirthDay(subject.age, parisDay(context.now())),
    );
    born.done();
    return idempotentWrite(context, {
      operation: 'Mutation.openFoqualeContract',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        const network = await manager
          .getRepository(FoqualeNetworkRecord)
          .findOneBy({ bassinCode: subject.bassin });
        if (!network)
          throw badUserInput('No FOQUALE network serves this young person’s bassin', 'input.youngId');
        const running = () =>
          badUserInput(
            'This young person already has a FOQUALE contract that is not closed: close it before opening another',
            'input.youngId',
          );
        if (await manager.getRepository(FoqualeContractRecord).existsBy({ youngId, status: 'OPEN' }))
          throw running();
        const record = Object.assign(new FoqualeContractRecord(), {
          id: randomUUID(),
          youngId,
          networkId: network.id,
          version: 1,
          initialReviewOn: input.initialReviewOn,
          needs: input.needs.trim(),
          skills: input.skills.trim(),
          level: input.level.trim(),
          tutorName: null,
          tutorOrganisationId: null,
          tutorAssignedOn: null,
          solution: null,
          solutionOfferId: null,
          solutionChosenOn: null,
          tutorSignedOn: null,
          youngSignedOn: null,
          familySignedOn: null,
          signedOn: null,
          familySigned: false,
          status: 'OPEN',
          closedOn: null,
          closeReason: null,
        });
        try {
          await manager.getRepository(FoqualeContractRecord).insert(record);
        } catch (error) {
          // Two openings at once: the unique index on the running contract lets one through.
          if (isUniqueViolation(error)) throw running();
          throw error;
        }
        return { id: record.id, result: toFoqualeContract(PROFILE, record) };
      },
      replay: async (id, manager) =>
        toFoqualeContract(
          PROFILE,
          await manager.getRepository(FoqualeContractRecord).findOneByOrFail({ id }),
        ),
    });
  }

  @Mutation(() => FoqualeContract, {
    description:
      'Assigns (or, before anyone signs, replaces) the Éducation nationale tutor who follows the young person throughout the path.',
  })
  async assignFoqualeTutor(
    @Arg('input', () => AssignFoqualeTutorInput) input: AssignFoqualeTutorInput,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    const localId = checkRowId(check, 'contractId', input.contractId, PROFILE, 'a FOQUALE contract');
    check.text('tutorName', input.tutorName, { max: 120, required: true });
    check.text('tutorOrganisation', input.tutorOrganisation, { max: 20, required: true });
    checkDay(check, 'assignedOn', input.assignedOn, context, false);
    check.integer('expectedVersion', input.expectedVersion, { min: 1, required: true });
    const { youngId } = await authorise('Mutation.assignFoqualeTutor', input.youngId, check, context);
    return tracedWrite(context, async (manager) => {
      const record = await lockedContract(
        manager,
        localId!,
        youngId,
        'TUTOR_ASSIGNMENT',
        input.expectedVersion,
      );
      const network = await manager
        .getRepository(FoqualeNetworkRecord)
        .findOneByOrFail({ id: record.networkId });
      const organisation = await manager
        .getRepository(OrganisationRecord)
        .findOneBy({ code: input.tutorOrganisation.trim(), bassinCode: network.bassinCode });
      const after = new InputCheck('input');
      if (!organisation)
        after.fail(
          'tutorOrganisation',
          `No Éducation nationale school or service of ${network.name} has the code "${input.tutorOrganisation.slice(0, 20)}"`,
        );
      const assignedOn = input.assignedOn ?? parisDay(context.now());
      checkNotBefore(after, 'assignedOn', assignedOn, record.initialReviewOn, 'the initial review');
      after.done();
      return saveStep(manager, record, {
        tutorName: input.tutorName.trim(),
        tutorOrganisationId: organisation!.id,
        tutorAssignedOn: assignedOn,
      });
    });
  }

  @Mutation(() => FoqualeContract, {
    description:
      'Records (or, before anyone signs, changes) the return path chosen: its description and, when it is one, the offer taken — possibly another partner’s.',
  })
  async chooseFoqualeSolution(
    @Arg('input', () => ChooseFoqualeSolutionInput) input: ChooseFoqualeSolutionInput,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    const localId = checkRowId(check, 'contractId', input.contractId, PROFILE, 'a FOQUALE contract');
    check.text('solution', input.solution, { max: 300, required: true });
    checkOfferIdShape(check, input.solutionOfferId);
    checkDay(check, 'chosenOn', input.chosenOn, context, false);
    check.integer('expectedVersion', input.expectedVersion, { min: 1, required: true });
    const { youngId } = await authorise('Mutation.chooseFoqualeSolution', input.youngId, check, context);
    const offerMatch = input.solutionOfferId ? GLOBAL_ID.exec(input.solutionOfferId) : null;
    const offerId = offerMatch ? `${offerMatch[1]}:${offerMatch[2].toLowerCase()}` : null;
    return tracedWrite(context, async (manager) => {
      const record = await lockedContract(
        manager,
        localId!,
        youngId,
        'SOLUTION_CHOICE',
        input.expectedVersion,
      );
      const after = new InputCheck('input');
      const ownPrefix = `${PROFILE.name}:`;
      // Another partner's offer lives in its own database: its id's shape is all this subgraph can check.
      if (offerId?.startsWith(ownPrefix)) {
        const offer = await manager
          .getRepository(OfferRecord)
          .findOneBy({ id: offerId.slice(ownPrefix.length) });
        if (!offer || offer.closedAt !== null)
          after.fail('solutionOfferId', 'No open Éducation nationale offer has this id');
      }
      const chosenOn = input.chosenOn ?? parisDay(context.now());
      checkNotBefore(after, 'chosenOn', chosenOn, record.initialReviewOn, 'the initial review');
      after.done();
      return saveStep(manager, record, {
        solution: input.solution.trim(),
        solutionOfferId: offerId,
        solutionChosenOn: chosenOn,
      });
    });
  }

  @Mutation(() => FoqualeContract, {
    description:
      'Records one signature. The contract comes into force (`signedOn`, state IN_FORCE) with the last required one: the tutor’s and the young person’s, and the family’s ' +
      'when the young person may be a minor that day (psad attests an age, not a birth date: in doubt, the family signs).',
  })
  async signFoqualeContract(
    @Arg('input', () => SignFoqualeContractInput) input: SignFoqualeContractInput,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    const localId = checkRowId(check, 'contractId', input.contractId, PROFILE, 'a FOQUALE contract');
    checkDay(check, 'signedOn', input.signedOn, context);
    check.integer('expectedVersion', input.expectedVersion, { min: 1, required: true });
    const { youngId, subject } = await authorise(
      'Mutation.signFoqualeContract',
      input.youngId,
      check,
      context,
    );
    return tracedWrite(context, async (manager) => {
      const record = await lockedContract(manager, localId!, youngId, 'SIGNATURE', input.expectedVersion);
      const after = new InputCheck('input');
      const preparedOn = latest(record.initialReviewOn, record.tutorAssignedOn, record.solutionChosenOn)!;
      checkNotBefore(
        after,
        'signedOn',
        input.signedOn,
        preparedOn,
        'the contract’s preparation (initial review, tutor, solution)',
      );
      after.done();
      const outcome = addSignature(record, input.signatory, input.signedOn, {
        ageToday: subject.age,
        today: parisDay(context.now()),
      });
      if (!outcome.ok)
        throw badUserInput(
          `${SIGNATORY_LABELS[input.signatory]} already signed this contract (on ${outcome.signedOn})`,
          'input.signatory',
        );
      return saveStep(manager, record, {
        tutorSignedOn: outcome.tutorSignedOn,
        youngSignedOn: outcome.youngSignedOn,
        familySignedOn: outcome.familySignedOn,
        familySigned: outcome.familySignedOn !== null,
        signedOn: outcome.signedOn,
      });
    });
  }

  @Mutation(() => FoqualeContract, {
    description:
      'Records a bilan de situation of a contract in force, with its outcome; returns the contract with its reviews.',
  })
  async recordSituationReview(
    @Arg('input', () => RecordSituationReviewInput) input: RecordSituationReviewInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    const localId = checkRowId(check, 'contractId', input.contractId, PROFILE, 'a FOQUALE contract');
    checkDay(check, 'reviewedOn', input.reviewedOn, context);
    check.text('note', input.note, { required: true, multiline: true });
    const { youngId } = await authorise('Mutation.recordSituationReview', input.youngId, check, context);
    const contractOf = async (id: string, manager: EntityManager) =>
      toFoqualeContract(PROFILE, await manager.getRepository(FoqualeContractRecord).findOneByOrFail({ id }));
    return idempotentWrite(context, {
      operation: 'Mutation.recordSituationReview',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        // A review is appended, not based on a version; but it moves the version on, so that a closure
        // decided without it is refused.
        const record = await lockedContract(manager, localId!, youngId, 'SITUATION_REVIEW', null);
        const after = new InputCheck('input');
        checkNotBefore(
          after,
          'reviewedOn',
          input.reviewedOn,
          record.signedOn,
          'the contract’s coming into force',
        );
        after.done();
        const review = Object.assign(new SituationReviewRecord(), {
          id: randomUUID(),
          contractId: record.id,
          youngId,
          reviewedOn: input.reviewedOn,
          outcome: input.outcome,
          note: input.note.trim(),
        });
        await manager.getRepository(SituationReviewRecord).insert(review);
        const result = await saveStep(manager, record, {});
        return { id: review.id, result };
      },
      replay: async (id, manager) =>
        contractOf(
          (await manager.getRepository(SituationReviewRecord).findOneByOrFail({ id })).contractId,
          manager,
        ),
    });
  }

  @Mutation(() => FoqualeContract, {
    description:
      'Closes the contract with a reason (COMPLETED only once it came into force); nothing changes after.',
  })
  async closeFoqualeContract(
    @Arg('input', () => CloseFoqualeContractInput) input: CloseFoqualeContractInput,
    @Ctx() context: Context,
  ): Promise<FoqualeContract> {
    const check = new InputCheck('input');
    const localId = checkRowId(check, 'contractId', input.contractId, PROFILE, 'a FOQUALE contract');
    checkDay(check, 'closedOn', input.closedOn, context);
    check.integer('expectedVersion', input.expectedVersion, { min: 1, required: true });
    const { youngId } = await authorise('Mutation.closeFoqualeContract', input.youngId, check, context);
    return tracedWrite(context, async (manager) => {
      const record = await lockedContract(manager, localId!, youngId, 'CLOSURE', input.expectedVersion);
      const [lastReview]: { day: string | null }[] = await manager.query(
        "SELECT to_char(max(reviewed_on), 'YYYY-MM-DD') AS day FROM situation_review WHERE contract_id = $1",
        [record.id],
      );
      const after = new InputCheck('input');
      const lastStep = latest(
        record.initialReviewOn,
        record.tutorAssignedOn,
        record.solutionChosenOn,
        lastSignatureOn(record),
        lastReview?.day,
      );
      checkNotBefore(after, 'closedOn', input.closedOn, lastStep, 'the contract’s last step');
      if (!closeReasonAllowed(stateOf(record), input.reason)) {
        after.fail(
          'reason',
          '"reason" cannot be COMPLETED: the contract never came into force (ABANDONED or REORIENTED)',
        );
      }
      after.done();
      return saveStep(manager, record, {
        status: 'CLOSED',
        closedOn: input.closedOn,
        closeReason: input.reason,
      });
    });
  }
}
