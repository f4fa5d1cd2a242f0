/**
 * French names and wording for the demo dataset: people, schools, employers, trades and
 * qualifications, and the short notes professionals write in their files.
 *
 * The lists are hand-written to look like the académie de Grenoble around 2026; any resemblance
 * of a generated person to a real one is chance.
 */

// ---------------------------------------------------------------------------------------------
// People

/** Girls' first names frequent for births 2005-2012. */
export const FEMALE_FIRST_NAMES = [
  'Emma', 'Léa', 'Chloé', 'Manon', 'Inès', 'Jade', 'Camille', 'Sarah', 'Lola', 'Louise',
  'Zoé', 'Lina', 'Clara', 'Léna', 'Juliette', 'Maëlys', 'Lucie', 'Anaïs', 'Eva', 'Mathilde',
  'Romane', 'Louna', 'Ambre', 'Alice', 'Lilou', 'Océane', 'Marie', 'Pauline', 'Julie', 'Laura',
  'Margaux', 'Justine', 'Noémie', 'Elisa', 'Jeanne', 'Lisa', 'Mélissa', 'Clémence', 'Charlotte', 'Nina',
  'Maëlle', 'Agathe', 'Salomé', 'Yasmine', 'Émilie', 'Lou', 'Louane', 'Maya', 'Rose', 'Alicia',
  'Kenza', 'Mia', 'Anna', 'Julia', 'Léonie', 'Capucine', 'Célia', 'Elsa', 'Héloïse', 'Assia',
  'Lana', 'Aya', 'Shaïna', 'Emy',
] as const;

/** Boys' first names frequent for births 2005-2012. */
export const MALE_FIRST_NAMES = [
  'Lucas', 'Enzo', 'Nathan', 'Mathis', 'Louis', 'Hugo', 'Théo', 'Tom', 'Gabriel', 'Jules',
  'Raphaël', 'Arthur', 'Léo', 'Maxime', 'Noah', 'Ethan', 'Clément', 'Thomas', 'Baptiste', 'Alexandre',
  'Antoine', 'Paul', 'Mathéo', 'Axel', 'Adam', 'Yanis', 'Rayan', 'Kylian', 'Evan', 'Nolan',
  'Timéo', 'Sacha', 'Valentin', 'Romain', 'Maël', 'Noé', 'Tristan', 'Quentin', 'Bastien', 'Dylan',
  'Mohamed', 'Ilyes', 'Samuel', 'Victor', 'Martin', 'Aaron', 'Liam', 'Esteban', 'Lenny', 'Matteo',
  'Killian', 'Ryan', 'Corentin', 'Robin', 'Florian', 'Benjamin', 'Simon', 'Amine', 'Ibrahim', 'Alexis',
  'Mehdi', 'Loan', 'Marius', 'Anas',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Faure', 'André', 'Mercier',
  'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin',
  'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Masson', 'Marchand', 'Duval',
  'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud',
  'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche',
  'Renard', 'Roy', 'Colin', 'Vidal', 'Caron', 'Picard', 'Fabre', 'Aubert', 'Lemoine', 'Renaud',
  'Dumas', 'Lacroix', 'Olivier', 'Rey', 'Rolland', 'Lopez', 'Dupuy', 'Guillot', 'Berger', 'Sanchez',
  'Moulin', 'Huet', 'Perez', 'Fleury', 'Marty', 'Guyot', 'Charpentier', 'Bouvier', 'Favre', 'Jacquier',
  'Pellissier', 'Chappaz', 'Reynaud', 'Perret', 'Vial', 'Cattin', 'Bochet', 'Gay', 'Besson', 'Tissot',
  'Benali', 'Haddad', 'Mansouri', 'Diallo', 'Traoré', 'Nguyen', 'Ferreira', 'Yilmaz', 'Da Silva', 'Rodrigues',
  'Cherif', 'Diop', 'Amrani', 'Kaya', 'Bensaïd', 'Pereira',
] as const;

/** First names of the professionals (tutors, advisers, educators), born 1965-1995. */
export const ADULT_FIRST_NAMES = [
  'Nathalie', 'Isabelle', 'Sandrine', 'Stéphanie', 'Céline', 'Valérie', 'Sophie', 'Christine', 'Karine', 'Aurélie',
  'Émilie', 'Caroline', 'Virginie', 'Hélène', 'Claire', 'Anne', 'Laurence', 'Audrey', 'Élodie', 'Myriam',
  'Philippe', 'Christophe', 'Stéphane', 'Laurent', 'Frédéric', 'David', 'Sébastien', 'Nicolas', 'Olivier', 'Éric',
  'Thierry', 'Julien', 'Pascal', 'Vincent', 'Jérôme', 'Franck', 'Cédric', 'Fabrice', 'Guillaume', 'Karim',
] as const;

