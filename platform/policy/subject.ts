import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { isHubId } from '../database/loaders';
import { CONTRIBUTING_SUBGRAPHS, Partner, SUBGRAPHS, type SubgraphProfile } from '../partners';
import { ACCESS_SUBJECT_FIELD, Category } from './category';
import type { GuardContext, GuardOptions } from './context';
import type { DataCategory, Subject } from './types';
import { readFactUnchecked } from '../auth/facts';
import type { WriteAttestation } from '../auth/internal-token';

/**
 * The attested subject as a JSON string: the claim `subject` of psad's signed `access-subject`
 * fact, which travels to the other subgraphs inside the entity representation (the gateway
 * fetches it for every field that @requires it). A subgraph believes it only when psad's
 * signature holds for this person and request (`attestedSubject`).
 */
export function encodeSubject(subject: Subject): string {
  return JSON.stringify(subject);
}

/**
 * The subject of a decision on a person's access trail (category kind ACCESS_TRAIL), which is
 * not case content: the rules grant it to the person themself (SELF) or unconditionally (the
 * DPO), and neither the age rule nor opposition applies to it. The person's id is then the only
 * fact the decision needs, so no subgraph has to wait for psad's attestation. Every other fact is
 * set to the value that refuses (a bassin no `territories` claim can hold, no follower, no school,
 * under 16, opposed to every partner): should a rule ever grant the trail on one of them, it would fail
 * closed here rather
 * than leak, until that rule is given psad's attested subject.
 */
export function trailSubject(youngId: string): Subject {
  return {
    youngId,
    bassin: '',
    age: 0,
    followers: [],
    schools: [],
    oppositions: Object.values(Partner),
    obligationDeFormation: false,
  };
}

/** Parses an attested subject; null (deny everything) when it is missing or malformed. */
export function decodeSubject(value: unknown, youngId: string): Subject | null {
  if (typeof value !== 'string') return null;
  let parsed: Partial<Subject>;
  try {
    parsed = JSON.parse(value) as Partial<Subject>;
  } catch {
    return null;
  }
  const partners = new Set<string>(Object.values(Partner));
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((item) => typeof item === 'string');
  const valid =
    parsed.youngId === youngId &&
    isHubId(youngId) &&
    typeof parsed.bassin === 'string' &&
    Number.isInteger(parsed.age) &&
    strings(parsed.followers) &&
    strings(parsed.schools) &&
    strings(parsed.oppositions) &&
    parsed.oppositions.every((partner) => partners.has(partner)) &&
    typeof parsed.obligationDeFormation === 'boolean' &&
    (parsed.referredTo === undefined || strings(parsed.referredTo)) &&
    (parsed.sieiListed === undefined || typeof parsed.sieiListed === 'boolean');
  return valid ? (parsed as Subject) : null;
}

/** The field in which a partner reports the organisations that actively follow the person. */
export function followersField(profile: SubgraphProfile): string {
  return `${profile.fieldPrefix}Followers`;
}

/** The subgraph whose report a `<prefix>Followers` field is: only its signature makes the report. */
function reporterOf(field: string): SubgraphProfile | undefined {
  return CONTRIBUTING_SUBGRAPHS.map((name) => SUBGRAPHS[name]).find(
    (profile) => followersField(profile) === field,
  );
}

/**
 * This partner's report that the caller's organisation follows the person, signed for the request (the
 * value of `<prefix>Followers`); null, with nothing signed, when it does not. Every rule that reads
 * followers asks whether the caller's own organisation is one (FOLLOWS, OWN_SCHOOL), so a report that
 * does not name it could not open anything: it is neither signed nor sent, and the report names no other
 * organisation (who else follows the person is none of the caller's business, even in transit).
 */
export function signFollowers(
  context: GuardContext,
  youngId: string,
  followers: () => Promise<string[]>,
): Promise<string | null> {
  if (!context.facts) return Promise.resolve(null);
  const organisation = context.caller.org;
  return context.facts.sign('followers', youngId, async () =>
    (await followers()).includes(organisation) ? { followers: [organisation] } : null,
  );
}

