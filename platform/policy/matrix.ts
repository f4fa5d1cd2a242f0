/**
 * Renders the policy (rules.ts), the register of habilitations (habilitations.ts) and the
 * retention periods (retention.ts) as the Markdown document a DPO reads: `docs/access-matrix.md`.
 * Pure: the same data always gives the same text (the retention table shows the defaults, not
 * the environment's), so a test can tell when the committed document no longer matches the code.
 */
import { PURPOSES, ROLES, type Purpose, type Role } from '../auth/claims';
import { HABILITATIONS } from './habilitations';
import {
  ageRuleApplies,
  grantOf,
  isIndividual,
  legalDutyCovers,
  needsHabilitation,
  oppositionMayApply,
  purposesOf,
} from './engine';
import {
  AGE_RULE,
  CATEGORIES,
  CONDITIONS,
  CONDITION_NAMES,
  DECISION_ORDER,
  HABILITATION_RULE,
  LEGAL_DUTY_EXCEPTION,
  OPPOSITION_RULE,
  ROLE_RULES,
  WRITE_ACTIONS,
  WRITE_CONDITIONS,
  WRITE_RULES,
} from './rules';
import { describePeriod, RETENTION, TRAIL_RETENTION_VARIABLE } from './retention';
import { DATA_CATEGORIES, type DataCategory } from './types';

export const ACCESS_MATRIX_PATH = 'docs/access-matrix.md';

const PURPOSE_ABBREVIATIONS: Record<Purpose, string> = {
  REPERAGE_SIEI: 'RS',
  SUIVI_OF: 'OF',
  ACCOMPAGNEMENT: 'AC',
  PILOTAGE_AGREGE: 'PA',
};

/** Marks a cell not subject to the 16+ rule. */
const ANY_AGE = '†';
/** Marks a cell shared despite an opposition while the obligation de formation applies. */
const LEGAL_DUTY = '‡';

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => items.map(code).join(', ');

function purposesText(purposes: readonly Purpose[]): string {
  if (PURPOSES.every((purpose) => purposes.includes(purpose))) return 'any purpose';
  return purposes.map((purpose) => PURPOSE_ABBREVIATIONS[purpose]).join(' · ');
}

function cell(role: Role, category: DataCategory): string {
  if (ROLE_RULES[role].aggregatesOnly && isIndividual(category)) return 'aggregates only';
  const grant = grantOf(role, category);
  if (!grant) return '—';
  if (CATEGORIES[category].kind === 'PUBLIC') return 'public';
  const conditions = grant.when.length === 0 ? 'no condition' : grant.when.join(' + ');
  const kind = CATEGORIES[category].kind;
  const anyAge = AGE_RULE.appliesTo.includes(kind) && !ageRuleApplies(category, grant);
  const sharedDespiteOpposition = oppositionMayApply(role, category) && legalDutyCovers(role, category);
  const marks = `${anyAge ? ANY_AGE : ''}${sharedDespiteOpposition ? LEGAL_DUTY : ''}`;
  return `${conditions}${marks ? ` ${marks}` : ''}<br>${purposesText(purposesOf(grant, category))}`;
}

function decisionSection(): string {
  const steps = DECISION_ORDER.map(
    (step, index) =>
      `${index + 1}. **${step.check}** (${step.needsRow ? 'on each row, in the subgraphs' : 'operation level: at the gateway and again in the subgraphs'}) — ${step.rule} Refusal: ${list(step.refusals)}.`,
  );
  return [
    '## How a decision is made',
    '',
    'Every read of a categorized field is decided by `decide()` (platform/policy/engine.ts) in this order; the first check that fails gives the refusal reason, returned as `extensions.reason` next to `code: "FORBIDDEN"` when it speaks of the caller. `UNDER_16` and `OPPOSITION` speak of the person and are never told (`answerTo`): under 16, the caller gets what a person out of their reach gets (the refusal of the first condition on the person in their grant); under an opposition, the opposed partner\'s rows read as if it held nothing about the person.',
    '',
    ...steps,
  ].join('\n');
}

function conditionSection(): string {
  return [
    '## Conditions on the row',
    '',
    table(
      ['condition', 'holds when', 'refusal when not'],
      CONDITION_NAMES.map((name) => [code(name), CONDITIONS[name].meaning, code(CONDITIONS[name].refusal)]),
    ),
  ].join('\n');
}

