import { parseSectionRoom, type SectionRoomId } from '@samraad/schema';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AuditLog } from '../audit/audit-log.js';
import type { Fanout, FanoutMessage, RoomChannel } from '../fanout/fanout.js';
import { DocumentSealed, type DocumentStore } from '../persistence/document-store.js';
import { applyStored } from '../persistence/stored-state.js';
import { stampAwarenessUpdate } from '../protocol/awareness-identity.js';
import type { ClientMessage } from '../protocol/client-message.js';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '../protocol/server-message.js';
import { ContentRefused, assertSectionContent } from '../protocol/update-schema.js';
import { assertWellFormedStateVector, assertWellFormedUpdate, updateChangesDocument } from '../protocol/update-validation.js';
import { CLOSE_CODES } from '../ws/close-codes.js';
import type { RoomObserver } from './room-observer.js';
import { SerialQueue } from './serial-queue.js';
import { WriteRefused, type RoomConnection } from './room-connection.js';
import { logger } from '../logging/logger.js';

export class RoomRetired extends Error {
  constructor(name: string) {
    super(`rommet ${name} er lukket`);
  }
}

/** An update that would grow the document past the configured limit; it was not applied. */
export class DocumentTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`dokumentet er for stort (grensen er ${Math.round(limitBytes / 1024)} kB); endringen ble ikke lagret`);
  }
}

/** An update waiting for the room's next batch, with the caller waiting for its outcome. */
interface Incoming {
  connection: RoomConnection;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How far past `compactAfterUpdates` a busy room may defer folding its log. */
const COMPACTION_DEFERRAL = 4;

/** Origin of changes that another server instance stored and published. */
const REMOTE = Symbol('remote instance');

export interface SectionRoomOptions {
  compactAfterUpdates: number;
  audit: AuditLog;
  /** Called when the room can no longer vouch for its state (storage failed) and must go. */
  onBroken?: (room: SectionRoom) => void;
  /**
   * Called inside the room's queue after a change is stored and relayed, before the next
   * message is handled: consensus voids approvals here, so no approval can slip between.
   */
  onChanged?: (room: SectionRoom) => Promise<void>;
  /** Shares stored updates and awareness with other instances (Redis); absent when alone. */
  fanout?: Fanout;
  /** Largest encoded document an update may produce; no limit when absent. */
  maxDocumentBytes?: number;
  /** Told how long commits and relays take (the metrics). */
  observer?: RoomObserver;
}

/**
 * The live copy of one section document and the connections editing it.
 *
 * Messages are handled one at a time per room. An accepted update is committed to the store
 * before it is relayed, and no other message is handled in between, so nobody can see a
 * change that a crash would lose (its author's client still holds it and re-sends it).
 *
 * Updates are group-committed: those that arrive while the room is busy wait in an inbox and
 * are handled as one batch (each checked and applied in turn, then stored in one
 * transaction, then relayed), so under load the room pays one commit per batch, not one per
 * keystroke.
 */
export class SectionRoom {
  readonly awareness: awarenessProtocol.Awareness;
  /** Each connection with the awareness client ids it speaks for. */
  private readonly connections = new Map<RoomConnection, Set<number>>();
  private readonly section: SectionRoomId;
  private readonly queue = new SerialQueue();
  private inbox: Incoming[] = [];
  private pendingSinceSnapshot: number;
  /** Effective updates produced by the transaction being handled (only the new parts). */
  private produced: Uint8Array[] = [];
  private retired = false;

  /** Upper estimate of the encoded document's size: the stored parts at load, plus every update since. */
  private estimatedBytes = 0;
  private channel: RoomChannel | null = null;

