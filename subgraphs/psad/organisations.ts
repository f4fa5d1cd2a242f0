import type { PsadLoaders } from './loaders';

/**
 * The organisation the hub knows by this code, with its name: a PSAD of a bassin of the académie
 * (`PSAD-38-GRE`), or an organisation of the partners' directory. Null for anything else.
 */
export async function knownOrganisation(
  code: string,
  loaders: PsadLoaders,
): Promise<{ code: string; name: string } | null> {
  const bassin = /^PSAD-(.+)$/.exec(code)?.[1];
  if (bassin) {
    const territory = await loaders.territoryByCode.load(bassin);
    return territory?.kind === 'BASSIN' ? { code, name: `PSAD ${territory.name}` } : null;
  }
  const entry = await loaders.directoryByCode.load(code);
  return entry ? { code, name: entry.name } : null;
}
