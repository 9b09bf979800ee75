/**
 * A person's colour marks their caret, their selection and their dot in the presence list.
 * The colour is derived from a stable key (the account id): the same person gets the same
 * colour in every browser without anything being stored.
 *
 * Every colour carries white caret-label text at WCAG AA contrast (at least 4.5:1) and is
 * distinct enough from its neighbours to tell two carets apart.
 */
export const PERSON_COLOURS = [
  '#1d4ed8', // blå
  '#b91c1c', // rød
  '#15803d', // grønn
  '#7e22ce', // lilla
  '#c2410c', // oransje
  '#0f766e', // petrol
  '#be185d', // rosa
  '#4338ca', // indigo
  '#a16207', // oker
  '#0369a1', // havblå
  '#86198f', // fuksia
] as const;

export type PersonColour = (typeof PERSON_COLOURS)[number];

/** FNV-1a: tiny, stable across engines, and spreads short similar names well enough. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function colourForName(name: string): PersonColour {
  const key = name.trim().toLocaleLowerCase('nb');
  return PERSON_COLOURS[hash(key) % PERSON_COLOURS.length]!;
}
