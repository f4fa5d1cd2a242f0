/**
 * The académie de Grenoble's five départements and sixteen FOQUALE bassins, as listed by its
 * IEN-IO in 2021 (seeds/000). Bassin codes are the hub's own short codes.
 */
export type TerritoryKind = 'ACADEMIE' | 'DEPARTEMENT' | 'BASSIN';

export interface TerritoryRecord {
  code: string;
  kind: TerritoryKind;
  name: string;
  parentCode: string | null;
  /** A bassin's main town (WGS 84 degrees); null for the académie and the départements. */
  latitude: number | null;
  longitude: number | null;
}

export interface BassinProfile {
  code: string;
  name: string;
  departement: string;
  /** Latitude and longitude of the main town (WGS 84 degrees), for distances between bassins. */
  latitude: number;
  longitude: number;
  /** Real communes of the bassin, the first being its main town. */
  communes: string[];
}

export const ACADEMIE = { code: 'GRENOBLE', name: 'Académie de Grenoble' };

export const DEPARTEMENTS = [
  { code: '07', name: 'Ardèche' },
  { code: '26', name: 'Drôme' },
  { code: '38', name: 'Isère' },
  { code: '73', name: 'Savoie' },
  { code: '74', name: 'Haute-Savoie' },
];

export const BASSINS: BassinProfile[] = [
  {
    code: '07-MER',
    name: 'Ardèche méridionale',
    departement: '07',
    latitude: 44.6203,
    longitude: 4.3906,
    communes: ['Aubenas', 'Privas', 'Le Teil', 'Largentière', 'Vals-les-Bains'],
  },
  {
    code: '07-VER',
    name: 'Ardèche verte',
    departement: '07',
    latitude: 45.2397,
    longitude: 4.6708,
    communes: ['Annonay', 'Tournon-sur-Rhône', 'Lamastre', 'Saint-Félicien'],
  },
  {
    code: '26-CEN',
    name: 'Drôme centre et Vallée de la Drôme',
    departement: '26',
    latitude: 44.9334,
    longitude: 4.8924,
    communes: ['Valence', 'Crest', 'Die', 'Livron-sur-Drôme', 'Bourg-lès-Valence'],
  },
  {
    code: '26-COL',
    name: 'Drôme des collines',
    departement: '26',
    latitude: 45.0436,
    longitude: 5.0514,
    communes: ['Romans-sur-Isère', 'Saint-Vallier', 'Tain-l’Hermitage', 'Bourg-de-Péage'],
  },
  {
    code: '26-SUD',
    name: 'Drôme sud',
    departement: '26',
    latitude: 44.5581,
    longitude: 4.7509,
    communes: ['Montélimar', 'Nyons', 'Pierrelatte', 'Dieulefit'],
  },
  {
    code: '38-GRE',
    name: 'Agglomération grenobloise',
    departement: '38',
    latitude: 45.1885,
    longitude: 5.7245,
    communes: ['Grenoble', 'Échirolles', 'Saint-Martin-d’Hères', 'Fontaine', 'Meylan', 'Vizille'],
  },
  {
    code: '38-CEN',
    name: 'Centre Isère',
    departement: '38',
    latitude: 45.3642,
    longitude: 5.5888,
    communes: ['Voiron', 'Saint-Marcellin', 'Moirans', 'Rives', 'Vinay'],
  },
  {
    code: '38-RHO',
    name: 'Isère rhodanienne',
    departement: '38',
    latitude: 45.5255,
    longitude: 4.8744,
    communes: ['Vienne', 'Roussillon', 'Beaurepaire', 'Saint-Maurice-l’Exil'],
  },
  {
    code: '38-NOR',
    name: 'Nord Isère',
    departement: '38',
    latitude: 45.5861,
    longitude: 5.2736,
    communes: ['Bourgoin-Jallieu', 'Villefontaine', 'L’Isle-d’Abeau', 'La Tour-du-Pin', 'Crémieu'],
  },
  {
    code: '74-ANN',
    name: 'Albanais annécien',
    departement: '74',
    latitude: 45.8992,
    longitude: 6.1294,
    communes: ['Annecy', 'Rumilly', 'Seynod', 'Faverges'],
  },
  {
    code: '74-FMB',
    name: 'Faucigny Mont-Blanc',
    departement: '74',
    latitude: 46.0606,
    longitude: 6.5797,
    communes: ['Cluses', 'Bonneville', 'Sallanches', 'Chamonix-Mont-Blanc', 'Passy'],
  },
  {
    code: '74-GEN',
    name: 'Genevois haut-savoyard',
    departement: '74',
    latitude: 46.1934,
    longitude: 6.2342,
    communes: ['Annemasse', 'Saint-Julien-en-Genevois', 'Reignier-Ésery', 'Gaillard'],
  },
  {
    code: '74-CHA',
    name: 'Chablais',
    departement: '74',
    latitude: 46.3705,
    longitude: 6.4793,
    communes: ['Thonon-les-Bains', 'Évian-les-Bains', 'Douvaine', 'Abondance'],
  },
  {
    code: '73-CHY',
    name: 'Chambéry',
    departement: '73',
    latitude: 45.5646,
    longitude: 5.9178,
    communes: ['Chambéry', 'Aix-les-Bains', 'La Motte-Servolex', 'Montmélian'],
  },
  {
    code: '73-ALB',
    name: 'Albertville',
    departement: '73',
    latitude: 45.6755,
    longitude: 6.3925,
    communes: ['Albertville', 'Ugine', 'Moûtiers', 'Bourg-Saint-Maurice'],
  },
  {
    code: '73-MAU',
    name: 'Maurienne',
    departement: '73',
    latitude: 45.2763,
    longitude: 6.3459,
    communes: ['Saint-Jean-de-Maurienne', 'Modane', 'Saint-Michel-de-Maurienne', 'Aiguebelle'],
  },
];

export const TERRITORIES: TerritoryRecord[] = [
  {
    code: ACADEMIE.code,
    kind: 'ACADEMIE',
    name: ACADEMIE.name,
    parentCode: null,
    latitude: null,
    longitude: null,
  },
  ...DEPARTEMENTS.map((d) => ({
    code: d.code,
    kind: 'DEPARTEMENT' as const,
    name: d.name,
    parentCode: ACADEMIE.code,
    latitude: null,
    longitude: null,
  })),
  ...BASSINS.map((b) => ({
    code: b.code,
    kind: 'BASSIN' as const,
    name: b.name,
    parentCode: b.departement,
    latitude: b.latitude,
    longitude: b.longitude,
  })),
];

/**
 * The bassin codes a territory code covers: itself for a bassin, its bassins for a département or the
 * académie.
 */
export function bassinsCoveredBy(territoryCode: string): string[] {
  if (territoryCode === ACADEMIE.code) return BASSINS.map((b) => b.code);
  const inDepartement = BASSINS.filter((b) => b.departement === territoryCode).map((b) => b.code);
  if (inDepartement.length > 0) return inDepartement;
  return BASSINS.some((b) => b.code === territoryCode) ? [territoryCode] : [];
}
