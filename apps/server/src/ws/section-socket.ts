import type { WebSocketLike } from '@hono/node-server';
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { Logger } from '../logging/logger.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { ProtocolError } from '../protocol/message-types.js';
import { ContentRefused } from '../protocol/update-schema.js';
import { permissionDeniedMessage } from '../protocol/server-message.js';
import type { ConnectionActor } from '../protocol/connection-actor.js';
import { WriteRefused, type RoomConnection } from '../rooms/room-connection.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { DocumentTooLarge, type SectionRoom } from '../rooms/section-room.js';
import { StorageUnavailable, describeFailure } from '../persistence/document-store.js';
import { logStorageFailure } from '../persistence/storage-failure-log.js';
import { CLOSE_CODES, refusalText } from '../protocol/close-codes.js';
import type { OpenSockets } from './open-sockets.js';

const STORAGE_UNAVAILABLE_REASON = 'lagring er midlertidig utilgjengelig; prøver igjen';
import type { SocketRegistry } from './socket-registry.js';

/** How often a silent client is pinged; one missed pong and it is dropped. */
const PING_INTERVAL_MS = 30_000;

/**
 * How long a socket trusts that its session is still live before it asks the database again.
 * A logout reaches the socket at once through OpenSockets; this bounds the damage when that
 * notice is lost between instances.
 */
export const SESSION_RECHECK_MS = 1_000;

// setTimeout holds at most 2^31-1 ms (~24 days); the expiry timer re-arms for what is left.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the upgrade decided about this socket before any document is touched. */
export type SocketAccess =
  | {
      granted: true;
      actor: ConnectionActor;
      mayWrite: RoomConnection['mayWrite'];
      session: { id: string; expiresAt: Date };
      communityId: string;
    }
  | { granted: false; code: number; reason: string };

/** What every socket answers to besides its room: its session, and how many its owner has. */
export interface SocketGuard {
  sockets: OpenSockets;
  /** Whether the session still exists and has not run out. */
  isSessionActive(sessionId: string): Promise<boolean>;
}

const SESSION_ENDED = 'økten er avsluttet; logg inn på nytt';

/** What a section socket reports to and registers with, besides its room. */
export interface SocketContext {
  /** Bound to this connection's id (and the upgrade request's id). */
  log: Logger;
  metrics: ServerMetrics;
  /** Open sockets, for a graceful shutdown. */
  registry: SocketRegistry;
}

/**
 * Binds one WebSocket to one section room. Anything the room cannot accept closes this
 * connection with a reason; it never reaches the document or the other clients.
 */
