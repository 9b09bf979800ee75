import {
  AcceptInvitationInputSchema,
  CreateInvitationInputSchema,
  actorIn,
  decideInvitation,
  type CreatedInvitation,
  type InvitationView,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { InvitationStore, StoredInvitation } from '../auth/invitation-store.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword } from '../auth/passwords.js';
import { requireViewer, setSessionCookie, viewerFromToken } from '../auth/session-middleware.js';
import type { SessionStore } from '../auth/session-store.js';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import { Conflict, Forbidden, Gone, InvalidInput, NotFound } from '../errors/domain-errors.js';
import type { UserRepository } from '../users/user-repository.js';
import { sessionInfo, underLoginThrottle } from './auth.js';
import { jsonBody } from './validate.js';

const GONE_MESSAGES = {
  expired: 'invitasjonen har gått ut; be sekretariatet om en ny',
  used: 'invitasjonen er allerede brukt',
} as const;

export interface InvitationDependencies {
  invitations: InvitationStore;
  users: UserRepository;
  sessions: SessionStore;
  cases: CaseRepository;
  loginThrottle: LoginThrottle;
}

/**
 * An invitation adds a membership; it never proves who someone is. A new person chooses a
 * password here; someone who already has an account logs in as usual (as the invited
 * e-mail) and confirms. So the link holder, who may be another community's secretariat,
 * cannot use it to learn or test anyone's password, nor to sign in as them.
 */
export function invitationsRouter({ invitations, users, sessions, cases, loginThrottle }: InvitationDependencies) {
  const valid = async (c: Context<AuthEnv>): Promise<StoredInvitation> => {
    const found = await invitations.lookup(c.req.param('token') ?? '');
    if (found.status === 'valid') return found.invitation;
    if (found.status === 'unknown') throw new NotFound('Invitasjonen');
    throw new Gone(`invitation_${found.status}`, GONE_MESSAGES[found.status]);
  };
  const join = async (invitation: StoredInvitation, userId: string) => {
    await users.setMembership({
      userId,
      communityId: invitation.communityId,
      organisationId: invitation.organisationId,
      side: invitation.side,
      role: invitation.role,
    });
  };

  return (
    new Hono<AuthEnv>()
      .post('/', requireViewer, jsonBody(CreateInvitationInputSchema), async (c) => {
        const input = c.req.valid('json');
        const viewer = c.get('viewer')!;
        const decision = decideInvitation(actorIn(viewer.memberships, input.communityId));
        if (!decision.allowed) throw Forbidden.saying('bare sekretariatet kan invitere til dette helsefellesskapet');
        const community = await cases.getCommunity(input.communityId);
        if (!community) throw new NotFound('Helsefellesskapet');
        const organisation = community.organisations.find((o) => o.id === input.organisationId);
        if (input.organisationId && !organisation)
          throw new InvalidInput('organisasjonen hører ikke til helsefellesskapet');
        if (organisation && input.side && organisation.side !== input.side) {
          throw new InvalidInput(`${organisation.name} hører ikke til den valgte siden`);
        }
        const { token, expiresAt } = await invitations.create(input, viewer.user.id);
        const created: CreatedInvitation = { link: `/invitasjon/${token}`, expiresAt: expiresAt.toISOString() };
        return c.json(created, 201);
      })
      .get('/:token', async (c) => {
        const invitation = await valid(c);
        const community = await cases.getCommunity(invitation.communityId);
        // Nothing here depends on whether the e-mail has an account.
        const view: InvitationView = {
          email: invitation.email,
          name: invitation.name,
          communityName: community?.name ?? invitation.communityId,
          organisationName: community?.organisations.find((o) => o.id === invitation.organisationId)?.name ?? null,
          role: invitation.role,
          side: invitation.side,
          expiresAt: invitation.expiresAt,
        };
        return c.json(view);
      })
      // A new person: creates the account with the password they choose here.
      .post('/:token/accept', jsonBody(AcceptInvitationInputSchema), async (c) => {
        const invitation = await valid(c);
        const input = c.req.valid('json');
        // Throttled like a login, on its own key for the invited e-mail (probing here must not
        // slow the owner's logins) and the shared key for the address.
        const created = await underLoginThrottle(c, loginThrottle, `invitation:${invitation.email}`, async () => {
          if (await users.findByEmail(invitation.email)) throw new Conflict('account_exists');
          const passwordHash = await hashPassword(input.password);
          // Consuming first is atomic (only one request flips used_at), so two tabs accepting at
          // once cannot both create an account.
          if (!(await invitations.consume(invitation.tokenHash))) throw new Gone('invitation_used', GONE_MESSAGES.used);
          return users.createUser({ email: invitation.email, name: input.name, passwordHash });
        });
        await join(invitation, created.id);
        const previous = c.get('sessionToken');
        if (previous) await sessions.destroy(previous);
        const { token, expiresAt } = await sessions.create(created.id);
        setSessionCookie(c, token, expiresAt);
        return c.json(sessionInfo((await viewerFromToken(token, sessions, users))!), 201);
      })
      // Someone with an account: logged in, as the invited e-mail, they take the membership.
      .post('/:token/confirm', requireViewer, async (c) => {
        const invitation = await valid(c);
        const viewer = c.get('viewer')!;
        if (viewer.user.email !== invitation.email) throw Forbidden.because('invitation_other_account');
        if (!(await invitations.consume(invitation.tokenHash))) throw new Gone('invitation_used', GONE_MESSAGES.used);
        await join(invitation, viewer.user.id);
        return c.json(sessionInfo({ ...viewer, memberships: await users.memberships(viewer.user.id) }));
      })
  );
}