  static async load(name: string, store: DocumentStore, options: SectionRoomOptions): Promise<SectionRoom> {
    // Subscribe before reading: an update another instance stores while we read is either in
    // what we read or among the messages held here (applying it twice changes nothing).
    const early: FanoutMessage[] = [];
    let deliver = (message: FanoutMessage) => void early.push(message);
    let gap = () => {};
    const channel = options.fanout
      ? await options.fanout.join(name, { onMessage: (message) => deliver(message), onGap: () => gap() })
      : null;
    let room: SectionRoom;
    try {
      const doc = new Y.Doc({ gc: true });
      const stored = await store.load(name);
      applyStored(doc, stored);
      room = new SectionRoom(name, doc, store, options, Math.max(0, stored.length - 1));
      // The stored parts together are at least the merged document: an upper estimate.
      room.estimatedBytes = stored.reduce((sum, update) => sum + update.byteLength, 0);
    } catch (error) {
      await channel?.leave();
      throw error;
    }
    room.channel = channel;
    deliver = (message) => void room.receiveRemote(message);
    gap = () => void room.reload();
    for (const message of early) void room.receiveRemote(message);
    if (room.pendingSinceSnapshot >= options.compactAfterUpdates) await room.compact();
    return room;
  }

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly options: SectionRoomOptions,
    pendingSinceSnapshot: number,
  ) {
    const section = parseSectionRoom(name);
    if (!section) throw new Error(`ugyldig romnavn ${name}`);
    this.section = section;
    this.pendingSinceSnapshot = pendingSinceSnapshot;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not an editor: it must not appear in anyone's list of who is here.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.collect);
    this.awareness.on('update', this.trackAndBroadcastAwareness);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Rejects with RoomRetired when the room was retired while the caller waited for it. */
  join(connection: RoomConnection): Promise<void> {
    return this.queue.run(async () => {
      if (this.retired) throw new RoomRetired(this.name);
      this.connections.set(connection, new Set());
      connection.send(syncStep1Message(this.doc));
      const present = [...this.awareness.getStates().keys()];
      if (present.length > 0) connection.send(awarenessMessage(this.awareness, present));
    });
  }

  leave(connection: RoomConnection): void {
    const controlled = this.connections.get(connection);
    this.connections.delete(connection);
    if (controlled && controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    }
  }

  /**
   * Handles one decoded client message. Rejects with ProtocolError for content it cannot
   * accept and WriteRefused for a change the sender may not make.
   */
  receive(connection: RoomConnection, message: ClientMessage): Promise<void> {
    if (message.type === 'update' || message.type === 'sync-step-2') return this.enqueueUpdate(connection, message.update);
    return this.queue.run(async () => {
      if (!this.connections.has(connection)) return;
      switch (message.type) {
        case 'sync-step-1':
          assertWellFormedStateVector(message.stateVector);
          connection.send(syncStep2Message(this.doc, message.stateVector));
          return;
        case 'awareness': {
          const stamped = stampAwarenessUpdate(message.update, connection.actor, (id) => this.isOwnedByAnother(id, connection));
          awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, connection);
          return;
        }
        case 'query-awareness':
          connection.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
          return;
      }
    });
  }

  /** Runs `work` between two messages, with the document quiet. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.retired) throw new RoomRetired(this.name);
      return work();
    });
  }

  /**
   * A change the server makes on someone's behalf (restoring a version): stored, relayed to
   * every client and audited like a typed change. Call inside `exclusive`.
   */
  async change(actor: RoomConnection['actor'], mutate: (doc: Y.Doc) => void): Promise<void> {
    this.produced = [];
    this.doc.transact(() => mutate(this.doc), actor);
    const effective = this.takeProduced();
    if (!effective) return;
    this.estimatedBytes += effective.byteLength;
    await this.commit([{ origin: null, actor, effective }]);
  }

  /** Folds the update log into one snapshot. */
  compact(): Promise<void> {
    return this.queue.run(async () => {
      if (this.pendingSinceSnapshot === 0) return;
      await this.store.compact(this.name);
      this.pendingSinceSnapshot = 0;
    });
  }

  /**
   * When nobody is connected, folds the log into a snapshot and frees the document. Runs in
   * the queue, so a join waiting behind it sees the room retired and loads a fresh one.
   */
  retireIfIdle(): Promise<boolean> {
    return this.queue.run(async () => {
      if (this.retired || this.connections.size > 0) return false;
      if (this.pendingSinceSnapshot > 0) await this.store.compact(this.name);
      this.pendingSinceSnapshot = 0;
      this.destroy();
      return true;
    });
  }

  destroy(): void {
    this.retired = true;
    void this.channel?.leave();
    this.channel = null;
    this.doc.off('update', this.collect);
    this.awareness.off('update', this.trackAndBroadcastAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Puts an update in the inbox; the first one in starts a batch in the queue, later ones
   * join it until the batch begins. Resolves once the update is stored and relayed (or was
   * a no-op), rejects with what refused it.
   */
  private enqueueUpdate(connection: RoomConnection, update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.inbox.push({ connection, update, resolve, reject });
      if (this.inbox.length === 1) void this.queue.run(() => this.handleInbox()).catch(() => undefined);
    });
  }

