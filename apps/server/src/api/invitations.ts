import {
  AcceptInvitationInputSchema,
  CreateInvitationInputSchema,
  actorIn,
  decideInvitation,
  type CreatedInvitation,
  type InvitationView,
} from '@samraad/schema';
import { Hono } from 'hono';
import type { InvitationStore } from '../auth/invitation-store.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { requireViewer, setSessionCookie, viewerFromToken } from '../auth/session-middleware.js';
import type { SessionStore } from '../auth/session-store.js';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { UserRepository } from '../users/user-repository.js';
import { sessionInfo } from './auth.js';
import { apiError, notFound } from './errors.js';
import { jsonBody } from './validate.js';

const GONE_MESSAGES = {
  expired: 'invitasjonen har gått ut; be sekretariatet om en ny',
  used: 'invitasjonen er allerede brukt',
  unknown: 'invitasjonen finnes ikke',
} as const;

export interface InvitationDependencies {
  invitations: InvitationStore;
  users: UserRepository;
  sessions: SessionStore;
  cases: CaseRepository;
}

export function invitationsRouter({ invitations, users, sessions, cases }: InvitationDependencies) {
  return new Hono<AuthEnv>()
    .post('/', requireViewer, jsonBody(CreateInvitationInputSchema), async (c) => {
      const input = c.req.valid('json');
      const viewer = c.get('viewer')!;
      const decision = decideInvitation(actorIn(viewer.memberships, input.communityId));
      if (!decision.allowed) return apiError(c, 403, 'forbidden', 'bare sekretariatet kan invitere til dette helsefellesskapet');
      const community = await cases.getCommunity(input.communityId);
      if (!community) return notFound(c, 'Helsefellesskapet');
      const organisation = community.organisations.find((o) => o.id === input.organisationId);
      if (input.organisationId && !organisation) return apiError(c, 400, 'invalid_body', 'organisasjonen hører ikke til helsefellesskapet');
      if (organisation && input.side && organisation.side !== input.side) {
        return apiError(c, 400, 'invalid_body', `${organisation.name} hører ikke til den valgte siden`);
      }
      const { token, expiresAt } = await invitations.create(input, viewer.user.id);
      const created: CreatedInvitation = { link: `/invitasjon/${token}`, expiresAt: expiresAt.toISOString() };
      return c.json(created, 201);
    })
    .get('/:token', async (c) => {
      const found = await invitations.lookup(c.req.param('token'));
      if (found.status !== 'valid') return apiError(c, found.status === 'unknown' ? 404 : 410, `invitation_${found.status}`, GONE_MESSAGES[found.status]);
      const { invitation } = found;
      const community = await cases.getCommunity(invitation.communityId);
      const view: InvitationView = {
        email: invitation.email,
        name: invitation.name,
        communityName: community?.name ?? invitation.communityId,
        organisationName: community?.organisations.find((o) => o.id === invitation.organisationId)?.name ?? null,
        role: invitation.role,
        side: invitation.side,
        expiresAt: invitation.expiresAt,
        existingAccount: (await users.findByEmail(invitation.email)) !== null,
      };
      return c.json(view);
    })
    .post('/:token/accept', jsonBody(AcceptInvitationInputSchema), async (c) => {
      const found = await invitations.lookup(c.req.param('token'));
      if (found.status !== 'valid') return apiError(c, found.status === 'unknown' ? 404 : 410, `invitation_${found.status}`, GONE_MESSAGES[found.status]);
      const { invitation } = found;
      const input = c.req.valid('json');
      const existing = await users.findByEmail(invitation.email);
      if (existing && !(await verifyPassword(input.password, existing.passwordHash))) {
        return apiError(c, 401, 'invalid_credentials', 'kontoen finnes allerede; skriv passordet til den');
      }
      const passwordHash = existing ? null : await hashPassword(input.password);
      // Consuming first is atomic (only one request flips used_at), so two tabs accepting at
      // once cannot both create an account.
      if (!(await invitations.consume(invitation.tokenHash))) return apiError(c, 410, 'invitation_used', GONE_MESSAGES.used);
      const user = existing ?? (await users.createUser({ email: invitation.email, name: input.name, passwordHash: passwordHash! }));
      await users.setMembership({
        userId: user.id,
        communityId: invitation.communityId,
        organisationId: invitation.organisationId,
        side: invitation.side,
        role: invitation.role,
      });
      const { token, expiresAt } = await sessions.create(user.id);
      setSessionCookie(c, token, expiresAt);
      return c.json(sessionInfo((await viewerFromToken(token, sessions, users))!), 201);
    });
}
