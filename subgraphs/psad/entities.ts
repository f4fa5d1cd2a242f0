import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('territory')
export class TerritoryRecord {
  @PrimaryColumn('text')
  code: string;

  /** ACADEMIE, DEPARTEMENT or BASSIN. */
  @Column('text')
  kind: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'parent_code', nullable: true })
  parentCode: string | null;

  /** A bassin's main town (WGS 84 degrees), for distances between bassins; null for other territories. */
  @Column('double precision', { nullable: true })
  latitude: number | null;

  @Column('double precision', { nullable: true })
  longitude: number | null;
}

/**
 * The identity record of a young person, keyed by the hub's pseudonymous id. The NIR never enters the hub.
 */
@Entity('young')
export class YoungRecord {
  @PrimaryColumn('uuid')
  id: string;

  /** Identifiant national élève, a matching key when known. */
  @Column('text', { nullable: true, unique: true })
  ine: string | null;

  @Column('text', { name: 'first_name' })
  firstName: string;

  @Column('text', { name: 'last_name' })
  lastName: string;

  @Column('date', { name: 'birth_date' })
  birthDate: string;

  @Column('text')
  sex: string;

  @Column('text')
  commune: string;

  @Column('text', { name: 'bassin_code' })
  bassinCode: string;
}

@Entity('siei_listing')
export class SieiListingRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('text')
  campaign: string;

  @Column('date', { name: 'detected_on' })
  detectedOn: string;

  @Column('text', { name: 'last_school_uai' })
  lastSchoolUai: string;

  @Column('text', { name: 'last_school_name' })
  lastSchoolName: string;

  @Column('text', { name: 'last_class' })
  lastClass: string;

  @Column('text')
  diploma: string;
}

@Entity('psad_case')
export class PsadCaseRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('text')
  campaign: string;

  @Column('text')
  status: string;

  @Column('text', { name: 'follower_org' })
  followerOrg: string;

  @Column('text', { name: 'follower_name' })
  followerName: string;

  @Column('date', { name: 'opened_on' })
  openedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  /** Incremented on every change (status, assignment): a write names the version it was based on. */
  @Column('integer')
  version: number;
}

/** One change of a case: its opening, a status change or an assignment, with who made it and why. */
@Entity('case_transition')
export class CaseTransitionRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  /** Denormalised so that a person's history loads in one indexed statement (the trajectory). */
  @Column('uuid', { name: 'young_id' })
  youngId: string;

  /** OPENED, STATUS_CHANGED or ASSIGNED. */
  @Column('text')
  kind: string;

  /** The case's version this change produced. */
  @Column('integer')
  version: number;

  @Column('timestamptz')
  at: Date;

  @Column('text', { name: 'actor_sub' })
  actorSub: string;

  @Column('text', { name: 'actor_role' })
  actorRole: string;

  @Column('text', { name: 'actor_org' })
  actorOrg: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status' })
  toStatus: string;

  @Column('text', { name: 'follower_org' })
  followerOrg: string;

  @Column('text', { name: 'follower_name' })
  followerName: string;

  @Column('text', { name: 'from_follower_org', nullable: true })
  fromFollowerOrg: string | null;

  @Column('text', { name: 'from_follower_name', nullable: true })
  fromFollowerName: string | null;

  /** What a status change did to the case's closure: CLOSES, REOPENS, STAYS_OPEN or STAYS_CLOSED. */
  @Column('text', { nullable: true })
  closure: string | null;

  /** Free text, possibly sensitive (FOLLOW_UP_DETAIL): never in a trajectory summary. */
  @Column('text', { nullable: true })
  reason: string | null;
}

@Entity('case_contact')
export class CaseContactRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  /** Denormalised so that a young person's contacts load in one indexed statement. */
  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  channel: string;

  @Column('text')
  outcome: string;

  @Column('text')
  note: string;
}

@Entity('opposition')
export class OppositionRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  /** The partner whose data must not be shared with the others. */
  @Column('text')
  partner: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  /** `sub` of whoever recorded it (the person, or the DPO on their behalf). */
  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;
}

@Entity('young_contact')
export class YoungContactRecord {
  @PrimaryColumn('uuid', { name: 'young_id' })
  youngId: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  address: string | null;
}

@Entity('legal_representative')
export class LegalRepresentativeRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('text')
  name: string;

  /** MOTHER, FATHER, GUARDIAN or OTHER. */
  @Column('text')
  relationship: string;

  @Column('text', { nullable: true })
  phone: string | null;
}

/** An organisation of a partner, as the directory knows it: a case's follower must be one (or a PSAD). */
@Entity('organisation_directory')
export class OrganisationDirectoryRecord {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** LYCEE_PROFESSIONNEL, MISSION_LOCALE, CFA, PJJ_UNIT… */
  @Column('text')
  kind: string;

  /** The subgraph that holds its records. */
  @Column('text')
  partner: string;

  @Column('text', { name: 'bassin_code' })
  bassinCode: string;
}

/**
 * A referral (fiche de liaison): the PSAD or the FOQUALE network of the perimeter orients a young
 * person to a named organisation, which accepts or declines. An accepted referral is the grounds on
 * which that organisation may begin following the person.
 */
@Entity('referral')
export class ReferralRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('text', { name: 'from_org' })
  fromOrg: string;

  @Column('text', { name: 'from_role' })
  fromRole: string;

  @Column('text', { name: 'from_sub' })
  fromSub: string;

  @Column('text', { name: 'to_org' })
  toOrg: string;

  /** ReferralReason: a neutral kind of solution, never a personal circumstance. */
  @Column('text')
  reason: string;

  /** PROPOSED, ACCEPTED or DECLINED. */
  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'proposed_at' })
  proposedAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decided_by_sub', nullable: true })
  decidedBySub: string | null;
}

export const entities = [
  ReferralRecord,
  TerritoryRecord,
  OrganisationDirectoryRecord,
  YoungRecord,
  SieiListingRecord,
  PsadCaseRecord,
  CaseTransitionRecord,
  CaseContactRecord,
  OppositionRecord,
  YoungContactRecord,
  LegalRepresentativeRecord,
];
