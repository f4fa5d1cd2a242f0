import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { checkPageSize } from '../../../platform/graphql/pagination';
import { Organisation, toOrganisation } from '../../../platform/partner-kit/follow-ups';
import { globalId } from '../../../platform/partner-kit/offers';
import type { SubgraphProfile } from '../../../platform/partners';
import { decideWithoutSubject, DEPENDS_ON_ROW } from '../../../platform/policy/engine';
import { forbidden } from '../../../platform/policy/guard';
import { parisDay } from '../../../platform/calendar';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { FoqualeContractRecord, FoqualeNetworkRecord } from '../entities';
import { reviewDue, stateOf } from '../foquale-lifecycle';
import type { EducationNationaleLoaders } from '../loaders';
import {
  FoqualeCloseReason,
  FoqualeContract,
  FoqualeContractState,
  FoqualeContractStatus,
  FoqualeNetwork,
  SituationReview,
  SituationReviewDue,
  SituationReviewOutcome,
} from '../types/foquale.type';
import { Young } from '../types/young.type';

type Context = SubgraphContext<EducationNationaleLoaders>;

const OVERDUE_FIELD = 'Query.overdueSituationReviews';

function toFoqualeNetwork(profile: SubgraphProfile, record: FoqualeNetworkRecord): FoqualeNetwork {
  return {
    id: globalId(profile, record.id),
    territory: record.bassinCode,
    name: record.name,
    responsableName: record.responsableName,
    committee: record.committee,
    reviewIntervalDays: record.reviewIntervalDays,
  };
}

export function toFoqualeContract(profile: SubgraphProfile, record: FoqualeContractRecord): FoqualeContract {
  return {
    id: globalId(profile, record.id),
    version: record.version,
    state: stateOf(record) as FoqualeContractState,
    initialReviewOn: record.initialReviewOn,
    needs: record.needs,
    skills: record.skills,
    level: record.level,
    tutorName: record.tutorName,
    tutorAssignedOn: record.tutorAssignedOn,
    solution: record.solution,
    solutionOfferId: record.solutionOfferId,
    solutionChosenOn: record.solutionChosenOn,
    tutorSignedOn: record.tutorSignedOn,
    youngPersonSignedOn: record.youngSignedOn,
    familySignedOn: record.familySignedOn,
    signedOn: record.signedOn,
    familySigned: record.familySigned,
    status: record.status as FoqualeContractStatus,
    closedOn: record.closedOn,
    closeReason: record.closeReason as FoqualeCloseReason | null,
    localId: record.id,
    youngId: record.youngId,
    networkId: record.networkId,
    tutorOrganisationId: record.tutorOrganisationId,
  };
}

@Resolver(() => FoqualeContract)
export class FoqualeContractResolver {
  @FieldResolver(() => FoqualeNetwork)
  async network(@Root() contract: FoqualeContract, @Ctx() context: Context): Promise<FoqualeNetwork> {
    const record = await context.loaders.networkById.load(contract.networkId);
    if (!record) throw new Error(`${contract.id} refers to a missing FOQUALE network`);
    return toFoqualeNetwork(context.profile, record);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      'The school or service the tutor belongs to (null until assigned, or when recorded without it).',
  })
  async tutorOrganisation(
    @Root() contract: FoqualeContract,
    @Ctx() context: Context,
  ): Promise<Organisation | null> {
    if (!contract.tutorOrganisationId) return null;
    const record = await context.loaders.organisationById.load(contract.tutorOrganisationId);
    return record ? toOrganisation(context.profile, record) : null;
  }

  @FieldResolver(() => [SituationReview], { description: 'Bilans de situation, oldest first.' })
  async reviews(@Root() contract: FoqualeContract, @Ctx() context: Context): Promise<SituationReview[]> {
    const records = await context.loaders.reviewsByYoung.load(contract.youngId);
    return records
      .filter((record) => record.contractId === contract.localId)
      .map((record) => ({
        id: globalId(context.profile, record.id),
        reviewedOn: record.reviewedOn,
        outcome: record.outcome as SituationReviewOutcome,
        note: record.note,
      }));
  }

  @FieldResolver(() => SituationReviewDue, {
    nullable: true,
    description:
      'The next bilan de situation of a contract in force, on today’s date (Paris); null otherwise.',
  })
  async nextReview(
    @Root() contract: FoqualeContract,
    @Ctx() context: Context,
  ): Promise<SituationReviewDue | null> {
    if (contract.state !== FoqualeContractState.IN_FORCE) return null;
    const [reviews, network] = await Promise.all([
      context.loaders.reviewsByYoung.load(contract.youngId),
      context.loaders.networkById.load(contract.networkId),
    ]);
    if (!network) throw new Error(`${contract.id} refers to a missing FOQUALE network`);
    const days = reviews
      .filter((review) => review.contractId === contract.localId)
      .map((review) => review.reviewedOn);
    return reviewDue(
      { ...contract, youngSignedOn: contract.youngPersonSignedOn },
      days,
      network.reviewIntervalDays,
      parisDay(context.now()),
    );
  }
}