/**
 * The organisations that `field`'s owner reports following the person, from its signed report; none
 * when the report is missing, forged, about someone else, from another request or expired.
 */
export async function verifiedFollowers(
  context: GuardContext,
  youngId: string,
  field: string,
  report: unknown,
): Promise<string[]> {
  const reporter = reporterOf(field);
  if (!reporter || !context.facts) return [];
  // A report that does not name the caller's organisation could not open anything (see signFollowers):
  // its signature is not worth checking.
  const claimed = typeof report === 'string' ? readFactUnchecked(report)?.followers : undefined;
  if (!Array.isArray(claimed) || !claimed.includes(context.caller.org)) return [];
  const claims = await context.facts.verify(report, 'followers', reporter.name, youngId);
  const followers = claims?.followers;
  return Array.isArray(followers) ? followers.filter((code): code is string => typeof code === 'string') : [];
}

/** psad's attestation of the person, from its signed fact; null (refuse everything) for anything else. */
export async function attestedSubject(
  context: GuardContext,
  youngId: string,
  fact: unknown,
): Promise<Subject | null> {
  if (!context.facts) return null;
  const claims = await context.facts.verify(fact, 'access-subject', 'psad', youngId);
  return decodeSubject(claims?.subject, youngId);
}

/** The other partners' reports, which a partner needs next to psad's attestation. */
function otherFollowerFields(profile: SubgraphProfile): string[] {
  return CONTRIBUTING_SUBGRAPHS.filter((name) => name !== profile.name).map((name) =>
    followersField(SUBGRAPHS[name]),
  );
}

/**
 * What a partner requires to decide on a person: psad's attestation (bassin, age, oppositions,
 * psad's own followers) and every other partner's report of who follows the person; it adds its
 * own followers itself. The reports are required directly rather than through psad's
 * attestation, because @apollo/query-planner 2.14 drops the dependency of a chained @requires
 * (a required field that itself @requires) and would hand over an attestation made too early.
 */
export function subjectSelection(profile: SubgraphProfile): string {
  return [ACCESS_SUBJECT_FIELD, ...otherFollowerFields(profile)].join(' ');
}

/**
 * Put on every partner field that decides on the person without being categorized itself (its trajectory
 * events).
 */
export function requiresSubject(profile: SubgraphProfile): string {
  return `@requires(fields: "${subjectSelection(profile)}")`;
}

/**
 * Tags a partner's field about a young person with its category and makes it require what the
 * subject is established from, so that the partner decides on the same facts as every other
 * subgraph (territory, age, followers, opposition) without holding them.
 */
export function PersonalData(
  category: DataCategory,
  profile: SubgraphProfile,
): MethodDecorator & PropertyDecorator {
  const tag = Category(category);
  const requires = Directive(requiresSubject(profile));
  return (target: object, property: string | symbol, descriptor?: PropertyDescriptor) => {
    tag(target, property, descriptor as never);
    requires(target, property, descriptor as never);
  };
}

/**
 * Declares, on a partner's `Young` class, psad's attestation and the other partners' reports as external
 * fields it can require.
 */
export function declareAccessSubject(young: { prototype: object }, profile: SubgraphProfile): void {
  Field(() => String, { nullable: true })(young.prototype, ACCESS_SUBJECT_FIELD);
  Directive('@external')(young.prototype, ACCESS_SUBJECT_FIELD);
  for (const field of otherFollowerFields(profile)) {
    Field(() => String, { nullable: true })(young.prototype, field);
    Directive('@external')(young.prototype, field);
  }
}

/**
 * What every partner's `Young` reference keeps from the representation: the id, psad's attestation and the
 * partners' reports.
 */
export interface SubjectReference {
  id: string;
  accessSubject?: string | null;
}

/**
 * What else psad provides on `Young` for partners' fields to require: the bassins within reach of the person
 * (their candidate offers, platform/partner-kit/suggestions.ts).
 */
export const REACHABLE_BASSINS_FIELD = 'reachableBassins';

