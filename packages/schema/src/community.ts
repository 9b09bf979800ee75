import { z } from 'zod';

/** The two parties that must agree in a helsefellesskap. */
export const SideSchema = z.enum(['kommune', 'helseforetak']);
export type Side = z.infer<typeof SideSchema>;
export const SIDES: readonly Side[] = SideSchema.options;

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'id må være små bokstaver, tall og bindestrek');

export const OrganisationSchema = z.object({
  id: IdSchema,
  communityId: IdSchema,
  name: z.string().min(1).max(200),
  side: SideSchema,
  /** Municipal region (Salten, Lofoten, Vesterålen …); empty for the hospital trust. */
  region: z.string().max(100).nullable(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const CommunitySchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
  /** Short name of the hospital trust, used in section titles ("Nordlandssykehuset HFs vurdering"). */
  hospitalName: z.string().min(1).max(200),
});
export type Community = z.infer<typeof CommunitySchema>;

export const CommunityWithOrganisationsSchema = CommunitySchema.extend({
  organisations: z.array(OrganisationSchema),
});
export type CommunityWithOrganisations = z.infer<typeof CommunityWithOrganisationsSchema>;

/**
 * The hospital trust as its organisation is registered, the name section titles use
 * ("Nordlandssykehuset HFs vurdering"); the community's own short name when no such
 * organisation is registered.
 */
export function hospitalNameOf(community: CommunityWithOrganisations): string {
  return (
    community.organisations.find((organisation) => organisation.side === 'helseforetak')?.name ?? community.hospitalName
  );
}
