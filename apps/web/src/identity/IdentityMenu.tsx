import { useRef, useState } from 'react';
import type { PresenceUser } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { NameForm } from './NameForm.js';
import { storeName } from './identityStore.js';

/** Shows who you write as, and lets you change it in a modal dialog (which traps focus for us). */
export function IdentityMenu({ user }: { user: PresenceUser }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Remounting the form on every opening resets what was typed last time.
  const [opening, setOpening] = useState(0);

  function show() {
    setOpening((count) => count + 1);
    dialog.current?.showModal();
  }

  function close() {
    dialog.current?.close();
  }

  return (
    <div className="identity">
      <span className="identity__who">
        <span className="visually-hidden">{messages.identity.current} </span>
        <span className="person-dot" style={{ backgroundColor: user.color }} aria-hidden="true" />
        <span className="identity__name">{user.name}</span>
      </span>
      <button type="button" className="button button--quiet" onClick={show}>
        {messages.identity.change}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="identity-dialog-title">
        <h2 id="identity-dialog-title" className="dialog__title">
          {messages.identity.changeTitle}
        </h2>
        <NameForm
          key={opening}
          initialName={user.name}
          submitLabel={messages.identity.save}
          onSubmit={(name) => {
            storeName(name);
            close();
          }}
          onCancel={close}
        />
      </dialog>
    </div>
  );
}
