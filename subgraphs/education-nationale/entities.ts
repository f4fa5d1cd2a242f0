import { Column, Entity, PrimaryColumn } from 'typeorm';
import { partnerKitEntities } from '../../platform/partner-kit/tables';

/**
 * The FOQUALE network of one bassin: the EN schools and services of a PSAD perimeter (circulaire 2013-035).
 */
@Entity('foquale_network')
export class FoqualeNetworkRecord {
  @PrimaryColumn('uuid')
  id: string;

  /** One network per bassin. */
  @Column('text', { name: 'bassin_code', unique: true })
  bassinCode: string;

  @Column('text')
  name: string;

  /** A chef d'établissement or CIO director named by the recteur. */
  @Column('text', { name: 'responsable_name' })
  responsableName: string;

  /** Members of the comité de réseau, as "name, role (organisation)". */
  @Column('text', { array: true })
  committee: string[];

  /** How often the situation of a young person under contract is reviewed. */
  @Column('int', { name: 'review_interval_days' })
  reviewIntervalDays: number;
}

/**
 * A school year (or part of one) of a pupil in a school; schools are the kit's organisations (UAI in `code`).
 */
@Entity('enrolment')
export class EnrolmentRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('uuid', { name: 'school_id' })
  schoolId: string;

  /** '2024-2025'. */
  @Column('text', { name: 'school_year' })
  schoolYear: string;

  /** '3e', '2nde pro', 'CAP 1', '1re générale'… */
  @Column('text', { name: 'class_level' })
  classLevel: string;

  @Column('text', { nullable: true })
  track: string | null;

  @Column('date', { name: 'started_on' })
  startedOn: string;

  @Column('date', { name: 'ended_on', nullable: true })
  endedOn: string | null;

  /** COMPLETED, DROPPED_OUT, MOVED or REORIENTED; only once the enrolment has ended. */
  @Column('text', { name: 'exit_reason', nullable: true })
  exitReason: string | null;
}

/** A signal raised by a school's groupe de prévention du décrochage scolaire (GPDS). */
@Entity('dropout_signal')
export class DropoutSignalRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('uuid', { name: 'school_id' })
  schoolId: string;

  @Column('date', { name: 'signalled_on' })
  signalledOn: string;

  /** ABSENTEEISM, DISENGAGEMENT, ORIENTATION, FAMILY, HEALTH or BEHAVIOUR. */
  @Column('text')
  reason: string;

  @Column('text', { name: 'action_taken' })
  actionTaken: string;
}

/**
 * A contrat « Formation Qualification Emploi », from the initial review (bilan de positionnement)
 * to its closure; its lifecycle is in foquale-lifecycle.ts, and the table's checks hold its order.
 */
@Entity('foquale_contract')
export class FoqualeContractRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  /** The network of the person's bassin when the contract was opened. */
  @Column('uuid', { name: 'network_id' })
  networkId: string;

  /** Each step adds one; a write names the version it was based on (optimistic concurrency). */
  @Column('int')
  version: number;

  @Column('date', { name: 'initial_review_on' })
  initialReviewOn: string;

  /** Needs found by the initial review (CIO psychologist and MLDS). */
  @Column('text')
  needs: string;

  /** Skills found by the initial review; null for contracts recorded before the review noted them. */
  @Column('text', { nullable: true })
  skills: string | null;

  /** School level found by the initial review; null for contracts recorded before the review noted it. */
  @Column('text', { nullable: true })
  level: string | null;

  /** Null until a tutor is assigned. */
  @Column('text', { name: 'tutor_name', nullable: true })
  tutorName: string | null;

  /**
   * The Éducation nationale organisation (school, MLDS, CIO) the tutor belongs to; null for contracts
   * recorded without it.
   */
  @Column('uuid', { name: 'tutor_organisation_id', nullable: true })
  tutorOrganisationId: string | null;

  @Column('date', { name: 'tutor_assigned_on', nullable: true })
  tutorAssignedOn: string | null;

  /** Null until a solution is chosen. */
  @Column('text', { nullable: true })
  solution: string | null;

  /**
   * Global id (`<partner>:<uuid>`) of the offer chosen as the solution: it may be another
   * partner's (an E2C pathway, an apprenticeship…), so no foreign key can hold it.
   */
  @Column('text', { name: 'solution_offer_id', nullable: true })
  solutionOfferId: string | null;

  @Column('date', { name: 'solution_chosen_on', nullable: true })
  solutionChosenOn: string | null;

  @Column('date', { name: 'tutor_signed_on', nullable: true })
  tutorSignedOn: string | null;

  @Column('date', { name: 'young_signed_on', nullable: true })
  youngSignedOn: string | null;

  @Column('date', { name: 'family_signed_on', nullable: true })
  familySignedOn: string | null;

  /** The day the contract came into force: its last signature, once every required one is there. */
  @Column('date', { name: 'signed_on', nullable: true })
  signedOn: string | null;

  /** Whether the family signed: exactly when `family_signed_on` is set. */
  @Column('boolean', { name: 'family_signed' })
  familySigned: boolean;

  /** OPEN or CLOSED; CLOSED exactly when `closed_on` is set. */
  @Column('text')
  status: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  /** COMPLETED, ABANDONED or REORIENTED. */
  @Column('text', { name: 'close_reason', nullable: true })
  closeReason: string | null;
}

/** A bilan de situation: one of the regular reviews of a FOQUALE contract with the young person. */
@Entity('situation_review')
export class SituationReviewRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contract_id' })
  contractId: string;

  /**
   * Denormalised (and kept consistent by a composite foreign key) so that a person's reviews load in one
   * indexed statement.
   */
  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('date', { name: 'reviewed_on' })
  reviewedOn: string;

  /** ON_TRACK, ADJUSTED, AT_RISK, COMPLETED or ABANDONED. */
  @Column('text')
  outcome: string;

  @Column('text')
  note: string;
}

/**
 * Éducation nationale: the kit's schools and offers, plus FOQUALE networks, enrolments, GPDS signals,
 * contracts and their reviews.
 */
export const entities = partnerKitEntities(
  'offers',
  FoqualeNetworkRecord,
  EnrolmentRecord,
  DropoutSignalRecord,
  FoqualeContractRecord,
  SituationReviewRecord,
);
