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
});
export type User = z.infer<typeof UserSchema>;

/** A user's place in one community: organisation, side and role there. */
export const MembershipSchema = z.object({
  userId: IdSchema,
  communityId: IdSchema,
  organisationId: IdSchema.nullable(),
  side: SideSchema.nullable(),
  role: RoleSchema,
});
export type Membership = z.infer<typeof MembershipSchema>;
