import { z } from 'zod';
import { IdSchema, SideSchema } from './community.js';

/**
 * member: writes its side's sections and shared ones; observer: reads and comments;
 * secretariat: runs cases and writes shared sections; admin: manages communities and users.
 */
export const RoleSchema = z.enum(['member', 'observer', 'secretariat', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
  email: z.string().email().max(320),
  /** Job title as the person gives it ("Kommunedirektør"); printed under their signature. */
  title: z.string().max(100).nullable(),
});
export type User = z.infer<typeof UserSchema>;

/** PUT /api/auth/profile: a person sets their own title. */
export const UpdateProfileInputSchema = z.object({
  title: z.string().trim().min(2, 'skriv tittelen din').max(100, 'tittelen er for lang'),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileInputSchema>;

/** A user's place in one community: organisation, side and role there. */
export const MembershipSchema = z.object({
  userId: IdSchema,
  communityId: IdSchema,
  organisationId: IdSchema.nullable(),
  side: SideSchema.nullable(),
  role: RoleSchema,
});
export type Membership = z.infer<typeof MembershipSchema>;
