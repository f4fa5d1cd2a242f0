import { definePartnerKit } from '../../../platform/partner-kit/subgraph';
import { SUBGRAPHS } from '../../../platform/partners';
import { signalUnit } from '../events';

/**
 * The PJJ's part of the partner kit: no follow-ups and no offers, only its access trail, and its
 * view of `Young` (keyed by the hub id, owned by psad), which the kit defines after the trail, as
 * the PJJ's schema has always printed them. Any hub id is a valid reference: for a person without
 * a signal, the PJJ contributes nothing.
 */
export const kit = definePartnerKit(SUBGRAPHS.pjj, {
  tables: 'organisations',
  followers: signalUnit,
  createsFollows: true,
});

export const Young = kit.Young;
export type Young = InstanceType<typeof Young>;
