import type { WebSocketLike } from '@hono/node-server';
import type { WSContext, WSEvents } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { Logger } from '../logging/logger.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { ProtocolError } from '../protocol/message-types.js';
import { ContentRefused } from '../protocol/update-schema.js';
import { permissionDeniedMessage } from '../protocol/server-message.js';
import { WriteRefused, type ConnectionActor, type RoomConnection } from '../rooms/room-connection.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { DocumentTooLarge, type SectionRoom } from '../rooms/section-room.js';
import { CLOSE_CODES, refusalText } from './close-codes.js';
import type { SocketRegistry } from './socket-registry.js';

/** How often a silent client is pinged; one missed pong and it is dropped. */
const PING_INTERVAL_MS = 30_000;

/** What the upgrade decided about this socket before any document is touched. */
export type SocketAccess =
  | { granted: true; actor: ConnectionActor; mayWrite: RoomConnection['mayWrite'] }
  | { granted: false; code: number; reason: string };

/** What a section socket reports to and registers with, besides its room. */
export interface SocketContext {
  /** Bound to this connection's id (and the upgrade request's id). */
  log: Logger;
  metrics: ServerMetrics;
  /** Open sockets, for a graceful shutdown. */
  sockets: SocketRegistry;
}

/**
 * Binds one WebSocket to one section room. Anything the room cannot accept closes this
 * connection with a reason; it never reaches the document or the other clients.
 */
export function sectionSocket(rooms: RoomRegistry, roomName: string, access: SocketAccess, { log, metrics, sockets }: SocketContext): WSEvents<WebSocketLike> {
  let room: SectionRoom | null = null;
  let connection: RoomConnection | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let closed = false;
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
    pingTimer = null;
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

  const handle = async (ws: WSContext<WebSocketLike>, frame: Uint8Array) => {
    if (closed || !room || !connection) return;
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
      // We hand @hono/node-server a `ws` server, so the raw socket is a `ws` WebSocket with ping/pong.
      const socket = ws.raw as unknown as WebSocket;
      metrics.connectionOpened();
      counted = true;
      log.info('forbindelse åpnet');
      sockets.add({
        close(code, reason) {
          // Not `fail`: frames the client sends until it answers the close are still handled.
          ws.close(code, reason);
        },
        terminate() {
          socket.terminate();
        },
        finished,
      });
      const joined: RoomConnection = {
        actor: access.actor,
        mayWrite: access.mayWrite,
        send(message) {
          if (socket.readyState === socket.OPEN) socket.send(message);
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
      }, PING_INTERVAL_MS);
      chain = rooms.open(roomName, joined).then(
        (opened) => {
          room = opened;
          // The socket may have closed while the room was loading.
          if (closed) rooms.close(opened, joined);
        },
        (error: unknown) => {
          log.error({ err: error }, 'kunne ikke åpne dokumentet');
          fail(ws, CLOSE_CODES.internal, 'kunne ikke åpne dokumentet');
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
