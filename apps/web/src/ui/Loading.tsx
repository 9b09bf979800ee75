import { messages } from '../i18n/messages.js';

/** Announced politely, so a screen reader hears that something is on its way. */
export function Loading() {
  return (
    <p className="loading" role="status">
      {messages.common.loading}
    </p>
  );
}