interface OverdueRow {
  young_id: string;
}

@Resolver(() => FoqualeNetwork)
export class FoqualeNetworkResolver {
  @Query(() => [FoqualeNetwork], { description: 'FOQUALE networks, one per bassin, by bassin code.' })
  async foqualeNetworks(
    @Arg('territory', () => String, {
      nullable: true,
      description: 'A bassin code; all networks when omitted.',
    })
    territory: string | null,
    @Ctx() context: Context,
  ): Promise<FoqualeNetwork[]> {
    const records = await context.db
      .getRepository(FoqualeNetworkRecord)
      .find({ where: territory ? { bassinCode: territory } : {}, order: { bassinCode: 'ASC' } });
    if (territory && records.length === 0)
      throw badUserInput(`Unknown bassin "${territory.slice(0, 40)}"`, 'territory');
    return records.map((record) => toFoqualeNetwork(context.profile, record));
  }

  /**
   * The candidates come from Éducation nationale's own files — the caller's network's contracts,
   * or those tutored from the caller's school — and only their hub ids are returned: everything
   * about each person (identity, the contract, how overdue) is on `Young`, which the gateway
   * fetches with psad's attestation, so each row is decided on that person's subject like any read.
   */
  @Query(() => [Young], {
    description:
      'The young people whose bilan de situation is overdue — contracts in force whose last review (or signature, before any) is older than the network’s ' +
      '`reviewIntervalDays` — most overdue first. For a FOQUALE network, the contracts of its bassins; for a school’s référent, those its school tutors. ' +
      'Select `foqualeContracts { nextReview { dueOn daysOverdue } }` on each: those fields are decided per person (FOQUALE_CONTRACT).',
  })
  async overdueSituationReviews(
    @Arg('territory', () => String, {
      nullable: true,
      description: 'A bassin code; default: every bassin of the caller (`territories`).',
    })
    given: string | null | undefined,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 100.' }) first: number,
    @Ctx() context: Context,
  ): Promise<Young[]> {
    checkPageSize(first);
    const territory = given ?? null;
    const { caller } = context;
    const operation = decideWithoutSubject(caller, 'FOQUALE_CONTRACT', context.now());
    if (operation !== DEPENDS_ON_ROW && !operation.allowed)
      throw forbidden(OVERDUE_FIELD, 'FOQUALE_CONTRACT', operation.reason);
    // The list serves whoever reviews the contracts: the network and the tutor's school.
    if (caller.role !== 'foquale-network' && caller.role !== 'en-referent')
      throw forbidden(OVERDUE_FIELD, 'FOQUALE_CONTRACT', 'ROLE_NOT_GRANTED');
    if (
      territory !== null &&
      !(await context.db.getRepository(FoqualeNetworkRecord).existsBy({ bassinCode: territory }))
    ) {
      throw badUserInput(`Unknown bassin "${territory.slice(0, 40)}"`, 'territory');
    }
    let bassins: string[] | null;
    if (caller.role === 'foquale-network') {
      if (territory !== null && !caller.territories.includes(territory))
        throw forbidden(OVERDUE_FIELD, 'FOQUALE_CONTRACT', 'OUT_OF_TERRITORY');
      bassins = territory !== null ? [territory] : caller.territories;
    } else {
      bassins = territory !== null ? [territory] : null;
    }
    const tutorOrganisation = caller.role === 'en-referent' ? caller.org : null;
    const rows: OverdueRow[] = await context.db.query(
      `SELECT c.young_id, c.id
         FROM foquale_contract c
         JOIN foquale_network n ON n.id = c.network_id
         LEFT JOIN organisation t ON t.id = c.tutor_organisation_id
         LEFT JOIN situation_review r ON r.contract_id = c.id
        WHERE c.status = 'OPEN' AND c.signed_on IS NOT NULL
          AND ($1::text[] IS NULL OR n.bassin_code = ANY($1))
          AND ($2::text IS NULL OR t.code = $2)
        GROUP BY c.id, n.review_interval_days
       HAVING $3::date - coalesce(max(r.reviewed_on), c.signed_on) > n.review_interval_days
        ORDER BY $3::date - coalesce(max(r.reviewed_on), c.signed_on) - n.review_interval_days DESC, c.id
        LIMIT $4`,
      [bassins, tutorOrganisation, parisDay(context.now()), first],
    );
    // Only hub ids leave here, but that these people have an overdue contract is itself FOQUALE_CONTRACT
    // data: traced.
    for (const row of rows) context.access.note(row.young_id, 'FOQUALE_CONTRACT', OVERDUE_FIELD, true);
    return rows.map((row) => Object.assign(new Young(), { id: row.young_id }));
  }
}
