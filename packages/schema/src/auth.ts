import { z } from 'zod';
import { IdSchema, SideSchema } from './community.js';
import { MembershipSchema, RoleSchema, UserSchema } from './user.js';

export const PASSWORD_MIN_LENGTH = 10;

export const LoginInputSchema = z.object({
  email: z.string().trim().toLowerCase().email('skriv en gyldig e-postadresse').max(320),
  password: z.string().min(1, 'skriv passordet ditt').max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** Membership with the names the UI shows next to it. */
export const MembershipViewSchema = MembershipSchema.extend({
  communityName: z.string(),
  organisationName: z.string().nullable(),
});
export type MembershipView = z.infer<typeof MembershipViewSchema>;

/** GET /api/session: who is logged in, where they belong, and the token for writes. */
export const SessionInfoSchema = z.object({
  user: UserSchema,
  memberships: z.array(MembershipViewSchema),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const CreateInvitationInputSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('skriv en gyldig e-postadresse').max(320),
    name: z.string().trim().min(1, 'skriv navnet').max(200),
    communityId: IdSchema,
    organisationId: IdSchema.nullable(),
    side: SideSchema.nullable(),
    role: RoleSchema,
  })
  .refine((input) => input.role !== 'member' || (input.side !== null && input.organisationId !== null), {
    message: 'et medlem må høre til en side og en organisasjon',
    path: ['side'],
  });
export type CreateInvitationInput = z.infer<typeof CreateInvitationInputSchema>;

export interface CreatedInvitation {
  /** Path of the one-time link; the token in it is stored only as a hash. */
  link: string;
  expiresAt: string;
}

export interface InvitationView {
  email: string;
  name: string;
  communityName: string;
  organisationName: string | null;
  role: z.infer<typeof RoleSchema>;
  side: z.infer<typeof SideSchema> | null;
  expiresAt: string;
}

/** POST /api/invitations/:token/accept: a new person's account. */
export const AcceptInvitationInputSchema = z.object({
  name: z.string().trim().min(1, 'skriv navnet ditt').max(200),
  password: z.string().min(PASSWORD_MIN_LENGTH, `passordet må ha minst ${PASSWORD_MIN_LENGTH} tegn`).max(200),
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInputSchema>;

/** POST /api/auth/password: the person's own password, changed while logged in. */
export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, 'skriv det nåværende passordet').max(200),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH, `passordet må ha minst ${PASSWORD_MIN_LENGTH} tegn`).max(200),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

/** One accepted or refused write, for "who wrote here and when". */
export interface ActivityEntry {
  sectionId: string;
  userId: string;
  userName: string;
  action: 'update' | 'refused';
  bytes: number;
  at: string;
}
