import type { Decision, SectionSeal } from '@samraad/schema';
import type { ConnectionActor } from '../protocol/connection-actor.js';

/** The part of a WebSocket that a room needs; tests can stand in a fake. */
export interface RoomConnection {
  readonly actor: ConnectionActor;
  /**
   * Asked for every incoming change: a lock may be taken mid-session (role and owner may be
   * cached briefly). `seal` is the section's seal as the room knows it; when absent the
   * connection reads it itself.
   */
  mayWrite(seal?: SectionSeal): Promise<Decision>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** An update the sender had no right to make; it was neither applied, stored nor relayed. */
export class WriteRefused extends Error {
  constructor(readonly decision: Extract<Decision, { allowed: false }>) {
    super(`skriving avvist: ${decision.reason}`);
  }
}
