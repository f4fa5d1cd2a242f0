import { Column, Entity, PrimaryColumn } from 'typeorm';
import { partnerKitEntities } from '../../platform/partner-kit/tables';

/**
 * An apprenticeship contract signed by a young person and an employer, with its CFA; a broken one keeps its
 * break.
 */
@Entity('apprenticeship_contract')
export class ApprenticeshipContractRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  /** The CFA (an organisation) that provides the training. */
  @Column('uuid', { name: 'cfa_id' })
  cfaId: string;

  @Column('text')
  employer: string;

  @Column('text')
  trade: string;

  /** The diploma prepared: 'CAP', 'BP', 'Bac pro'… */
  @Column('text')
  diploma: string;

  @Column('date', { name: 'started_on' })
  startedOn: string;

  @Column('date', { name: 'broken_on', nullable: true })
  brokenOn: string | null;

  /** Null for a contract in force, or for a break whose reason was not recorded. */
  @Column('text', { name: 'break_reason', nullable: true })
  breakReason: string | null;
}

/**
 * CFA: centres, apprenticeship and prépa-apprentissage places, follow-ups with dated events, and
 * apprenticeship contracts.
 */
export const entities = partnerKitEntities('follow-ups', ApprenticeshipContractRecord);
