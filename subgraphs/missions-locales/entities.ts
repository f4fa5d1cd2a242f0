import { Column, Entity, PrimaryColumn } from 'typeorm';
import { partnerKitEntities } from '../../platform/partner-kit/tables';

/** The obligation de formation (16-18) of one young person, followed by one Mission locale. */
@Entity('obligation_de_formation')
export class ObligationDeFormationRecord {
  /** One obligation per person: its current status, not a history (the steps are the history). */
  @PrimaryColumn('uuid', { name: 'young_id' })
  youngId: string;

  @Column('uuid', { name: 'mission_locale_id' })
  missionLocaleId: string;

  @Column('text')
  status: string;

  /** Since when the current status holds. */
  @Column('date')
  since: string;
}

@Entity('obligation_step')
export class ObligationStepRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'young_id' })
  youngId: string;

  @Column('date', { name: 'stepped_on' })
  steppedOn: string;

  @Column('text')
  label: string;
}

/**
 * Missions locales: sites, programmes (CEJ, PACEA, service civique), follow-ups with dated events,
 * and the obligation de formation of the 16-18 year-olds they are in charge of.
 */
export const entities = partnerKitEntities('follow-ups', ObligationDeFormationRecord, ObligationStepRecord);
