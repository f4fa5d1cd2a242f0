import { ageAt } from '../../platform/calendar';
import { SUBGRAPHS, type Partner } from '../../platform/partners';
import { verifiedFollowers } from '../../platform/policy/subject';
import type { Subject } from '../../platform/policy/types';
import type { SubgraphContext } from '../../platform/server/definition';
import type { PsadLoaders } from './loaders';
import { CONTRIBUTED_FOLLOWER_FIELDS, type Young } from './types/young.type';

/** Case statuses after which the PSAD no longer follows the person. */
const CLOSED_CASE = (closedOn: string | null) => closedOn !== null;
/** A school's UAI: 7 digits and a letter. */
const UAI = /^[0-9]{7}[A-Z]$/;
/** Éducation nationale's followers: the schools where the person is currently enrolled. */
const SCHOOL_FOLLOWERS_FIELD = `${SUBGRAPHS['education-nationale'].fieldPrefix}Followers`;

/**
 * The facts every subgraph's rules decide on, established by psad for one person: where they
 * live (a PSAD transfer changes it), their age today, who actively follows them (psad's open
 * cases plus what each partner reported, in a report it signed for this request), their schools,
 * their oppositions in force.
 */
export async function subjectOf(
  young: Young,
  context: SubgraphContext<PsadLoaders>,
  now: Date,
): Promise<Subject> {
  const reportedBy = (field: string) =>
    verifiedFollowers(context, young.id, field, (young as unknown as Record<string, unknown>)[field]);
  const [cases, listings, referrals, oppositions, schoolReport, ...reports] = await Promise.all([
    context.loaders.casesByYoung.load(young.id),
    context.loaders.listingsByYoung.load(young.id),
    context.loaders.referralsByYoung.load(young.id),
    context.loaders.oppositionsInForceByYoung.load(young.id),
    reportedBy(SCHOOL_FOLLOWERS_FIELD),
    ...CONTRIBUTED_FOLLOWER_FIELDS.map(reportedBy),
  ]);
  const reported = reports.flat();
  const followers = [
    ...new Set([...cases.filter((c) => !CLOSED_CASE(c.closedOn)).map((c) => c.followerOrg), ...reported]),
  ].sort();
  const age = ageAt(young.birthDate, now);
  return {
    youngId: young.id,
    bassin: young.bassinCode,
    age,
    followers,
    // Only where the person is enrolled (what Éducation nationale reports), not every follower whose
    // code looks like a UAI: a CFA, a lycée agricole, a CIO or an MLDS following them is not their school.
    schools: [...new Set(schoolReport)].filter((code) => UAI.test(code)).sort(),
    oppositions: [...new Set(oppositions.map((o) => o.partner as Partner))].sort(),
    // Training is compulsory from 16 to 18 (loi du 26 juillet 2019, art. 15; décret du 5 août 2020).
    obligationDeFormation: age >= 16 && age < 18,
    // Grounds to begin following the person (WRITE_CONDITIONS.GROUNDED): accepted referrals, a listing.
    referredTo: [...new Set(referrals.filter((r) => r.status === 'ACCEPTED').map((r) => r.toOrg))].sort(),
    sieiListed: listings.length > 0,
  };
}