function matrixSection(): string {
  const legend = [
    `Each cell lists the conditions that must all hold on the row, then the declared purposes that fit: ${Object.entries(
      PURPOSE_ABBREVIATIONS,
    )
      .map(([purpose, abbreviation]) => `${abbreviation} = \`${purpose}\``)
      .join(', ')}.`,
    `— not granted (\`ROLE_NOT_GRANTED\`). ${ANY_AGE} not subject to the ${AGE_RULE.minimumAge}+ rule. ${LEGAL_DUTY} shared despite an opposition while the obligation de formation applies.`,
    'A cell only opens access for organisations holding a habilitation in force for that purpose and category (register below).',
  ];
  return [
    '## Matrix: role × category',
    '',
    ...legend.flatMap((line) => [line, '']),
    table(
      ['role', ...DATA_CATEGORIES.map(code)],
      ROLES.map((role) => [code(role), ...DATA_CATEGORIES.map((category) => cell(role, category))]),
    ),
  ].join('\n');
}

function writeSection(): string {
  const grants = (action: (typeof WRITE_ACTIONS)[number]) =>
    Object.entries(WRITE_RULES[action].grants)
      .map(
        ([role, conditions]) =>
          `${code(role)}: ${conditions.length === 0 ? 'no condition' : conditions.join(' + ')}`,
      )
      .join('<br>');
  return [
    '## Writes',
    '',
    'Every mutation is decided by `decideWrite()` (platform/policy/engine.ts) before anything is written, in the subgraph that holds the record, and the attempt — allowed or refused — goes to that subgraph’s access trail. ' +
      'The caller’s role must be granted the action; the declared purpose must fit the category written and, for personal data, the organisation needs a habilitation in force for it, as for reading it; then every condition listed must hold — those on the record (its partner, organisation, bassin) decided before the person is looked up, so that no answer tells whether a hub id exists — and the ' +
      `${AGE_RULE.minimumAge}+ rule applies unless a condition exempts it. Opposition does not restrict writes: it limits what a partner's rows show to the others, not what a partner records in its own files. ` +
      'A partner decides on psad’s attestation of the person, which the gateway fetches for every person a mutation names (`youngId`) and signs into its internal token.',
    '',
    table(
      ['action', 'what', 'category', 'roles and conditions', 'why'],
      WRITE_ACTIONS.map((action) => [
        code(action),
        WRITE_RULES[action].label,
        code(WRITE_RULES[action].category),
        grants(action),
        WRITE_RULES[action].note,
      ]),
    ),
    '',
    table(
      ['write-only condition', 'holds when', 'refusal when not'],
      Object.entries(WRITE_CONDITIONS).map(([name, rule]) => [code(name), rule.meaning, code(rule.refusal)]),
    ),
  ].join('\n');
}

function categorySection(): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return [
    '## Data categories',
    '',
    table(
      [
        'category',
        'what it holds',
        'kind',
        'purposes that fit',
        `${AGE_RULE.minimumAge}+ rule`,
        'opposition',
        'habilitation',
        'why these purposes',
      ],
      DATA_CATEGORIES.map((category) => {
        const rule = CATEGORIES[category];
        return [
          code(category),
          rule.label,
          rule.kind,
          list(rule.purposes),
          yesNo(AGE_RULE.appliesTo.includes(rule.kind)),
          yesNo(OPPOSITION_RULE.appliesTo.includes(rule.kind)),
          yesNo(HABILITATION_RULE.appliesTo.includes(rule.kind)),
          rule.note,
        ];
      }),
    ),
  ].join('\n');
}

function retentionSection(): string {
  return [
    '## Retention',
    '',
    'How long the hub keeps each category (`platform/policy/retention.ts`, RGPD art. 5-1-e). The period runs from the day a record stops being live; a record still open or in force is never purged, however old. ' +
      '`npm run retention:purge` deletes, in each partner’s own database, the records past their period (`--dry-run` counts them, `--now` sets the clock). ' +
      `The access trail is purged too, after its period (\`${TRAIL_RETENTION_VARIABLE}\`, 3 years by default, which also applies to withdrawn oppositions): each chain's oldest records go behind a checkpoint (the last removed record's position and hash), from which \`npm run audit:verify\` restarts.`,
    '',
    table(
      ['category', 'kept', 'counted from', 'why'],
      DATA_CATEGORIES.map((category) => {
        const rule = RETENTION[category];
        return [code(category), describePeriod(rule.months), rule.from, rule.justification];
      }),
    ),
  ].join('\n');
}

function habilitationNeedOf(role: Role): string {
  if (ROLE_RULES[role].actsAs === 'DATA_SUBJECT') return 'never (own right of access)';
  const readsPersonalData = DATA_CATEGORIES.some(
    (category) => grantOf(role, category) && needsHabilitation(role, category),
  );
  return readsPersonalData ? 'required for personal data' : 'not needed (no personal data)';
}