export function sectionSocket(
  rooms: RoomRegistry,
  roomName: string,
  access: SocketAccess,
  options: SocketGuard & SocketContext & { maxBufferedBytes: number },
): WSEvents<WebSocketLike> {
  const { maxBufferedBytes, log, metrics, registry } = options;
  const guard: SocketGuard = options;
  let room: SectionRoom | null = null;
  let connection: RoomConnection | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let expiryTimer: NodeJS.Timeout | null = null;
  let release: (() => void) | null = null;
  let closed = false;
  let sessionCheckedAt = 0;
  let counted = false;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  // Messages are handled in arrival order, also while the room is still loading.
  let chain: Promise<void> = Promise.resolve();

  const shutDown = () => {
    closed = true;
    if (pingTimer) clearInterval(pingTimer);
    if (expiryTimer) clearTimeout(expiryTimer);
    pingTimer = expiryTimer = null;
    release?.();
    release = null;
    if (room && connection) rooms.close(room, connection);
    room = null;
    if (counted) metrics.connectionClosed();
    counted = false;
  };

  const fail = (ws: WSContext<WebSocketLike>, code: number, reason: string) => {
    shutDown();
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
  };

  /** Whether the session still holds; asks the database at most once per SESSION_RECHECK_MS. */
  const sessionLive = async (): Promise<boolean> => {
    if (!access.granted) return false;
    const now = Date.now();
    if (now >= access.session.expiresAt.getTime()) return false;
    if (now - sessionCheckedAt < SESSION_RECHECK_MS) return true;
    let live: boolean;
    try {
      live = await guard.isSessionActive(access.session.id);
    } catch (error) {
      // The database is away: writes cannot be stored either, so nobody is thrown out for it.
      logStorageFailure(roomName, error);
      return true;
    }
    if (live) sessionCheckedAt = now;
    return live;
  };

  const handle = async (ws: WSContext<WebSocketLike>, frame: Uint8Array) => {
    if (closed || !room || !connection) return;
    // Before the room sees the frame: a logged-out session writes nothing.
    if (!(await sessionLive())) {
      fail(ws, CLOSE_CODES.unauthenticated, SESSION_ENDED);
      return;
    }
    if (closed) return;
    try {
      await room.receive(connection, decodeClientMessage(frame));
    } catch (error) {
      if (error instanceof WriteRefused) {
        metrics.updateRefused(error.decision.reason);
        log.info({ reason: error.decision.reason }, 'endring avvist');
        const reason = refusalText(error.decision.reason);
        // The stock client logs the auth message; our UI reads the close code and reloads
        // the section from the server, dropping the refused local change.
        connection.send(permissionDeniedMessage(reason));
        fail(ws, CLOSE_CODES.writeRefused, reason);
      } else if (error instanceof DocumentTooLarge) {
        metrics.updateRefused('document-too-large');
        log.info({ reason: 'document-too-large' }, 'endring avvist');
        connection.send(permissionDeniedMessage(error.message));
        fail(ws, CLOSE_CODES.documentTooLarge, error.message);
      } else if (error instanceof StorageUnavailable) {
        // Not a refusal: the client keeps its change and sends it again after a pause.
        fail(ws, CLOSE_CODES.storageUnavailable, STORAGE_UNAVAILABLE_REASON);
      } else if (error instanceof ContentRefused) {
        metrics.updateRefused('content-refused');
        log.info({ reason: 'content-refused' }, 'endring avvist');
        connection.send(permissionDeniedMessage(error.message));
        fail(ws, CLOSE_CODES.contentRefused, error.message);
      } else if (error instanceof ProtocolError) {
        log.info({ code: error.closeCode, reason: error.message }, 'protokollfeil');
        fail(ws, error.closeCode, error.message);
      } else {
        log.error({ err: error }, 'feil i rommet');
        fail(ws, CLOSE_CODES.internal, 'intern feil');
      }
    }
  };

  return {
    onOpen(_event, ws) {
      // Refused before joining: such a socket never receives a byte of the document.
      if (!access.granted) {
        closed = true;
        log.info({ code: access.code }, 'forbindelse avvist');
        ws.close(access.code, access.reason);
        finish();
        return;
      }
      const admission = guard.sockets.admit({
        sessionId: access.session.id,
        userId: access.actor.userId,
        communityId: access.communityId,
        close: (code, reason) => fail(ws, code, reason),
      });
      if (!admission.admitted) {
        closed = true;
        ws.close(admission.code, admission.reason);
        return;
      }
      release = admission.release;
      const expiresAt = access.session.expiresAt.getTime();
      const armExpiry = (): void => {
        const left = expiresAt - Date.now();
        if (left <= 0) {
          fail(ws, CLOSE_CODES.unauthenticated, 'økten er utløpt; logg inn på nytt');
          return;
        }
        // Timers run on a monotonic clock and may fire a moment before Date.now() reaches the
        // expiry; then the rest is waited out too, or the socket outlived its session until the
        // next ping. A wait cut short by MAX_TIMER_MS is re-armed the same way.
        expiryTimer = setTimeout(armExpiry, Math.min(MAX_TIMER_MS, left + 1));
      };
      expiryTimer = setTimeout(armExpiry, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())));
      // We hand @hono/node-server a `ws` server, so the raw socket is a `ws` WebSocket with ping/pong.
      const socket = ws.raw as unknown as WebSocket;
      metrics.connectionOpened();
      counted = true;
      log.info('forbindelse åpnet');
      registry.add({
        close(code, reason) {
          // Not `fail`: frames the client sends until it answers the close are still handled.
          ws.close(code, reason);
        },
        terminate() {
          socket.terminate();
        },
        finished,
      });
      // Frames sent in one go (a batch's relays, a flush of presence) leave in one write.
      const stream = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      let corked = false;
      const uncork = () => {
        corked = false;
        stream?.uncork();
      };
      const joined: RoomConnection = {
        actor: access.actor,
        mayWrite: access.mayWrite,
        send(message) {
          if (socket.readyState !== socket.OPEN) return;
          if (stream && !corked) {
            corked = true;
            stream.cork();
            process.nextTick(uncork);
          }
          // A client that does not read would make the server hold everything sent to it,
          // every relayed change and presence included. Past the limit it is cut off; the
          // stock client reconnects and syncs afresh. The check comes before sending, so one
          // large message (the sync of a big section) always goes out.
          if (socket.bufferedAmount > maxBufferedBytes) {
            // Not a close handshake: its frame would queue behind the same unread bytes. The
            // socket's close event then leaves the room, outside whatever the room is sending.
            socket.terminate();
            return;
          }
          socket.send(message);
        },
        close(code, reason) {
          fail(ws, code, reason);
        },
      };
      connection = joined;
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      pingTimer = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
        // A reader sends little: its session is checked here too, should a logout notice be lost.
        sessionCheckedAt = 0;
        chain = chain.then(async () => {
          if (!closed && !(await sessionLive())) fail(ws, CLOSE_CODES.unauthenticated, SESSION_ENDED);
        });
      }, PING_INTERVAL_MS);
      chain = rooms.open(roomName, joined).then(
        (opened) => {
          room = opened;
          // The socket may have closed while the room was loading.
          if (closed) rooms.close(opened, joined);
        },
        (error: unknown) => {
          // Loading reads the database (and joins the fan-out): a failure here is an outage
          // the client waits out and retries, like a refused write during one.
          if (!(error instanceof StorageUnavailable))
            log.error({ err: describeFailure(error) }, 'kunne ikke åpne dokumentet');
          fail(ws, CLOSE_CODES.storageUnavailable, STORAGE_UNAVAILABLE_REASON);
        },
      );
    },
    onMessage(event, ws) {
      if (closed) return;
      if (!(event.data instanceof ArrayBuffer)) {
        fail(ws, CLOSE_CODES.unsupportedData, 'bare binære y-websocket-meldinger støttes');
        return;
      }
      const frame = new Uint8Array(event.data);
      chain = chain.then(() => handle(ws, frame));
    },
    onClose(event) {
      log.info({ code: event.code }, 'forbindelse lukket');
      // What the client sent before it closed is handled before it leaves the room: in a
      // graceful shutdown that is everything it sent before it saw our close.
      chain = chain.then(shutDown).then(finish);
    },
  };
}
