import { Field, ID, ObjectType } from 'type-graphql';
import { Partner } from '../../../platform/partners';
import type { DataCategory } from '../../../platform/policy/types';

/**
 * The category of a person's oppositions (`Young.oppositions`, and what the two mutations write).
 *
 * ACCESS_LOG, not IDENTITY: an opposition is the record of how the person exercises their rights
 * (RGPD art. 21), which belongs with the record of who accessed their data (art. 15), and has the
 * same audience: the person themself (any age, any purpose) and the DPO, and nobody else. Shown
 * to partners (as IDENTITY would, to every coordinator of the perimeter), it would reveal what it
 * protects: "opposed to sharing the PJJ's data" tells that the PJJ follows the person (art. 10).
 * The rules themselves never need it: psad attests the oppositions in force in the subject.
 */
export const OPPOSITION_CATEGORY: DataCategory = 'ACCESS_LOG';

@ObjectType({
  description:
    'The person’s opposition to one partner sharing its data with the other partners (RGPD art. 21): while in force, no other partner sees what that partner holds, ' +
    'except what the obligation de formation makes a legal duty to share.',
})
export class Opposition {
  @Field(() => ID)
  id: string;

  @Field(() => Partner, { description: 'The partner whose data is not shared with the others.' })
  partner: Partner;

  @Field(() => Date)
  recordedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; null while in force.' })
  withdrawnAt: Date | null;

  @Field({ description: 'Whether it applies now.' })
  inForce: boolean;
}