/** Patron names of collèges and lycées (the usual mix of writers, scientists and résistants). */
export const SCHOOL_PATRONS = [
  'Jean Moulin', 'Jean Jaurès', 'Victor Hugo', 'Marie Curie', 'Louis Armand', 'Jules Ferry', 'Pablo Neruda',
  'Charles Baudelaire', 'Albert Camus', 'Jacques Prévert', 'Simone Veil', 'Gustave Eiffel', 'Léonard de Vinci',
  'Pierre Mendès France', 'Romain Rolland', 'Marcel Pagnol', 'Jean Macé', 'Paul Éluard', 'Louis Pasteur',
  'Jean Rostand', 'Lucie Aubrac', 'Germaine Tillion', 'Olympe de Gouges', 'Condorcet', 'Voltaire',
  'Jean de La Fontaine', 'Antoine de Saint-Exupéry', 'Jules Verne', 'George Sand', 'Émile Zola',
  'Champollion', 'Stendhal', 'Berlioz', 'Vaucanson', 'Ampère', 'Pierre Termier', 'Édouard Herriot',
  'Les Eaux-Claires', 'Aristide Bergès', 'Guynemer', 'Ferdinand Buisson', 'Jean Monnet', 'Camille Claudel',
  'Frédéric Mistral', 'Marie Reynoard', 'Ella Maillart', 'Roger Frison-Roche', 'Jean-Jacques Rousseau',
  'Saint-Exupéry', 'Paul Héroult', 'Louise Michel', 'Rosa Parks', 'Nelson Mandela', 'Gaston Bachelard',
  'Henri Wallon', 'Joseph Fourier', 'Charles de Gaulle', 'Colette', 'Alexandre Dumas', 'Honoré de Balzac',
  'Marguerite Yourcenar', 'Anne Frank', 'Théodore Monod', 'Hubert Reeves', 'Les Saules', 'Le Grand Champ',
  'Les Allobroges', 'Le Mont-Blanc', 'La Salle', 'Les Pierres Plantées', 'Le Vergeron', 'Georges Brassens',
  'Jean Giono', 'Louis Lumière', 'Ambroise Croizat', 'Joliot-Curie', 'Pierre et Marie Curie', 'Paul Bert',
  'Xavier Bichat', 'Hector Berlioz', 'Claude Bernard', 'André Malraux',
] as const;

// ---------------------------------------------------------------------------------------------
// Training: vocational tracks of the lycées professionnels, apprenticeship qualifications,
// agricultural programmes.

/** 2nde pro "familles de métiers" and the bac pro that sit outside them. */
export const PRO_TRACKS = [
  'Métiers de la relation client',
  'Métiers de la construction durable, du bâtiment et des travaux publics',
  'Métiers des transitions numérique et énergétique',
  'Métiers de la gestion administrative, du transport et de la logistique',
  'Métiers de l’hôtellerie-restauration',
  'Métiers de l’alimentation',
  'Métiers de la maintenance des matériels et des véhicules',
  'Métiers de la réalisation d’ensembles mécaniques et industriels',
  'Métiers de la beauté et du bien-être',
  'Accompagnement, soins et services à la personne',
] as const;

/** CAP specialities taught in lycées professionnels. */
export const CAP_TRACKS = [
  'Équipier polyvalent du commerce',
  'Agent accompagnant au grand âge',
  'Cuisine',
  'Électricien',
  'Maçon',
  'Opérateur/opératrice logistique',
  'Métiers de la coiffure',
  'Production et service en restaurations',
  'Maintenance des véhicules',
  'Menuisier fabricant',
  'Peintre applicateur de revêtements',
  'Accompagnant éducatif petite enfance',
] as const;

export type CfaSector = 'BTP' | 'BOUCHE' | 'HOTELLERIE' | 'INDUSTRIE' | 'COMMERCE' | 'SERVICES' | 'AUTOMOBILE';

export interface Qualification {
  /** 'CAP', 'BP', 'Bac pro'… */
  diploma: string;
  /** The speciality, also the apprenticeship's trade. */
  trade: string;
  sector: CfaSector;
  /** Typical length in years. */
  years: number;
  /** Employer name patterns: `{nom}` is a family name, `{ville}` a commune. */
  employers: readonly string[];
}

