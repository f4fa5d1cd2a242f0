import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { eventsForCaller } from '../../../platform/partner-kit/young';
import { reservationEvents } from '../../../platform/partner-kit/reservations';
import { definePartnerKit } from '../../../platform/partner-kit/subgraph';
import {
  PersonalData,
  requiresSubject,
  signFollowers,
  type LocalFollowers,
} from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';

const PROFILE = SUBGRAPHS['education-nationale'];
import { contributedType } from '../../../platform/graphql/partner-types';
import { TrajectoryEvent } from '../../../platform/graphql/types';
import type { SubgraphProfile } from '../../../platform/partners';
import { globalId } from '../../../platform/partner-kit/offers';
import type { SubgraphContext } from '../../../platform/server/definition';
import type { DropoutSignalRecord, EnrolmentRecord } from '../entities';
import type { EducationNationaleLoaders } from '../loaders';
import { trajectoryOf } from '../events';
import { FoqualeContract } from '../types/foquale.type';
import { toFoqualeContract } from './foquale.resolver';
import { SCHOOL_KINDS } from './schooling.resolver';
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

export function toDropoutSignal(
  profile: SubgraphProfile,
  record: DropoutSignalRecord,
  schoolCode: string,
): DropoutSignal {
  return {
    id: globalId(profile, record.id),
    signalledOn: record.signalledOn,
    reason: record.reason as DropoutReason,
    actionTaken: record.actionTaken,
    schoolId: record.schoolId,
    youngId: record.youngId,
    organisationCode: schoolCode,
  };
}

/** This partner's contribution to `Young.trajectory`, under its own type name. */
const EducationNationaleEvent = contributedType(PROFILE, TrajectoryEvent);

@Resolver(() => Young)
export class YoungResolver {
  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description: 'Enrolments in Éducation nationale schools, oldest first.',
  })
  @PersonalData('SCHOOLING', PROFILE)
  async enrolments(@Root() young: Young, @Ctx() context: Context): Promise<Enrolment[]> {
    const records = await context.loaders.enrolmentsByYoung.load(young.id);
    return records.map((record) => toEnrolment(context.profile, record));
  }

  @FieldResolver(() => [DropoutSignal], {
    nullable: true,
    description: 'GPDS signals about this pupil, oldest first.',
  })
  @PersonalData('SCHOOLING', PROFILE)
  async dropoutSignals(@Root() young: Young, @Ctx() context: Context): Promise<DropoutSignal[]> {
    const records = await context.loaders.signalsByYoung.load(young.id);
    const schools = await context.loaders.organisationById.loadMany(records.map((record) => record.schoolId));
    return records.map((record, index) => {
      const school = schools[index];
      if (!school || school instanceof Error)
        throw new Error(`Signal ${record.id} refers to a missing school`);
      return toDropoutSignal(context.profile, record, school.code);
    });
  }

  @FieldResolver(() => [FoqualeContract], {
    nullable: true,
    description: 'FOQUALE contracts, oldest initial review first.',
  })
  @PersonalData('FOQUALE_CONTRACT', PROFILE)
  async foqualeContracts(@Root() young: Young, @Ctx() context: Context): Promise<FoqualeContract[]> {
    const records = await context.loaders.contractsByYoung.load(young.id);
    return records.map((record) => toFoqualeContract(context.profile, record));
  }

  // Clients see these only through psad's merged `Young.trajectory`.
  @FieldResolver(() => [EducationNationaleEvent], { nullable: true })
  @Directive('@inaccessible')
  @Directive(requiresSubject(PROFILE))
  async educationNationaleEvents(@Root() young: Young, @Ctx() context: Context): Promise<TrajectoryEvent[]> {
    const [own, reservations] = await Promise.all([
      trajectoryOf(context.profile, young.id, context.loaders),
      reservationEvents(PROFILE, young.id, context),
    ]);
    return eventsForCaller(PROFILE, young, context, currentSchools as LocalFollowers, [
      ...own,
      ...reservations,
    ]);
  }

  /**
   * Who follows the person here: the schools where they are currently enrolled, and the school of their
   * running contract's tutor.
   */
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  educationNationaleFollowers(@Root() young: Young, @Ctx() context: Context): Promise<string | null> {
    return signFollowers(context, young.id, () => currentSchools(young, context));
  }
}

/**
 * The UAIs of the schools where the person is currently enrolled, and of the school whose staff
 * tutors their running FOQUALE contract (« accompagné par un tuteur de l'Éducation nationale tout
 * au long du parcours »): they follow the person, and are the person's schools. A tutor from the
 * MLDS or a CIO does not count: those are services of the network, not schools.
 */
export async function currentSchools(young: Young, context: Context): Promise<string[]> {
  const [enrolments, contracts] = await Promise.all([
    context.loaders.enrolmentsByYoung.load(young.id),
    context.loaders.contractsByYoung.load(young.id),
  ]);
  const current = enrolments
    .filter((enrolment) => enrolment.endedOn === null)
    .map((enrolment) => enrolment.schoolId);
  const tutoring = contracts.flatMap((contract) =>
    contract.status === 'OPEN' && contract.tutorOrganisationId ? [contract.tutorOrganisationId] : [],
  );
  const organisations = await context.loaders.organisationById.loadMany([
    ...new Set([...current, ...tutoring]),
  ]);
  const codes = organisations.flatMap((organisation) =>
    organisation &&
    !(organisation instanceof Error) &&
    (current.includes(organisation.id) || SCHOOL_KINDS.includes(organisation.kind))
      ? [organisation.code]
      : [],
  );
  return [...new Set(codes)].sort();
}

/**
 * The kit's offers, place reservations, candidate offers and access trail, with the person's
 * current schools as who follows them. Created here, after the fields above and before the
 * FOQUALE and GPDS mutations (which import `currentSchools`), where the published SDL has them.
 */
export const kit = definePartnerKit(PROFILE, { tables: 'offers', Young, followers: currentSchools });
