import { messages, membershipLabel } from '../i18n/messages.js';
import { useSession } from './SessionContext.js';
import { presenceUserOf } from './presenceUser.js';

/** Who is logged in, in which capacity, and the way out. */
export function AccountMenu() {
  const { info, signOut } = useSession();
  const colour = presenceUserOf(info).color;
  return (
    <div className="account">
      <span className="account__who">
        <span className="identity__name">
          <span className="visually-hidden">{messages.account.loggedInAs} </span>
          <span className="person-dot" style={{ backgroundColor: colour }} aria-hidden="true" /> {info.user.name}
        </span>
        {info.memberships.map((membership) => (
          <span key={membership.communityId} className="account__role">
            {membershipLabel(membership)}
          </span>
        ))}
      </span>
      <button type="button" className="button button--quiet" onClick={() => void signOut()}>
        {messages.account.logout}
      </button>
    </div>
  );
}
