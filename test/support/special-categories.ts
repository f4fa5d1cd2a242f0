/**
 * Words that say something of a special category of personal data (RGPD art. 9: health, sexual
 * life or orientation, religious or philosophical beliefs, trade-union membership, racial or ethnic
 * origin, biometrics) or of offences and judicial matters (art. 10). None may appear in a summary
 * the hub shares across institutions (issue 11, class 7): they are stems, matched without accents.
 */
export const SPECIAL_CATEGORY_WORDS = [
  'santé',
  'médical',
  'medecin',
  'infirmi',
  'hospitalis',
  'psycholog',
  'psychiatr',
  'handicap',
  'MDPH',
  'maladie',
  'grossesse',
  'enceinte',
  'judiciaire',
  'pénal',
  'délit',
  'condamn',
  'incarcér',
  'détention',
  'garde à vue',
  'religio',
  'syndic',
  'orientation sexuelle',
  'ethnique',
  'racial',
  'addiction',
  'drogue',
  'alcool',
  'biométri',
  'génétique',
] as const;

const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The words of SPECIAL_CATEGORY_WORDS found in `text`, as listed. */
export function specialCategoryWordsIn(text: string): string[] {
  const haystack = plain(text);
  return SPECIAL_CATEGORY_WORDS.filter((word) => haystack.includes(plain(word)));
}
