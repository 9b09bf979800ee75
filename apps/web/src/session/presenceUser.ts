import type { PresenceUser, SessionInfo } from '@samraad/schema';
import { colourForName } from '../identity/colour.js';

/**
 * What this tab publishes next to its caret. The server overwrites the name from the session
 * anyway; the colour is derived from the account id so a person keeps it across devices.
 */
export function presenceUserOf(info: SessionInfo): PresenceUser {
  return { id: info.user.id, name: info.user.name, color: colourForName(info.user.id) };
}