const KITCHEN = ['Restaurant La Table de {nom}', 'Brasserie du Marché', 'Le Bistrot de {ville}', 'Auberge {nom}', 'Cuisine centrale de {ville}'];
const BAKERY = ['Boulangerie {nom}', 'Au Fournil de {ville}', 'Boulangerie-pâtisserie {nom} et fils', 'La Mie de {ville}'];
const BUILDING = ['Maçonnerie {nom}', '{nom} Construction', 'Entreprise {nom} BTP', 'Bâtir en {ville}'];
const WOOD = ['Menuiserie {nom}', 'Menuiserie {nom} et fils', 'Atelier Bois de {ville}'];
const ELECTRICITY = ['Électricité {nom}', '{nom} Élec', 'SARL {nom} Électricité générale'];
const HEATING = ['{nom} Plomberie-Chauffage', 'Thermique Services {ville}', 'Chauffage {nom}'];
const PAINT = ['Peinture {nom}', 'Décors et Peinture de {ville}'];
const GARAGE = ['Garage {nom}', 'Garage du Centre', 'Auto Services {ville}', '{nom} Automobiles'];
const HAIR = ['Coiffure {nom}', 'L’Atelier Coiffure', 'Salon Ciseaux d’Or', 'Studio Coiffure {ville}'];
const SHOP = ['Supermarché de {ville}', 'Épicerie {nom}', 'Jardinerie de {ville}', 'Bricolage {ville}', 'Maison de la presse {nom}'];
const CARE = ['EHPAD Les Tilleuls', 'EHPAD Le Clos des Vignes', 'Association d’aide à domicile de {ville}', 'SSIAD de {ville}'];
const CHILDCARE = ['Crèche Les Petits Loups', 'Multi-accueil de {ville}', 'Micro-crèche Les Lutins'];
const INDUSTRY = ['{nom} Décolletage', 'Mécanique de précision de {ville}', '{nom} Industries', 'Chaudronnerie {nom}'];
const LOGISTICS = ['Transports {nom}', 'Plateforme logistique de {ville}', '{nom} Logistique'];
const HOTEL = ['Hôtel du Lac', 'Hôtel {nom}', 'Résidence de tourisme Les Cimes', 'Hôtel-restaurant Les Alpes'];

export const APPRENTICESHIP_QUALIFICATIONS: readonly Qualification[] = [
  { diploma: 'CAP', trade: 'Maçon', sector: 'BTP', years: 2, employers: BUILDING },
  { diploma: 'CAP', trade: 'Menuisier fabricant', sector: 'BTP', years: 2, employers: WOOD },
  { diploma: 'CAP', trade: 'Menuisier installateur', sector: 'BTP', years: 2, employers: WOOD },
  { diploma: 'CAP', trade: 'Électricien', sector: 'BTP', years: 2, employers: ELECTRICITY },
  { diploma: 'CAP', trade: 'Monteur en installations thermiques', sector: 'BTP', years: 2, employers: HEATING },
  { diploma: 'CAP', trade: 'Peintre applicateur de revêtements', sector: 'BTP', years: 2, employers: PAINT },
  { diploma: 'BP', trade: 'Maçon', sector: 'BTP', years: 2, employers: BUILDING },
  { diploma: 'Bac pro', trade: 'Métiers de l’électricité et de ses environnements connectés', sector: 'BTP', years: 3, employers: ELECTRICITY },
  { diploma: 'CAP', trade: 'Cuisine', sector: 'BOUCHE', years: 2, employers: KITCHEN },
  { diploma: 'CAP', trade: 'Boulanger', sector: 'BOUCHE', years: 2, employers: BAKERY },
  { diploma: 'BP', trade: 'Boulanger', sector: 'BOUCHE', years: 2, employers: BAKERY },
  { diploma: 'CAP', trade: 'Pâtissier', sector: 'BOUCHE', years: 2, employers: ['Pâtisserie {nom}', 'Maison {nom} chocolatier', 'Les Douceurs de {ville}'] },
  { diploma: 'CAP', trade: 'Boucher', sector: 'BOUCHE', years: 2, employers: ['Boucherie {nom}', 'Boucherie-charcuterie du Centre', 'Boucherie de {ville}'] },
  { diploma: 'CAP', trade: 'Commercialisation et services en hôtel-café-restaurant', sector: 'HOTELLERIE', years: 2, employers: HOTEL },
  { diploma: 'CAP', trade: 'Cuisine', sector: 'HOTELLERIE', years: 2, employers: HOTEL },
  { diploma: 'Bac pro', trade: 'Cuisine', sector: 'HOTELLERIE', years: 3, employers: KITCHEN },
  { diploma: 'Bac pro', trade: 'Technicien en réalisation de produits mécaniques', sector: 'INDUSTRIE', years: 3, employers: INDUSTRY },
  { diploma: 'CAP', trade: 'Conducteur d’installations de production', sector: 'INDUSTRIE', years: 2, employers: INDUSTRY },
  { diploma: 'CAP', trade: 'Réalisations industrielles en chaudronnerie ou soudage', sector: 'INDUSTRIE', years: 2, employers: INDUSTRY },
  { diploma: 'CAP', trade: 'Opérateur/opératrice logistique', sector: 'INDUSTRIE', years: 2, employers: LOGISTICS },
  { diploma: 'Bac pro', trade: 'Logistique', sector: 'INDUSTRIE', years: 3, employers: LOGISTICS },
  { diploma: 'CAP', trade: 'Équipier polyvalent du commerce', sector: 'COMMERCE', years: 2, employers: SHOP },
  { diploma: 'Bac pro', trade: 'Métiers du commerce et de la vente', sector: 'COMMERCE', years: 3, employers: SHOP },
  { diploma: 'CAP', trade: 'Fleuriste', sector: 'COMMERCE', years: 2, employers: ['Fleurs {nom}', 'L’Atelier floral de {ville}'] },
  { diploma: 'CAP', trade: 'Métiers de la coiffure', sector: 'SERVICES', years: 2, employers: HAIR },
  { diploma: 'BP', trade: 'Coiffure', sector: 'SERVICES', years: 2, employers: HAIR },
  { diploma: 'CAP', trade: 'Esthétique cosmétique parfumerie', sector: 'SERVICES', years: 2, employers: ['Institut de beauté {nom}', 'Institut Belle de {ville}'] },
  { diploma: 'CAP', trade: 'Accompagnant éducatif petite enfance', sector: 'SERVICES', years: 2, employers: CHILDCARE },
  { diploma: 'CAP', trade: 'Agent accompagnant au grand âge', sector: 'SERVICES', years: 2, employers: CARE },
  { diploma: 'CAP', trade: 'Maintenance des véhicules option voitures particulières', sector: 'AUTOMOBILE', years: 2, employers: GARAGE },
  { diploma: 'Bac pro', trade: 'Maintenance des véhicules', sector: 'AUTOMOBILE', years: 3, employers: GARAGE },
  { diploma: 'CAP', trade: 'Maintenance des matériels option tracteurs et matériels agricoles', sector: 'AUTOMOBILE', years: 2, employers: ['{nom} Motoculture', 'Agri-Services {ville}'] },
];

