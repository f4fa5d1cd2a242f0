import type { TestHub } from '../harness';

export const REFER = `mutation ($input: ReferYoungInput!, $key: String) { referYoung(input: $input, idempotencyKey: $key) { id status toOrganisation toOrganisationName reason } }`;
export const ACCEPT = `mutation ($input: DecideReferralInput!) { acceptReferral(input: $input) { id status } }`;
export const DECLINE = `mutation ($input: DecideReferralInput!) { declineReferral(input: $input) { id status } }`;

/**
 * The grounds a partner needs before it opens a follow-up (a fiche de liaison): the PSAD (the test
 * caller, of every bassin) refers the person to `organisation`, whose staff (`acceptor`) accept it.
 */
export async function referAndAccept(
  hub: TestHub,
  youngId: string,
  organisation: string,
  acceptor: string,
  reason = 'SUPPORT_PROGRAMME',
): Promise<string> {
  const referred = await hub.query(REFER, { input: { youngId, toOrganisation: organisation, reason } });
  if (referred.errors) throw new Error(`referYoung: ${JSON.stringify(referred.errors)}`);
  const id = referred.data!.referYoung.id as string;
  const accepted = await hub.query(ACCEPT, { input: { youngId, referralId: id } }, { token: acceptor });
  if (accepted.errors) throw new Error(`acceptReferral: ${JSON.stringify(accepted.errors)}`);
  return id;
}
