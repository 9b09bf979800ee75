import type { Community, Organisation } from '@samraad/schema';

export interface DemoCommunity {
  community: Community;
  organisations: Organisation[];
}

/** ASCII ids from Norwegian names: "Bø" → "bo", "Værøy" → "vaeroy". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function community(
  id: string,
  name: string,
  hospital: { id: string; name: string },
  municipalitiesByRegion: Record<string, string[]>,
): DemoCommunity {
  const municipalities = Object.entries(municipalitiesByRegion).flatMap(([region, names]) =>
    names.map((municipality): Organisation => ({
      id: `${id}-${slug(municipality)}`,
      communityId: id,
      name: `${municipality} kommune`,
      side: 'kommune',
      region,
    })),
  );
  return {
    community: { id, name, hospitalName: hospital.name },
    organisations: [
      { id: hospital.id, communityId: id, name: hospital.name, side: 'helseforetak', region: null },
      ...municipalities,
    ],
  };
}

/** The partners as listed in Vestfjorderklæringen 2021-2023. */
export const lofotenVesteralenSalten = community(
  'lvs',
  'Helsefellesskapet Lofoten, Vesterålen og Salten',
  { id: 'lvs-nlsh', name: 'Nordlandssykehuset HF' },
  {
    Lofoten: ['Moskenes', 'Værøy', 'Vestvågøy', 'Flakstad', 'Røst', 'Vågan'],
    Salten: ['Meløy', 'Saltdal', 'Steigen', 'Bodø', 'Gildeskål', 'Hamarøy', 'Beiarn', 'Fauske', 'Sørfold'],
    Vesterålen: ['Øksnes', 'Hadsel', 'Sortland', 'Andøy', 'Bø'],
  },
);

/** The partners as listed in Helgelandserklæringen 2023-2024. */
export const helgeland = community(
  'helgeland',
  'Helsefellesskap Helgeland',
  { id: 'helgeland-hsyk', name: 'Helgelandssykehuset HF' },
  {
    Helgeland: [
      'Alstahaug',
      'Brønnøy',
      'Dønna',
      'Grane',
      'Hattfjelldal',
      'Hemnes',
      'Herøy',
      'Leirfjord',
      'Lurøy',
      'Nesna',
      'Rana',
      'Rødøy',
      'Sømna',
      'Træna',
      'Vefsn',
      'Vega',
      'Vevelstad',
    ],
  },
);

export const demoCommunities: readonly DemoCommunity[] = [lofotenVesteralenSalten, helgeland];
