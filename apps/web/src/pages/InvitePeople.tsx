import { useState, type FormEvent } from 'react';
import {
  actorIn,
  decideInvitation,
  type CommunityWithOrganisations,
  type CreatedInvitation,
  type Role,
} from '@samraad/schema';
import { createInvitation, fetchCommunity } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { formatDateTime } from '../i18n/format.js';
import { format, messages, roleLabel, sideLabel } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './InvitePeople.module.css';

const INVITABLE_ROLES: readonly Role[] = ['member', 'observer', 'secretariat'];

/** The secretariat invites a person into the community with their organisation, side and role. */
export function InvitePeople({ communityId }: { communityId: string }) {
  const community = useResource((signal) => fetchCommunity(communityId, signal), communityId);
  const { info } = useSession();
  useDocumentTitle(messages.invite.title);
  const decision = decideInvitation(actorIn(info.memberships, communityId));

  if (community.state === 'loading') return <Loading />;
  if (community.state === 'failed') return <LoadFailure error={community.error} onRetry={community.retry} standalone />;
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          { label: messages.start.title, href: paths.start() },
          { label: community.data.name, href: paths.community(communityId) },
          { label: messages.invite.title },
        ]}
      />
      <h1 className="page__title">{messages.invite.title}</h1>
      {decision.allowed ? (
        <InviteForm community={community.data} />
      ) : (
        <p className="notice" role="status">
          {messages.invite.notAllowed}
        </p>
      )}
    </div>
  );
}

function InviteForm({ community }: { community: CommunityWithOrganisations }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const organisation = community.organisations.find((candidate) => candidate.id === organisationId) ?? null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setCreated(null);
    try {
      setCreated(
        await createInvitation({
          name,
          email,
          communityId: community.id,
          organisationId: organisation?.id ?? null,
          side: organisation?.side ?? null,
          role,
        }),
      );
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <>
      <p className="page__intro">{format(messages.invite.intro, { community: community.name })}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormField
          label={messages.invite.name}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <FormField
          label={messages.login.email}
          type="email"
          name="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="form__field">
          <label className="form__label" htmlFor="invite-organisation">
            {messages.invite.organisation}
          </label>
          <select
            id="invite-organisation"
            className="form__input form__input--select"
            value={organisationId}
            onChange={(event) => setOrganisationId(event.target.value)}
          >
            <option value="">{messages.invite.noOrganisation}</option>
            {community.organisations.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({sideLabel(candidate.side)})
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label className="form__label" htmlFor="invite-role">
            {messages.invite.role}
          </label>
          <select
            id="invite-role"
            className="form__input form__input--select"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {INVITABLE_ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {roleLabel(candidate)}
              </option>
            ))}
          </select>
        </div>
        <FormProblem problem={problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {messages.invite.submit}
          </button>
        </div>
      </form>
      {created && (
        <div className={styles.result} role="status">
          <p>{format(messages.invite.created, { expires: formatDateTime(created.expiresAt) })}</p>
          <p>
            <code data-testid="invitation-link">{window.location.origin + created.link}</code>
          </p>
        </div>
      )}
    </>
  );
}