export interface AgriculturalProgramme {
  /** What partners write in the follow-up ('Bac pro CGEA'). */
  label: string;
  diploma: string;
  title: string;
  /** Only CFPPAs (adult training) run it. */
  adult: boolean;
  years: number;
}

export const AGRICULTURAL_PROGRAMMES: readonly AgriculturalProgramme[] = [
  { label: 'CAPa Jardinier paysagiste', diploma: 'CAPa', title: 'Jardinier paysagiste', adult: false, years: 2 },
  { label: 'CAPa Métiers de l’agriculture', diploma: 'CAPa', title: 'Métiers de l’agriculture', adult: false, years: 2 },
  { label: 'CAPa SAPVER', diploma: 'CAPa', title: 'Services aux personnes et vente en espace rural', adult: false, years: 2 },
  { label: 'Bac pro CGEA', diploma: 'Bac pro', title: 'Conduite et gestion de l’entreprise agricole', adult: false, years: 3 },
  { label: 'Bac pro Aménagements paysagers', diploma: 'Bac pro', title: 'Aménagements paysagers', adult: false, years: 3 },
  { label: 'Bac pro Productions horticoles', diploma: 'Bac pro', title: 'Productions horticoles', adult: false, years: 3 },
  { label: 'Bac pro Agroéquipement', diploma: 'Bac pro', title: 'Agroéquipement', adult: false, years: 3 },
  { label: 'BPREA', diploma: 'BP', title: 'Responsable d’entreprise agricole', adult: true, years: 1 },
  { label: 'CAPa Jardinier paysagiste (formation adulte)', diploma: 'CAPa', title: 'Jardinier paysagiste', adult: true, years: 1 },
  { label: 'BP Aménagements paysagers', diploma: 'BP', title: 'Aménagements paysagers', adult: true, years: 1 },
];

/** Domains of service-civique missions offered to young people. */
export const SERVICE_CIVIQUE_MISSIONS = [
  'solidarité auprès des personnes âgées',
  'sport et citoyenneté',
  'protection de l’environnement',
  'accompagnement scolaire',
  'médiation numérique',
  'culture et loisirs',
] as const;

// ---------------------------------------------------------------------------------------------
// Wording of the professionals' notes.