  /**
   * One batch: every waiting update is checked and applied in arrival order, then the
   * accepted ones are stored in one transaction and only then relayed.
   *
   * The permission check sits here, on the raw update, because a CRDT client can send any
   * bytes: the UI's read-only editor is a courtesy, this is the rule. The batch runs as one
   * task of the queue, so a lock taken between two tasks applies to every update after it.
   */
  private async handleInbox(): Promise<void> {
    const batch = this.inbox;
    this.inbox = [];
    const accepted: Array<{ incoming: Incoming; effective: Uint8Array }> = [];
    try {
      const live = batch.filter((incoming) => {
        if (this.connections.has(incoming.connection)) return true;
        incoming.resolve();
        return false;
      });
      // The checks read the database; asking them together costs one wait, not one each.
      const decisions = await Promise.all(
        live.map(async (incoming) => {
          try {
            assertWellFormedUpdate(incoming.update);
            return { decision: await incoming.connection.mayWrite() };
          } catch (error) {
            return { error };
          }
        }),
      );
      for (const [index, incoming] of live.entries()) {
        try {
          const checked = decisions[index]!;
          if ('error' in checked) throw checked.error;
          const { decision } = checked;
          if (!decision.allowed) {
            if (!updateChangesDocument(this.doc, incoming.update)) {
              incoming.resolve();
              continue;
            }
            await this.options.audit.record({ ...this.auditTarget(incoming.connection), action: 'refused', bytes: incoming.update.byteLength });
            throw new WriteRefused(decision);
          }
          try {
            assertSectionContent(this.doc, incoming.update);
          } catch (error) {
            if (error instanceof ContentRefused) {
              await this.options.audit.record({ ...this.auditTarget(incoming.connection), action: 'refused', bytes: incoming.update.byteLength });
            }
            throw error;
          }
          this.assertFits(incoming.update);
          this.produced = [];
          Y.applyUpdate(this.doc, incoming.update, incoming.connection);
          const effective = this.takeProduced();
          if (!effective) {
            incoming.resolve();
            continue;
          }
          this.estimatedBytes += effective.byteLength;
          accepted.push({ incoming, effective });
        } catch (error) {
          incoming.reject(error);
        }
      }
      await this.commit(accepted.map(({ incoming, effective }) => ({ origin: incoming.connection, actor: incoming.connection.actor, effective })));
      for (const { incoming } of accepted) incoming.resolve();
    } catch (error) {
      // Settles whoever is still waiting; settling twice is a no-op.
      for (const incoming of batch) incoming.reject(error);
      throw error;
    }
  }

  /**
   * Refuses an update that would make the document larger than allowed. The estimate only
   * grows, so the exact (costly) size is computed only near the limit. An update that only
   * deletes is always let through: it is how a full document gets smaller again.
   */
  private assertFits(update: Uint8Array): void {
    const limit = this.options.maxDocumentBytes;
    if (limit === undefined || this.estimatedBytes + update.byteLength <= limit) return;
    if (Y.decodeUpdate(update).structs.length === 0) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.estimatedBytes = state.byteLength;
    if (state.byteLength + update.byteLength <= limit) return;
    if (Y.mergeUpdates([state, update]).byteLength > limit) throw new DocumentTooLarge(limit);
  }

