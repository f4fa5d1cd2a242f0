import type { CaseStatus, ContactChannel, ContactOutcome, Partner } from './graphql/graphql';

/** The words the console shows for the API's codes. */
export const CASE_STATUS: Record<CaseStatus, string> = {
  TO_CONTACT: 'À contacter',
  CONTACTED: 'Contacté(e)',
  REVIEW_DONE: 'Bilan réalisé',
  SOLUTION_PROPOSED: 'Solution proposée',
  IN_SOLUTION: 'En solution',
  UNREACHABLE: 'Injoignable',
  REFUSED: 'Refus',
  MOVED: 'A déménagé',
  ALREADY_IN_TRAINING: 'Déjà en formation',
};

export const PARTNER: Record<Partner, string> = {
  PSAD: 'PSAD',
  EDUCATION_NATIONALE: 'Éducation nationale',
  MISSIONS_LOCALES: 'Missions locales',
  E2C: 'E2C',
  CFA: 'CFA',
  AGRICULTURE: 'Enseignement agricole',
  PJJ: 'PJJ',
};

export const CHANNEL: Record<ContactChannel, string> = {
  PHONE: 'Téléphone',
  SMS: 'SMS',
  MAIL: 'Courriel',
  LETTER: 'Courrier',
  MEETING: 'Rendez-vous',
};

export const OUTCOME: Record<ContactOutcome, string> = {
  REACHED: 'Joint(e)',
  NO_ANSWER: 'Pas de réponse',
  WRONG_NUMBER: 'Mauvais numéro',
  APPOINTMENT_SET: 'Rendez-vous fixé',
};

/** Why a category is withheld (`extensions.reason`): always about the caller, never the person. */
export const REFUSAL_REASON: Record<string, string> = {
  ROLE_NOT_GRANTED: 'votre rôle n’y donne pas accès',
  PURPOSE_MISMATCH: 'la finalité déclarée ne le permet pas',
  NO_HABILITATION: 'votre organisation n’a pas d’habilitation pour cette catégorie',
  HABILITATION_EXPIRED: 'l’habilitation de votre organisation a expiré',
  OUT_OF_TERRITORY: 'hors de vos territoires',
  NOT_FOLLOWING: 'votre organisation ne suit pas cette personne',
  NOT_SELF: 'réservé à la personne elle-même',
  AGGREGATES_ONLY: 'votre rôle ne voit que des agrégats',
  NOT_OWN_ORGANISATION: 'l’enregistrement appartient à une autre organisation',
};

export const CATEGORY: Record<string, string> = {
  IDENTITY: 'Identité',
  CONTACT: 'Coordonnées',
  LEGAL_REPRESENTATIVES: 'Représentants légaux',
  SCHOOLING: 'Scolarité et sortie',
  OBLIGATION_FORMATION: 'Obligation de formation',
  FOLLOW_UP_SUMMARY: 'Résumés des accompagnements',
  FOLLOW_UP_DETAIL: 'Détail des accompagnements',
  FOQUALE_CONTRACT: 'Contrat FOQUALE',
  PJJ_SIGNAL: 'Signal PJJ',
  OFFERS: 'Offres',
  AGGREGATES: 'Agrégats',
  ACCESS_LOG: 'Journal des accès',
};

export const ROLE: Record<string, string> = {
  'psad-coordinator': 'Coordinateur ou coordinatrice PSAD',
  'foquale-network': 'Réseau FOQUALE',
  'en-referent': 'Référent décrochage (établissement)',
  'ml-advisor': 'Conseiller ou conseillère Mission locale',
  'e2c-staff': 'Équipe E2C',
  'cfa-staff': 'Équipe CFA',
  'agri-staff': 'Équipe enseignement agricole',
  'pjj-educator': 'Éducateur ou éducatrice PJJ',
  dashboard: 'Tableaux de bord',
  young: 'Jeune',
  dpo: 'DPO',
};

export function label(table: Record<string, string>, code: string | null | undefined): string {
  if (code == null) return '—';
  return table[code] ?? code;
}