export const FOQUALE_NEEDS = [
  'Remobilisation et construction du projet professionnel',
  'Remise à niveau en français et en mathématiques',
  'Découverte des métiers par des stages en entreprise',
  'Reprise de confiance et régularité de la présence',
  'Accompagnement social et soutien à la famille',
  'Suivi de santé et aménagement du rythme',
  'Réorientation vers une filière professionnelle',
  'Préparation à la repassation de l’examen',
] as const;

export const SIGNAL_ACTIONS: Record<
  'ABSENTEEISM' | 'DISENGAGEMENT' | 'ORIENTATION' | 'FAMILY' | 'HEALTH' | 'BEHAVIOUR',
  readonly string[]
> = {
  ABSENTEEISM: ['Entretien avec le CPE et la famille', 'Contrat d’assiduité signé avec l’élève', 'Signalement d’absentéisme à la DSDEN', 'Appel quotidien de la vie scolaire'],
  DISENGAGEMENT: ['Mise en place d’un tutorat par un enseignant', 'Entretien avec le référent décrochage', 'Aménagement d’emploi du temps (PAFI)'],
  ORIENTATION: ['Entretien avec la PsyEN au CIO', 'Mini-stage de découverte en lycée professionnel', 'Passerelle vers une autre spécialité étudiée en GPDS'],
  FAMILY: ['Rencontre avec la famille et l’assistante sociale', 'Information préoccupante transmise par l’assistante sociale'],
  HEALTH: ['Saisine de l’infirmière scolaire', 'Projet d’accueil individualisé mis en place'],
  BEHAVIOUR: ['Commission éducative réunie', 'Orientation vers le dispositif relais'],
};

export const REVIEW_NOTES: Record<'ON_TRACK' | 'ADJUSTED' | 'AT_RISK' | 'COMPLETED' | 'ABANDONED', readonly string[]> = {
  ON_TRACK: ['Présence régulière, bonne implication', 'Les objectifs du contrat sont tenus', 'Retours positifs de l’équipe pédagogique'],
  ADJUSTED: ['Emploi du temps aménagé après échange avec la famille', 'Stage ajouté pour confirmer le projet', 'Changement de tuteur dans l’établissement'],
  AT_RISK: ['Absences en hausse depuis le dernier bilan', 'Démotivation exprimée, entretien renforcé prévu', 'Difficultés familiales signalées'],
  COMPLETED: ['Parcours mené à son terme, objectifs atteints', 'Fin du contrat : poursuite de formation confirmée'],
  ABANDONED: ['Le jeune a quitté le dispositif', 'Plus de nouvelles malgré les relances'],
};

export const MISSION_LOCALE_INTERVIEWS = [
  'Point d’étape sur le projet professionnel',
  'Atelier CV et lettre de motivation',
  'Point sur les démarches de santé et de logement',
  'Préparation d’une immersion en entreprise (PMSMP)',
  'Atelier collectif « découvrir les métiers qui recrutent »',
  'Entretien de suivi avec le conseiller',
] as const;

export const MISSION_LOCALE_TRAININGS = [
  'Immersion en entreprise (PMSMP)',
  'Entrée en formation qualifiante financée par la Région',
  'Début d’une mission de service civique',
  'Entrée en formation « savoirs de base »',
] as const;

/** MLDS actions offered in every bassin. */
export const MLDS_ACTIONS = [
  'Pôle de remobilisation',
  'Module de repréparation à l’examen (MOREA)',
  'Action de raccrochage – découverte des métiers',
  'Parcours innovant FOQUALE',
  'Module de remise à niveau et de projet',
] as const;

/** Sectors of the internships done during an E2C pathway or a prépa-apprentissage. */
export const INTERNSHIP_SECTORS = [
  'grande distribution',
  'restauration',
  'bâtiment',
  'logistique',
  'aide à la personne',
  'espaces verts',
  'hôtellerie',
  'maintenance automobile',
] as const;

/** Where SIEI false positives turn out to be. */
export const ELSEWHERE_NOTES = {
  MOVED: [
    'Famille installée dans le Rhône : dossier transmis à la PSAD du département d’accueil',
    'Déménagement dans l’Ain, coordonnées transmises à la plateforme locale',
    'Parti vivre chez un parent dans les Bouches-du-Rhône',
    'Installé en Suisse avec sa famille',
  ],
  ALREADY_IN_TRAINING: [
    'Déjà en formation : apprenti dans un CFA hors académie',
    'Inscrit dans un lycée privé hors contrat',
    'En formation professionnelle à Genève',
    'Scolarisé au CNED depuis la rentrée',
  ],
} as const;
