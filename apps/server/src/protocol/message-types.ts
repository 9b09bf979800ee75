import { CLOSE_CODES } from '@samraad/schema';

/** The outer message types of the y-websocket protocol (first varUint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** The sync sub-types defined by y-protocols/sync. */
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** A frame the server cannot understand; the connection is closed with `closeCode`. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly closeCode: number = CLOSE_CODES.invalidPayload,
  ) {
    super(message);
  }
}
