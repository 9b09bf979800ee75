import type { Role, Side } from '@samraad/schema';

/** Every demo account uses this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'samraad-demo';

export interface DemoUser {
  email: string;
  name: string;
  /** The person's own title, as printed under a signature. */
  title: string;
  memberships: Array<{ communityId: string; organisationId: string | null; side: Side | null; role: Role }>;
}

/** One person per role in each demo community, so four windows show four points of view. */
export const demoUsers: readonly DemoUser[] = [
  {
    email: 'kommune@lvs.demo',
    name: 'Kari Lind',
    title: 'Kommunalsjef helse og omsorg',
    memberships: [{ communityId: 'lvs', organisationId: 'lvs-bodo', side: 'kommune', role: 'member' }],
  },
  // A second municipal member, so two people can co-write Kommunenes vurdering.
  {
    email: 'kommune2@lvs.demo',
    name: 'Jonas Eide',
    title: 'Helse- og omsorgssjef',
    memberships: [{ communityId: 'lvs', organisationId: 'lvs-vagan', side: 'kommune', role: 'member' }],
  },
  {
    email: 'sykehus@lvs.demo',
    name: 'Nils Berg',
    title: 'Administrerende direktør',
    memberships: [{ communityId: 'lvs', organisationId: 'lvs-nlsh', side: 'helseforetak', role: 'member' }],
  },
  {
    email: 'observator@lvs.demo',
    name: 'Olga Strand',
    title: 'Leder, brukerutvalget',
    memberships: [{ communityId: 'lvs', organisationId: null, side: null, role: 'observer' }],
  },
  // The secretariat function of this community is hosted by Bodø kommune.
  {
    email: 'sekretariat@lvs.demo',
    name: 'Sara Moe',
    title: 'Rådgiver, samhandlingssekretariatet',
    memberships: [{ communityId: 'lvs', organisationId: 'lvs-bodo', side: null, role: 'secretariat' }],
  },
  {
    email: 'kommune@helgeland.demo',
    name: 'Hege Nordvik',
    title: 'Kommunedirektør',
    memberships: [{ communityId: 'helgeland', organisationId: 'helgeland-rana', side: 'kommune', role: 'member' }],
  },
  {
    email: 'sykehus@helgeland.demo',
    name: 'Per Aune',
    title: 'Administrerende direktør',
    memberships: [{ communityId: 'helgeland', organisationId: 'helgeland-hsyk', side: 'helseforetak', role: 'member' }],
  },
  {
    email: 'observator@helgeland.demo',
    name: 'Ida Fjell',
    title: 'Brukerrepresentant',
    memberships: [{ communityId: 'helgeland', organisationId: null, side: null, role: 'observer' }],
  },
  {
    email: 'sekretariat@helgeland.demo',
    name: 'Tone Vik',
    title: 'Seniorrådgiver, samhandlingssekretariatet',
    memberships: [{ communityId: 'helgeland', organisationId: null, side: null, role: 'secretariat' }],
  },
  {
    email: 'admin@samraad.demo',
    name: 'Ane Admin',
    title: 'Systemforvalter',
    memberships: [
      { communityId: 'lvs', organisationId: null, side: null, role: 'admin' },
      { communityId: 'helgeland', organisationId: null, side: null, role: 'admin' },
    ],
  },
];
