/**
 * The partner sites the demo catalogue is built around: each bassin's relative size, the bassins
 * with a micro-lycée, the E2C sites, CFAs, agricultural schools and PJJ units of the académie.
 */
import type { CfaSector } from './names';

/** Rough relative size of each bassin's 15-21 population. */
export const BASSIN_WEIGHT: Record<string, number> = {
  '07-MER': 5,
  '07-VER': 3,
  '26-CEN': 7,
  '26-COL': 4,
  '26-SUD': 5,
  '38-GRE': 16,
  '38-CEN': 6,
  '38-RHO': 5,
  '38-NOR': 9,
  '74-ANN': 8,
  '74-FMB': 6,
  '74-GEN': 7,
  '74-CHA': 5,
  '73-CHY': 8,
  '73-ALB': 3,
  '73-MAU': 2,
};

export const MICRO_LYCEE_BASSINS = new Set(['38-GRE', '26-CEN', '73-CHY', '74-ANN', '07-MER']);

export const E2C_SITES = [
  { bassin: '38-GRE', commune: 'Grenoble', network: 'E2C Isère' },
  { bassin: '38-NOR', commune: 'Bourgoin-Jallieu', network: 'E2C Isère' },
  { bassin: '38-RHO', commune: 'Vienne', network: 'E2C Isère' },
  { bassin: '26-CEN', commune: 'Valence', network: 'E2C Drôme-Ardèche' },
  { bassin: '07-MER', commune: 'Aubenas', network: 'E2C Drôme-Ardèche' },
  { bassin: '73-CHY', commune: 'Chambéry', network: 'E2C Savoie' },
  { bassin: '74-ANN', commune: 'Annecy', network: 'E2C Haute-Savoie' },
  { bassin: '74-GEN', commune: 'Annemasse', network: 'E2C Haute-Savoie' },
];

export const CFAS: { name: string; bassin: string; commune: string; sectors: CfaSector[]; prepa: string }[] =
  [
    {
      name: 'CFA du BTP de l’Ardèche',
      bassin: '07-MER',
      commune: 'Aubenas',
      sectors: ['BTP'],
      prepa: 'métiers du bâtiment',
    },
    {
      name: 'CFA de la Chambre de métiers de l’Ardèche',
      bassin: '07-VER',
      commune: 'Annonay',
      sectors: ['BOUCHE', 'SERVICES', 'AUTOMOBILE', 'COMMERCE'],
      prepa: 'métiers de l’artisanat',
    },
    {
      name: 'CFA du BTP de la Drôme',
      bassin: '26-CEN',
      commune: 'Valence',
      sectors: ['BTP'],
      prepa: 'métiers du bâtiment',
    },
    {
      name: 'CFA des métiers de bouche de la Drôme',
      bassin: '26-COL',
      commune: 'Romans-sur-Isère',
      sectors: ['BOUCHE', 'HOTELLERIE'],
      prepa: 'métiers de bouche',
    },
    {
      name: 'CFA de l’industrie Drôme-Ardèche',
      bassin: '26-SUD',
      commune: 'Montélimar',
      sectors: ['INDUSTRIE', 'AUTOMOBILE'],
      prepa: 'métiers de l’industrie',
    },
    {
      name: 'CFA du BTP de l’Isère',
      bassin: '38-GRE',
      commune: 'Échirolles',
      sectors: ['BTP'],
      prepa: 'métiers du bâtiment',
    },
    {
      name: 'CFA des métiers de bouche et de l’hôtellerie de l’Isère',
      bassin: '38-NOR',
      commune: 'Bourgoin-Jallieu',
      sectors: ['BOUCHE', 'HOTELLERIE'],
      prepa: 'métiers de bouche',
    },
    {
      name: 'CFA de l’industrie de l’Isère',
      bassin: '38-CEN',
      commune: 'Moirans',
      sectors: ['INDUSTRIE', 'AUTOMOBILE'],
      prepa: 'métiers de l’industrie',
    },
    {
      name: 'CFA du BTP de Savoie',
      bassin: '73-CHY',
      commune: 'Chambéry',
      sectors: ['BTP'],
      prepa: 'métiers du bâtiment',
    },
    {
      name: 'CFA des métiers de la montagne et du tourisme',
      bassin: '73-ALB',
      commune: 'Albertville',
      sectors: ['HOTELLERIE', 'COMMERCE', 'SERVICES'],
      prepa: 'métiers du tourisme',
    },
    {
      name: 'CFA du BTP de Haute-Savoie',
      bassin: '74-ANN',
      commune: 'Annecy',
      sectors: ['BTP'],
      prepa: 'métiers du bâtiment',
    },
    {
      name: 'CFA de l’industrie de la vallée de l’Arve',
      bassin: '74-FMB',
      commune: 'Cluses',
      sectors: ['INDUSTRIE'],
      prepa: 'métiers du décolletage',
    },
    {
      name: 'CFA des métiers de l’artisanat de Haute-Savoie',
      bassin: '74-GEN',
      commune: 'Annemasse',
      sectors: ['BOUCHE', 'SERVICES', 'AUTOMOBILE', 'COMMERCE'],
      prepa: 'métiers de l’artisanat',
    },
  ];

export const AGRICULTURAL_SITES: {
  name: string;
  kind: 'LYCEE_AGRICOLE' | 'CFPPA';
  bassin: string;
  commune: string;
}[] = [
  { name: 'Lycée agricole Olivier de Serres', kind: 'LYCEE_AGRICOLE', bassin: '07-MER', commune: 'Aubenas' },
  { name: 'CFPPA d’Annonay', kind: 'CFPPA', bassin: '07-VER', commune: 'Annonay' },
  {
    name: 'Lycée agricole du Valentin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '26-CEN',
    commune: 'Bourg-lès-Valence',
  },
  { name: 'CFPPA de Nyons', kind: 'CFPPA', bassin: '26-SUD', commune: 'Nyons' },
  { name: 'CFPPA du Grésivaudan', kind: 'CFPPA', bassin: '38-GRE', commune: 'Meylan' },
  {
    name: 'Lycée agricole de Saint-Marcellin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '38-CEN',
    commune: 'Saint-Marcellin',
  },
  { name: 'Lycée agricole de Vienne-Seyssuel', kind: 'LYCEE_AGRICOLE', bassin: '38-RHO', commune: 'Vienne' },
  {
    name: 'Lycée agricole de La Tour-du-Pin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '38-NOR',
    commune: 'La Tour-du-Pin',
  },
  { name: 'Lycée agricole Reinach', kind: 'LYCEE_AGRICOLE', bassin: '73-CHY', commune: 'La Motte-Servolex' },
  { name: 'Lycée agricole de l’Albanais', kind: 'LYCEE_AGRICOLE', bassin: '74-ANN', commune: 'Rumilly' },
  { name: 'Lycée agricole de Bonneville', kind: 'LYCEE_AGRICOLE', bassin: '74-FMB', commune: 'Bonneville' },
];

export const PJJ_UNITS = [
  { departement: '07', bassin: '07-MER', commune: 'Privas', name: 'UEMO de Privas' },
  { departement: '26', bassin: '26-CEN', commune: 'Valence', name: 'UEMO de Valence' },
  { departement: '38', bassin: '38-GRE', commune: 'Grenoble', name: 'UEMO de Grenoble' },
  { departement: '73', bassin: '73-CHY', commune: 'Chambéry', name: 'UEMO de Chambéry' },
  { departement: '74', bassin: '74-ANN', commune: 'Annecy', name: 'UEMO d’Annecy' },
];
