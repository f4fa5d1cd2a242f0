import { Column, Entity, PrimaryColumn } from 'typeorm';
import { partnerKitEntities } from '../../platform/partner-kit/tables';

/**
 * A signal the PJJ chose to publish for one young person: a follow-up is active and whom to
 * contact. It is the only personal data the PJJ subgraph holds: measures, offences and courts
 * stay in the PJJ's own systems and have no column here.
 */
@Entity('pjj_signal')
export class PjjSignalRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  /** The PJJ unit (an organisation) whose educator is the contact. */
  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @Column('text', { name: 'contact_name' })
  contactName: string;

  @Column('text', { name: 'contact_phone' })
  contactPhone: string;

  @Column('date', { name: 'published_on' })
  publishedOn: string;

  /** Set when the PJJ withdraws the signal: from that day the hub no longer shows it. */
  @Column('date', { name: 'withdrawn_on', nullable: true })
  withdrawnOn: string | null;
}

/** PJJ units are organisations (the kit's table); the PJJ holds no offers and no follow-ups in the hub. */
export const entities = partnerKitEntities('organisations', PjjSignalRecord);
