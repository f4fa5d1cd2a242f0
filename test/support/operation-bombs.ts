/** Documents that cost a gateway without limits minutes or more (issue 13), for the tests of its limits. */

/** `young(id){ trajectory suggestedOffers }` under `count` aliases: the bomb of issue 13. */
export function aliasBomb(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, index) =>
      `a${index}: young(id: "x") { trajectory { at summary } suggestedOffers { score offer { id } } }`,
  );
  return `{ ${fields.join(' ')} }`;
}

/** Fragment n spreads fragment n-1 twice: the expanded operation has 2^depth copies of the innermost field. */
export function doublingFragments(depth: number): string {
  const fragments = [`fragment F0 on Young { trajectory { at } }`];
  for (let level = 1; level < depth; level += 1)
    fragments.push(`fragment F${level} on Young { ...F${level - 1} ...F${level - 1} }`);
  return `{ young(id: "x") { ...F${depth - 1} } } ${fragments.join(' ')}`;
}

/** Fragments nested `depth` deep, each spreading the previous once: harmless, and linear to check. */
export function chainedFragments(depth: number): string {
  const fragments = [`fragment F0 on Young { id }`];
  for (let level = 1; level < depth; level += 1)
    fragments.push(`fragment F${level} on Young { id ...F${level - 1} }`);
  return `{ young(id: "x") { ...F${depth - 1} } } ${fragments.join(' ')}`;
}