  /** An update another instance stored: applied and relayed here, not stored again. */
  private receiveRemote(message: FanoutMessage): Promise<void> {
    return this.queue.run(async () => {
      if (this.retired) return;
      try {
        if (message.kind === 'awareness') {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.payload, REMOTE);
          return;
        }
        if (message.kind !== 'update') return;
        this.produced = [];
        Y.applyUpdate(this.doc, message.payload, REMOTE);
        this.relay(null, this.takeProduced());
      } catch (error) {
        logger.error({ err: error, room: this.name }, 'ugyldig melding fra en annen instans');
      }
    });
  }

  /**
   * Reads the stored document again after fan-out messages may have been lost, and relays
   * whatever this copy was missing.
   */
  reload(): Promise<void> {
    return this.queue.run(async () => {
      if (this.retired) return;
      const stored = await this.store.load(this.name);
      if (stored.length === 0) return;
      this.produced = [];
      applyStored(this.doc, stored, REMOTE);
      this.relay(null, this.takeProduced());
    });
  }

  /** Sends a change from another instance (or the database) to every local client. */
  private relay(origin: RoomConnection | null, effective: Uint8Array | null): void {
    if (!effective) return;
    this.estimatedBytes += effective.byteLength;
    this.broadcast(origin, effective);
  }

  /** Sends an effective change to every local client except `origin`, which has it. */
  private broadcast(origin: RoomConnection | null, effective: Uint8Array): void {
    const message = updateMessage(effective);
    for (const other of this.connections.keys()) {
      if (other !== origin) other.send(message);
    }
  }

  private takeProduced(): Uint8Array | null {
    const produced = this.produced;
    this.produced = [];
    if (produced.length === 0) return null;
    return produced.length === 1 ? produced[0]! : Y.mergeUpdates(produced);
  }

  /**
   * Stores the batch's effective changes in one transaction, then audits and relays each
   * (every `origin` already has its own). Already applied (and counted in the size estimate).
   */
  private async commit(changes: ReadonlyArray<{ origin: RoomConnection | null; actor: RoomConnection['actor']; effective: Uint8Array }>): Promise<void> {
    if (changes.length === 0) return;
    const appendStarted = performance.now();
    try {
      await this.store.appendAll(this.name, changes.map((change) => change.effective));
    } catch (error) {
      // The changes are in memory but not on disk: this copy must not be served any longer.
      if (error instanceof DocumentSealed) {
        // Another instance sealed the text between our lock check and the store: refused like
        // any write to locked text, and everyone reloads the sealed text.
        for (const other of [...this.connections.keys()]) other.close(CLOSE_CODES.writeRefused, 'teksten er låst etter konsensus');
      } else {
        logger.error({ err: error, room: this.name }, 'kunne ikke lagre oppdatering');
        for (const other of [...this.connections.keys()]) other.close(1011, 'lagring feilet; kobler til på nytt');
      }
      this.options.onBroken?.(this);
      return;
    }
    const storedAt = performance.now();
    this.options.observer?.stored(changes.length, (storedAt - appendStarted) / 1000);
    this.pendingSinceSnapshot += changes.length;
    for (const { actor, effective } of changes) {
      await this.options.audit.record({ userId: actor.userId, caseId: this.section.caseId, sectionId: this.section.sectionId, action: 'update', bytes: effective.byteLength });
    }
    for (const { origin, effective } of changes) {
      this.broadcast(origin, effective);
      // Stored first, like the local relay: another instance never shows what a crash loses.
      this.channel?.publish({ kind: 'update', payload: effective });
    }
    this.options.observer?.relayed((performance.now() - storedAt) / 1000);
    await this.options.onChanged?.(this);
    // Folding merges the whole document. It waits for a moment when no update is queued
    // behind it, up to four times the threshold, so a busy room does not stall its writers.
    const due = this.pendingSinceSnapshot >= this.options.compactAfterUpdates;
    const overdue = this.pendingSinceSnapshot >= this.options.compactAfterUpdates * COMPACTION_DEFERRAL;
    if (overdue || (due && this.inbox.length === 0)) {
      await this.store.compact(this.name);
      this.pendingSinceSnapshot = 0;
    }
  }

  get sectionId(): SectionRoomId {
    return this.section;
  }

  private auditTarget(connection: RoomConnection) {
    return { userId: connection.actor.userId, caseId: this.section.caseId, sectionId: this.section.sectionId };
  }

  private isOwnedByAnother(clientId: number, connection: RoomConnection): boolean {
    for (const [other, owned] of this.connections) {
      if (other !== connection && owned.has(clientId)) return true;
    }
    return false;
  }

  private readonly collect = (update: Uint8Array): void => {
    this.produced.push(update);
  };

  private readonly trackAndBroadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.connections.get(origin as RoomConnection);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(this.awareness, changed);
    for (const connection of this.connections.keys()) connection.send(message);
    // Our clients' presence goes to the other instances; theirs, and states that timed out
    // here (each instance times them out itself), do not go back.
    if (this.channel && origin !== REMOTE && origin !== 'timeout') {
      this.channel.publish({ kind: 'awareness', payload: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) });
    }
  };
}
