import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Tables that every partner holding offers or follow-ups keeps in its own database, with the
 * same columns, created by the shared migrations of this kit. Only the data differs.
 */
@Entity('organisation')
export class OrganisationRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  @Column('text')
  name: string;

  /** UAI for schools, the partner's own code otherwise. */
  @Column('text', { unique: true })
  code: string;

  @Column('text', { name: 'bassin_code' })
  bassinCode: string;

  @Column('text')
  commune: string;
}

@Entity('offer')
export class OfferRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  track: string | null;

  @Column('text', { nullable: true })
  level: string | null;

  @Column('text', { name: 'bassin_code' })
  bassinCode: string;

  @Column('text')
  commune: string;

  @Column('int')
  capacity: number;

  /** Places taken; the table's CHECK keeps 0 ≤ taken ≤ capacity. */
  @Column('int')
  taken: number;

  @Column('int', { name: 'age_min' })
  ageMin: number;

  @Column('int', { name: 'age_max' })
  ageMax: number;

  @Column('date', { name: 'starts_on' })
  startsOn: string;

  @Column('date', { name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** OfferAudience values (platform/graphql/types.ts); the table's CHECK refuses any other. */
  @Column('text', { array: true })
  audiences: string[];

  /** Who published and last changed it through the hub (null for imported rows). */
  @Column('text', { name: 'created_by_sub', nullable: true })
  createdBySub: string | null;

  @Column('text', { name: 'updated_by_sub', nullable: true })
  updatedBySub: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('follow_up')
export class FollowUpRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'offer_id', nullable: true })
  offerId: string | null;

  @Column('text')
  programme: string;

  @Column('date', { name: 'opened_on' })
  openedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn: string | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  /** Who opened, last changed and closed it through the hub (null for imported rows). */
  @Column('text', { name: 'opened_by_sub', nullable: true })
  openedBySub: string | null;

  @Column('text', { name: 'updated_by_sub', nullable: true })
  updatedBySub: string | null;

  @Column('text', { name: 'closed_by_sub', nullable: true })
  closedBySub: string | null;
}

@Entity('follow_up_event')
export class FollowUpEventRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'follow_up_id' })
  followUpId: string;

  /** Denormalised so that a young person's events load in one indexed statement. */
  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  kind: string;

  @Column('text')
  summary: string;

  /** Who recorded it through the hub, and for which organisation (null for imported rows). */
  @Column('text', { name: 'recorded_by_sub', nullable: true })
  recordedBySub: string | null;

  @Column('text', { name: 'recorded_by_org', nullable: true })
  recordedByOrg: string | null;
}

/**
 * A place held on an offer for a young person (write-migrations.ts). Written with plain SQL by
 * platform/partner-kit/reservations.ts, whose conditional statements make it atomic with the
 * offer's `taken`; the entity states the table for the subgraph's inventory (retention).
 */
@Entity('place_reservation')
export class PlaceReservationRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'offer_id' })
  offerId: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('timestamptz', { name: 'reserved_at' })
  reservedAt: Date;

  @Column('text', { name: 'reserved_by_sub' })
  reservedBySub: string;

  @Column('text', { name: 'reserved_by_org' })
  reservedByOrg: string;

  @Column('text', { name: 'reserved_by_role' })
  reservedByRole: string;

  /** RESERVED or CANCELLED; at most one RESERVED per person and offer (unique partial index). */
  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column('text', { name: 'cancelled_by_sub', nullable: true })
  cancelledBySub: string | null;

  @Column('text', { name: 'cancelled_by_org', nullable: true })
  cancelledByOrg: string | null;

  @Column('text', { name: 'cancelled_by_role', nullable: true })
  cancelledByRole: string | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;
}