function roleSection(): string {
  return [
    '## Roles',
    '',
    table(
      ['role', 'who', 'partner', 'habilitation', 'what it sees', 'legal basis'],
      ROLES.map((role) => {
        const rule = ROLE_RULES[role];
        const habilitation = habilitationNeedOf(role);
        return [
          code(role),
          rule.label,
          rule.partner ? code(rule.partner) : 'none',
          habilitation,
          rule.note,
          rule.legalBasis,
        ];
      }),
    ),
  ].join('\n');
}

function globalRulesSection(): string {
  return [
    '## Global rules',
    '',
    `- **Need to know.** A role sees a category only where the matrix grants it; everything else is refused. Offers are public to every authenticated role.`,
    `- **Purpose.** The \`purpose\` claim must be one the category serves (RGPD art. 5-1-b). \`PILOTAGE_AGREGE\` opens aggregates only, never an individual record. The person themself is not asked for a purpose.`,
    `- **Habilitation.** A professional reading personal data needs a habilitation of their organisation, for that purpose and that category, in force on the day of the request (Paris time); an expired one grants nothing (\`HABILITATION_EXPIRED\`), a missing one neither (\`NO_HABILITATION\`). ${HABILITATION_RULE.legalBasis}.`,
    `- **Age.** No individual record of a person under ${AGE_RULE.minimumAge}, except under a grant that requires ${list(AGE_RULE.exemptWhen)}: their own school's prevention staff, and the person themself. ${AGE_RULE.legalBasis}.`,
    `- **Opposition.** When a person opposes sharing what one partner holds, no other partner's staff see it; the partner still sees its own rows, and the person, the DPO and dashboards are not "other partners". ${OPPOSITION_RULE.legalBasis}.`,
    `- **Legal duty.** While the obligation de formation applies (16-18), ${list(LEGAL_DUTY_EXCEPTION.categories)} remain visible to ${list(LEGAL_DUTY_EXCEPTION.roles)} despite an opposition. ${LEGAL_DUTY_EXCEPTION.legalBasis}.`,
    `- **PJJ signal.** Only a PSAD coordinator or a Mission locale adviser whose organisation actively follows the person, and the PJJ unit that published it; the hub holds it only while the PJJ publishes it.`,
    `- **Interview notes.** Follow-up detail stays with the organisation that wrote it (\`OWN_ORGANISATION_ROW\`), not merely its partner, and serves only \`ACCOMPAGNEMENT\`.`,
    `- **Dashboards** see aggregates only; **the DPO** sees access trails and no case content; **the young person** sees their own record and trail.`,
  ].join('\n');
}

function habilitationSection(): string {
  return [
    '## Register of habilitations',
    '',
    'Organisation codes: `*` any run of characters, `#` one digit, `@` one capital letter. Dates are inclusive, Paris time. Export: `npm run policy:matrix -- --register csv` (or `json`).',
    '',
    table(
      ['id', 'holder', 'role', 'organisations', 'purposes', 'categories', 'legal basis', 'in force', 'DPO'],
      HABILITATIONS.map((h) => [
        code(h.id),
        h.holder,
        code(h.role),
        list(h.organisations),
        list(h.purposes),
        list(h.categories),
        h.legalBasis,
        `${h.validFrom} → ${h.validUntil}`,
        h.dpo,
      ]),
    ),
  ].join('\n');
}

/** The whole document. */
export function renderAccessMatrix(): string {
  const sections = [
    [
      '# Access matrix',
      '',
      '<!-- Generated by `npm run policy:matrix` from platform/policy/rules.ts, platform/policy/habilitations.ts and platform/policy/retention.ts. Do not edit by hand. -->',
      '',
      'Who may see what in the hub (DESIGN.md §5): one declarative policy, applied by the gateway before any subgraph is called and again by every subgraph on each row. ' +
        'To change it, edit `platform/policy/rules.ts`, `platform/policy/habilitations.ts` or `platform/policy/retention.ts`, run `npm run policy:matrix`, and have the DPO review the diff of this file; ' +
        '`npm test` fails while this file is out of date.',
    ].join('\n'),
    decisionSection(),
    matrixSection(),
    conditionSection(),
    writeSection(),
    globalRulesSection(),
    categorySection(),
    retentionSection(),
    roleSection(),
    habilitationSection(),
  ];
  return `${sections.join('\n\n')}\n`;
}
