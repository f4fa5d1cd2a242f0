import {
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { In, type DataSource } from 'typeorm';
import { instantOn } from '../calendar';
import { groupLoader, rowById, rowsByYoung, uniqueLoader } from '../database/loaders';
import { LocalDate, TrajectoryEvent, TrajectoryEventKind } from '../graphql/types';
import { Category } from '../policy/category';
import type { SubgraphProfile } from '../partners';
import { Partner } from '../partners';
import { FollowUpEventRecord, FollowUpRecord, OrganisationRecord } from './entities';
import { globalId } from './offers';

export enum FollowUpStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });

@ObjectType({ description: 'A partner organisation: a school, a Mission locale, an E2C site, a CFA…' })
@Directive('@shareable')
export class Organisation {
  @Field(() => ID)
  id: string;

  @Field(() => Partner)
  partner: Partner;

  @Field()
  kind: string;

  @Field()
  name: string;

  @Field({ description: 'UAI for schools, the partner’s own code otherwise.' })
  code: string;

  @Field({ description: 'Bassin code.' })
  territory: string;

  @Field()
  commune: string;
}

@ObjectType({ description: 'A dated step recorded during a follow-up (interview, programme entry, exit…).' })
@Directive('@shareable')
export class FollowUpEvent {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  at: Date;

  @Field()
  kind: string;

  @Field()
  summary: string;
}

@ObjectType({ description: 'A partner’s follow-up of a young person (accompagnement).' })
@Directive('@shareable')
export class FollowUp {
  @Field(() => ID)
  id: string;

  @Field(() => Partner)
  partner: Partner;

  @Field({ description: 'CEJ, PACEA, Parcours E2C, Prépa-apprentissage, CAPa…' })
  programme: string;

  @Field(() => FollowUpStatus)
  status: FollowUpStatus;

  @Field(() => String, { nullable: true })
  outcome: string | null;

  @Field(() => LocalDate)
  openedOn: string;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  organisationId: string;
  /** Who wrote it: the guard shows its events only to this organisation (OWN_ORGANISATION_ROW). */
  organisationCode: string;
  localId: string;
  /** Whom it is about: the guard decides on child fields with this person's subject. */
  youngId: string;
}

export interface FollowUpLoaders {
  followUpsByYoung: ReturnType<typeof groupLoader<string, FollowUpRecord>>;
  eventsByYoung: ReturnType<typeof groupLoader<string, FollowUpEventRecord>>;
  eventsByFollowUp: ReturnType<typeof groupLoader<string, FollowUpEventRecord>>;
  organisationById: ReturnType<typeof uniqueLoader<string, OrganisationRecord>>;
}

export interface FollowUpContext {
  profile: SubgraphProfile;
  loaders: FollowUpLoaders;
}

