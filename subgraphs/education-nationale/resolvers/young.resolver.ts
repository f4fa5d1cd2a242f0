import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { eventsForCaller } from '../../../platform/partner-kit/young';
import { attestedAccess, PersonalData, requiresSubject, youngReference as youngReference_, type LocalFollowers } from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';

const PROFILE = SUBGRAPHS['education-nationale'];
import { TrajectoryEvent } from '../../../platform/graphql/types';
import type { SubgraphProfile } from '../../../platform/partners';
import { globalId } from '../../../platform/partner-kit/offers';
import type { SubgraphContext } from '../../../platform/server/subgraph-server';
import type { DropoutSignalRecord, EnrolmentRecord, FoqualeContractRecord } from '../entities';
import type { EducationNationaleLoaders } from '../loaders';
import { trajectoryOf } from '../trajectory';
import { FoqualeCloseReason, FoqualeContract, FoqualeContractStatus } from '../types/foquale.type';
import { DropoutReason, DropoutSignal, Enrolment, SchoolExitReason } from '../types/schooling.type';
import { Young } from '../types/young.type';

type Context = SubgraphContext<EducationNationaleLoaders>;

function toEnrolment(profile: SubgraphProfile, record: EnrolmentRecord): Enrolment {
  return {
    id: globalId(profile, record.id),
    schoolYear: record.schoolYear,
    classLevel: record.classLevel,
    track: record.track,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    exitReason: record.exitReason as SchoolExitReason | null,
    schoolId: record.schoolId,
  };
}

function toDropoutSignal(profile: SubgraphProfile, record: DropoutSignalRecord): DropoutSignal {
  return {
    id: globalId(profile, record.id),
    signalledOn: record.signalledOn,
    reason: record.reason as DropoutReason,
    actionTaken: record.actionTaken,
    schoolId: record.schoolId,
  };
}

function toFoqualeContract(profile: SubgraphProfile, record: FoqualeContractRecord): FoqualeContract {
  return {
    id: globalId(profile, record.id),
    tutorName: record.tutorName,
    initialReviewOn: record.initialReviewOn,
    needs: record.needs,
    solution: record.solution,
    solutionOfferId: record.solutionOfferId,
    signedOn: record.signedOn,
    familySigned: record.familySigned,
    status: record.status as FoqualeContractStatus,
    closedOn: record.closedOn,
    closeReason: record.closeReason as FoqualeCloseReason | null,
    localId: record.id,
    youngId: record.youngId,
    networkId: record.networkId,
  };
}

@Resolver(() => Young)
export class YoungResolver {
  @FieldResolver(() => [Enrolment], { nullable: true, description: 'Enrolments in Éducation nationale schools, oldest first.' })
  @PersonalData('SCHOOLING', PROFILE)
  async enrolments(@Root() young: Young, @Ctx() context: Context): Promise<Enrolment[]> {
    const records = await context.loaders.enrolmentsByYoung.load(young.id);
    return records.map((record) => toEnrolment(context.profile, record));
  }

  @FieldResolver(() => [DropoutSignal], { nullable: true, description: 'GPDS signals about this pupil, oldest first.' })
  @PersonalData('SCHOOLING', PROFILE)
  async dropoutSignals(@Root() young: Young, @Ctx() context: Context): Promise<DropoutSignal[]> {
    const records = await context.loaders.signalsByYoung.load(young.id);
    return records.map((record) => toDropoutSignal(context.profile, record));
  }

  @FieldResolver(() => [FoqualeContract], { nullable: true, description: 'FOQUALE contracts, oldest initial review first.' })
  @PersonalData('FOQUALE_CONTRACT', PROFILE)
  async foqualeContracts(@Root() young: Young, @Ctx() context: Context): Promise<FoqualeContract[]> {
    const records = await context.loaders.contractsByYoung.load(young.id);
    return records.map((record) => toFoqualeContract(context.profile, record));
  }

  // Clients see these only through psad's merged `Young.trajectory`.
  @FieldResolver(() => [TrajectoryEvent], { nullable: true })
  @Directive('@inaccessible')
  @Directive(requiresSubject(PROFILE))
  async educationNationaleEvents(@Root() young: Young, @Ctx() context: Context): Promise<TrajectoryEvent[]> {
    return eventsForCaller(PROFILE, young, context, currentSchools as LocalFollowers, await trajectoryOf(context.profile, young.id, context.loaders));
  }

  /** Who follows the person here: the schools where they are currently enrolled. */
  @FieldResolver(() => [String], { nullable: true })
  @Directive('@inaccessible')
  educationNationaleFollowers(@Root() young: Young, @Ctx() context: Context): Promise<string[]> {
    return currentSchools(young, context);
  }
}

/** The UAIs of the schools where the person is currently enrolled: they follow the person, and are the person's schools. */
async function currentSchools(young: Young, context: Context): Promise<string[]> {
  const current = (await context.loaders.enrolmentsByYoung.load(young.id)).filter((enrolment) => enrolment.endedOn === null);
  const schools = await context.loaders.organisationById.loadMany(current.map((enrolment) => enrolment.schoolId));
  const codes = schools.flatMap((school) => (school && !(school instanceof Error) ? [school.code] : []));
  return [...new Set(codes)].sort();
}

export const youngAccess = attestedAccess(PROFILE, currentSchools as LocalFollowers);

export const youngReference = {
  // Any hub id is a valid reference: a person Éducation nationale holds nothing about gets empty lists.
  Young: { __resolveReference: youngReference_ },
};