export function youngReference(reference: SubjectReference): SubjectReference {
  const reports = Object.entries(reference).filter(
    ([field]) => field.endsWith('Followers') || field === REACHABLE_BASSINS_FIELD,
  );
  return { id: reference.id, accessSubject: reference.accessSubject ?? null, ...Object.fromEntries(reports) };
}

function reportOf(young: SubjectReference, field: string, context: GuardContext): Promise<string[]> {
  return verifiedFollowers(context, young.id, field, (young as unknown as Record<string, unknown>)[field]);
}

/** The organisations that follow the person according to this partner's own records. */
export type LocalFollowers = (young: SubjectReference, context: never) => Promise<string[]>;

/**
 * The subject a partner decides on: psad's attestation, completed with every partner's report of
 * who follows the person (the others' from the representation, its own from its records); the
 * schools are those Éducation nationale reports. Each fact counts only signed by its owner for
 * this person and request. Remembered for the request so that child rows are decided on the same
 * facts. Null (refuse everything) when psad attested nothing.
 */
export async function establishSubject(
  profile: SubgraphProfile,
  young: SubjectReference,
  context: GuardContext,
  localFollowers: LocalFollowers,
): Promise<Subject | null> {
  const known = context.subjects.get(young.id);
  if (known) return known;
  const attested = await attestedSubject(context, young.id, young.accessSubject);
  if (!attested) return null;
  const own = await localFollowers(young, context as never);
  const reported = (
    await Promise.all(otherFollowerFields(profile).map((field) => reportOf(young, field, context)))
  ).flat();
  const schools =
    profile.name === 'education-nationale'
      ? own
      : await reportOf(young, followersField(SUBGRAPHS['education-nationale']), context);
  const subject: Subject = {
    ...attested,
    followers: [...new Set([...attested.followers, ...reported, ...own])].sort(),
    schools: [...new Set(schools)].sort(),
  };
  context.subjects.set(young.id, subject);
  return subject;
}

/** The guard options of a partner subgraph. */
export function attestedAccess(
  profile: SubgraphProfile,
  localFollowers: LocalFollowers,
): GuardOptions<GuardContext> {
  return {
    owner: profile.partner,
    subjectOfYoung: (young, context) =>
      establishSubject(profile, young as unknown as SubjectReference, context, localFollowers),
  };
}

/**
 * A partner's view of `Young` (keyed by the hub id, owned by psad): the key its own records hang
 * on, plus what it may require to decide on the person. Every partner defines its `Young` with this.
 */
export function definePartnerYoungType(profile: SubgraphProfile) {
  @ObjectType('Young')
  @Directive('@key(fields: "id")')
  class Young implements SubjectReference {
    @Field(() => ID, { description: 'The hub’s pseudonymous id.' })
    id: string;

    accessSubject?: string | null;
  }
  declareAccessSubject(Young, profile);
  return Young;
}

/** What a partner's mutation needs to establish the subject of a write. */
export interface WriteSubjectContext extends GuardContext {
  attestedSubjects: Readonly<Record<string, WriteAttestation>>;
}

/**
 * The subject of a write about `youngId` in a partner subgraph, established as for a read: psad's
 * attestation and the reports of who follows the person that can matter for this caller (their
 * own institution's: gateway/write-attestation.ts), which the gateway gathered before routing the
 * mutation and signed into the internal token, completed with this partner's own followers. Null when psad
 * knows no such person — or when the mutation did
 * not name the person as `youngId`, so that the gateway attested nothing.
 */
export async function attestedWriteSubject(
  profile: SubgraphProfile,
  context: WriteSubjectContext,
  youngId: string,
  localFollowers: LocalFollowers,
): Promise<Subject | null> {
  const attestation = context.attestedSubjects[youngId.toLowerCase()];
  if (!attestation?.accessSubject) return null;
  const reference = {
    ...attestation.reports,
    id: youngId.toLowerCase(),
    accessSubject: attestation.accessSubject,
  } as SubjectReference;
  return establishSubject(profile, reference, context, localFollowers);
}