export function createFollowUpLoaders(db: DataSource): FollowUpLoaders {
  const events = db.getRepository(FollowUpEventRecord);
  return {
    followUpsByYoung: rowsByYoung(db.getRepository(FollowUpRecord), { openedOn: 'ASC', id: 'ASC' }),
    eventsByYoung: rowsByYoung(events, { at: 'ASC', id: 'ASC' }),
    eventsByFollowUp: groupLoader(
      (ids) => events.find({ where: { followUpId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.followUpId,
    ),
    organisationById: rowById(db.getRepository(OrganisationRecord)),
  };
}

export function toFollowUp(
  profile: SubgraphProfile,
  record: FollowUpRecord,
  organisationCode: string,
): FollowUp {
  return {
    id: globalId(profile, record.id),
    localId: record.id,
    partner: profile.partner,
    programme: record.programme,
    status: record.closedOn ? FollowUpStatus.CLOSED : FollowUpStatus.OPEN,
    outcome: record.outcome,
    openedOn: record.openedOn,
    closedOn: record.closedOn,
    organisationId: record.organisationId,
    organisationCode,
    youngId: record.youngId,
  };
}

export function toOrganisation(profile: SubgraphProfile, record: OrganisationRecord): Organisation {
  return {
    id: globalId(profile, record.id),
    partner: profile.partner,
    kind: record.kind,
    name: record.name,
    code: record.code,
    territory: record.bassinCode,
    commune: record.commune,
  };
}

const EVENT_KINDS = new Set<string>(Object.values(TrajectoryEventKind));

const OUTCOME_LABELS: Record<string, string> = {
  IN_PROGRESS: 'en cours',
  COMPLETED: 'parcours achevé',
  ABANDONED: 'abandon',
  EMPLOYED: 'accès à l’emploi',
  TRAINING: 'entrée en formation',
};

/**
 * What the trajectory says of a recorded event of a follow-up, by kind: the hub's own words. The
 * partner's text is follow-up detail (`FollowUp.events`), for its own organisation only; quoted here,
 * it would reach everyone who reads the trajectory's summaries.
 */
const FOLLOW_UP_EVENT_LABELS: Partial<Record<TrajectoryEventKind, string>> = {
  [TrajectoryEventKind.INTERVIEW]: 'Entretien',
  [TrajectoryEventKind.PROGRAMME_ENTRY]: 'Entrée dans le programme',
  [TrajectoryEventKind.TRAINING_STARTED]: 'Entrée en formation',
  [TrajectoryEventKind.TRAINING_COMPLETED]: 'Formation achevée',
  [TrajectoryEventKind.EXIT]: 'Sortie du dispositif',
};

/** Adds where it happened, unless the summary already says it. */
function at(summary: string, organisation: string): string {
  return summary.includes(organisation) ? summary : `${summary} (${organisation})`;
}

/**
 * A follow-up seen as trajectory events: its opening, each recorded event, and its closing.
 * Summaries name the organisation so that a coordinator reading the merged list knows who did what.
 */
export function followUpTrajectory(
  profile: SubgraphProfile,
  followUps: FollowUpRecord[],
  events: FollowUpEventRecord[],
  organisationName: (id: string) => string,
): TrajectoryEvent[] {
  const programmeOf = new Map(followUps.map((f) => [f.id, f]));
  const trajectory: TrajectoryEvent[] = [];
  for (const followUp of followUps) {
    const where = organisationName(followUp.organisationId);
    trajectory.push({
      id: globalId(profile, `${followUp.id}:opened`),
      partner: profile.partner,
      at: instantOn(followUp.openedOn, '09:00'),
      kind: TrajectoryEventKind.FOLLOW_UP_OPENED,
      summary: at(`Accompagnement ${followUp.programme} ouvert`, where),
    });
    if (followUp.closedOn) {
      trajectory.push({
        id: globalId(profile, `${followUp.id}:closed`),
        partner: profile.partner,
        at: instantOn(followUp.closedOn, '17:00'),
        kind: TrajectoryEventKind.FOLLOW_UP_CLOSED,
        summary: at(
          `Accompagnement ${followUp.programme} clos${followUp.outcome ? ` : ${OUTCOME_LABELS[followUp.outcome] ?? followUp.outcome}` : ''}`,
          where,
        ),
      });
    }
  }
  for (const event of events) {
    const followUp = programmeOf.get(event.followUpId);
    const kind = EVENT_KINDS.has(event.kind)
      ? (event.kind as TrajectoryEventKind)
      : TrajectoryEventKind.INTERVIEW;
    const label = FOLLOW_UP_EVENT_LABELS[kind] ?? 'Étape de l’accompagnement';
    trajectory.push({
      id: globalId(profile, event.id),
      partner: profile.partner,
      at: event.at,
      kind,
      summary: followUp ? at(label, organisationName(followUp.organisationId)) : label,
    });
  }
  return trajectory;
}

/** Loads the organisations of a set of follow-ups in one batch and returns a name lookup. */
export async function organisationNames(
  loaders: FollowUpLoaders,
  followUps: FollowUpRecord[],
): Promise<(id: string) => string> {
  const organisations = await organisationsOf(loaders, followUps);
  return (id) => organisations.get(id)?.name ?? 'organisation inconnue';
}

/** The organisations of a set of follow-ups, loaded in one batch, by id. */
async function organisationsOf(
  loaders: FollowUpLoaders,
  followUps: FollowUpRecord[],
): Promise<Map<string, OrganisationRecord>> {
  const ids = [...new Set(followUps.map((f) => f.organisationId))];
  const records = await loaders.organisationById.loadMany(ids);
  const organisations = new Map<string, OrganisationRecord>();
  records.forEach((record, index) => {
    if (record && !(record instanceof Error)) organisations.set(ids[index], record);
  });
  return organisations;
}

/** A person's follow-ups as the graph shows them, each with the code of the organisation that wrote it. */
export async function followUpsOf(
  profile: SubgraphProfile,
  loaders: FollowUpLoaders,
  records: FollowUpRecord[],
): Promise<FollowUp[]> {
  const organisations = await organisationsOf(loaders, records);
  return records.map((record) => {
    const organisation = organisations.get(record.organisationId);
    if (!organisation) throw new Error(`Follow-up ${record.id} refers to a missing organisation`);
    return toFollowUp(profile, record, organisation.code);
  });
}

/** Field resolvers of the shared FollowUp type; the same class serves every partner subgraph. */
@Resolver(() => FollowUp)
export class FollowUpResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() followUp: FollowUp, @Ctx() context: FollowUpContext): Promise<Organisation> {
    const record = await context.loaders.organisationById.load(followUp.organisationId);
    if (!record) throw new Error(`Follow-up ${followUp.id} refers to a missing organisation`);
    return toOrganisation(context.profile, record);
  }

  @FieldResolver(() => [FollowUpEvent], {
    nullable: true,
    description: 'Dated steps and interview notes: shown only to the partner that wrote them.',
  })
  @Category('FOLLOW_UP_DETAIL')
  async events(@Root() followUp: FollowUp, @Ctx() context: FollowUpContext): Promise<FollowUpEvent[]> {
    const records = await context.loaders.eventsByFollowUp.load(followUp.localId);
    return records.map((record) => ({
      id: globalId(context.profile, record.id),
      at: record.at,
      kind: record.kind,
      summary: record.summary,
    }));
  }
}

/**
 * The organisation a record points to; its foreign key guarantees it exists, so a miss is a bug, not a 404.
 */
export async function organisationOf(
  loaders: Pick<FollowUpLoaders, 'organisationById'>,
  id: string,
  pointer: string,
): Promise<OrganisationRecord> {
  const organisation = await loaders.organisationById.load(id);
  if (!organisation) throw new Error(`${pointer} refers to a missing organisation`);
  return organisation;
}
