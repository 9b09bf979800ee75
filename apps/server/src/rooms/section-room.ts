import {
  CLOSE_CODES,
  parseSectionRoom,
  refusalText,
  type Decision,
  type SectionRoomId,
  type SectionSeal,
} from '@samraad/schema';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AuditLog } from '../audit/audit-log.js';
import type { Fanout, FanoutMessage, RoomChannel } from '../fanout/fanout.js';
import { DocumentSealed, StorageUnavailable, type DocumentStore } from '../persistence/document-store.js';
import { logStorageFailure } from '../persistence/storage-failure-log.js';
import { applyStored } from '../persistence/stored-state.js';
import { DEFAULT_PRESENCE_LIMITS } from '../config.js';
import {
  readAwarenessUpdate,
  stampAwarenessUpdate,
  stampedUserId,
  writeAwarenessUpdate,
} from '../protocol/awareness-identity.js';
import type { ClientMessage } from '../protocol/client-message.js';
import { ProtocolError } from '../protocol/message-types.js';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '../protocol/server-message.js';
import { ContentRefused, assertSectionContent } from '../protocol/update-schema.js';
import { missingDependency, takePending } from '../protocol/update-dependencies.js';
import {
  assertWellFormedStateVector,
  decodeWellFormedUpdate,
  updateChangesDocument,
  type DecodedUpdate,
} from '../protocol/update-validation.js';
import { RoomPresence, type PresenceLimits } from './room-presence.js';
import { PresenceRelay, type PresenceRelayOptions } from './presence-relay.js';
import type { RoomObserver } from './room-observer.js';
import { SerialQueue } from '../lib/serial-queue.js';
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
  /** A sync step 2 is the sender's whole difference; an update is one change as it happened. */
  kind: 'update' | 'sync-step-2';
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Waits between attempts to read the document again after storage failed (doubling). */
const RECOVERY_FIRST_DELAY_MS = 250;
const RECOVERY_MAX_DELAY_MS = 1_000;

/** How far past `compactAfterUpdates` a busy room may defer folding its log. */
const COMPACTION_DEFERRAL = 4;

/**
 * Where a room reads what holds its text fixed (consensus lock, publication, signed
 * declaration), and hears that it may have changed on another instance.
 */
export interface SealSource {
  read(section: SectionRoomId): Promise<SectionSeal>;
  /** Calls `changed` when the case's seal may have changed elsewhere; returns the unsubscribe. */
  watch?(caseId: string, changed: () => void): () => void;
}

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
   * `authors`: the people whose updates were accepted in it.
   */
  onChanged?: (room: SectionRoom, authors: readonly string[]) => Promise<void>;
  /**
   * Called inside the room's queue when its last connection has left, before the document
   * is dropped, or when the server shuts down: the editing session is over.
   */
  onIdle?: (room: SectionRoom) => Promise<void>;
  /** Shares stored updates and awareness with other instances (Redis); absent when alone. */
  fanout?: Fanout;
  /** Largest encoded document an update may produce; no limit when absent. */
  maxDocumentBytes?: number;
  /** What one connection may do with presence; DEFAULT_PRESENCE_LIMITS when absent. */
  presenceLimits?: PresenceLimits;
  /** How presence is gathered before it is sent (see PresenceRelay). */
  presenceRelay?: PresenceRelayOptions;
  /** Told how long commits and relays take (the metrics). */
  observer?: RoomObserver;
  /**
   * The room's seal, kept in memory while the text is known to be unsealed (see
   * `sealUnknown`); without it each connection reads the seal for every batch.
   */
  seals?: SealSource;
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
  private readonly connections = new Set<RoomConnection>();
  /** Which connection and user may speak for which awareness client id. */
  private readonly presence: RoomPresence;
  private readonly presenceRelay: PresenceRelay;
  private readonly section: SectionRoomId;
  private readonly queue = new SerialQueue();
  private inbox: Incoming[] = [];
  private pendingSinceSnapshot: number;
  /** Effective updates produced by the transaction being handled (only the new parts). */
  private produced: Uint8Array[] = [];
  private retired = false;
  /**
   * Set when storing a batch failed. The document then holds changes that are not stored, so
   * it must not be served: writes and joins are refused as StorageUnavailable while the room
   * tries to read its stored document again (`recover`). Readers stay connected: they never
   * received the unstored changes, which are relayed only after they are stored.
   */
  private unstored = false;
  private recoveryTimer: NodeJS.Timeout | null = null;
  private recoveryDelay = RECOVERY_FIRST_DELAY_MS;
  private current: Y.Doc;

  /** Upper estimate of the encoded document's size: the stored parts at load, plus every update since. */
  private estimatedBytes = 0;
  private channel: RoomChannel | null = null;
  /**
   * Set once the seal was read as "none"; cleared by anything that may seal the text. Every
   * sealing (consensus lock, publication, declaration) runs as an `exclusive` task of this
   * room, so on one instance the next batch after it reads the seal again. Another instance's
   * seal clears it through `seals.watch`, and until that notice arrives the append's seal
   * fence in PostgreSQL refuses the batch (DocumentSealed). A seal that is present is never
   * kept: it is read again for every batch, so a reopening applies at once.
   */
  private knownUnsealed = false;
  private unwatchSeal: (() => void) | null = null;

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
    doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly options: SectionRoomOptions,
    pendingSinceSnapshot: number,
  ) {
    const section = parseSectionRoom(name);
    if (!section) throw new Error(`ugyldig romnavn ${name}`);
    this.section = section;
    this.current = doc;
    this.pendingSinceSnapshot = pendingSinceSnapshot;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not an editor: it must not appear in anyone's list of who is here.
    this.awareness.setLocalState(null);
    this.presence = new RoomPresence(options.presenceLimits ?? DEFAULT_PRESENCE_LIMITS, (clientId) => {
      // A forgotten id's clock would otherwise stay in the awareness for the room's lifetime.
      if (!this.awareness.states.has(clientId)) this.awareness.meta.delete(clientId);
    });
    // Our clients' presence goes to the other instances; theirs, and states that timed out
    // here (each instance times them out itself), do not go back.
    this.presenceRelay = new PresenceRelay(
      this.awareness,
      this.connections,
      (update) => this.channel?.publish({ kind: 'awareness', payload: update }),
      (origin) => origin !== REMOTE && origin !== 'timeout',
      options.presenceRelay,
    );
    this.doc.on('update', this.collect);
    this.awareness.on('update', this.trackAndBroadcastAwareness);
    this.unwatchSeal =
      options.seals?.watch?.(section.caseId, () => {
        this.knownUnsealed = false;
      }) ?? null;
  }

  /** Forgets the kept seal: whatever runs next reads it from the database. */
  sealUnknown(): void {
    this.knownUnsealed = false;
  }

  /** The seal for this batch: kept while unsealed, read otherwise. Undefined without a SealSource. */
  private async currentSeal(): Promise<SectionSeal | undefined> {
    const { seals } = this.options;
    if (!seals) return undefined;
    if (this.knownUnsealed) return null;
    const seal = await seals.read(this.section);
    this.knownUnsealed = seal === null;
    return seal;
  }

  /** The live document; replaced when the room recovers from a storage failure. */
  get doc(): Y.Doc {
    return this.current;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Rejects with RoomRetired when the room was retired while the caller waited for it. */
  join(connection: RoomConnection): Promise<void> {
    return this.queue.run(() => {
      if (this.retired) throw new RoomRetired(this.name);
      if (this.unstored) throw new StorageUnavailable();
      this.connections.add(connection);
      this.presence.join(connection);
      connection.send(syncStep1Message(this.doc));
      const present = [...this.awareness.getStates().keys()];
      if (present.length > 0) connection.send(awarenessMessage(this.awareness, present));
    });
  }

  leave(connection: RoomConnection): void {
    this.connections.delete(connection);
    const held = this.presence.leave(connection);
    if (held.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, held, null);
  }

  /**
   * Handles one decoded client message. Rejects with ProtocolError for content it cannot
   * accept and WriteRefused for a change the sender may not make.
   */
  receive(connection: RoomConnection, message: ClientMessage): Promise<void> {
    if (message.type === 'update' || message.type === 'sync-step-2')
      return this.enqueueUpdate(connection, message.update, message.type);
    if (message.type === 'sync-step-1') {
      return this.queue.run(() => {
        if (!this.connections.has(connection)) return;
        assertWellFormedStateVector(message.stateVector);
        // The document holds unstored changes; the client asks again when it reconnects.
        if (this.unstored) return;
        connection.send(syncStep2Message(this.doc, message.stateVector));
      });
    }
    // Presence never touches the document, so it does not wait behind text in the queue.
    try {
      this.receivePresence(connection, message);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private receivePresence(
    connection: RoomConnection,
    message: Extract<ClientMessage, { type: 'awareness' | 'query-awareness' }>,
  ): void {
    if (this.retired || !this.connections.has(connection)) return;
    if (message.type === 'awareness') {
      const stamped = stampAwarenessUpdate(
        message.update,
        connection.actor,
        (entry) => this.presence.admit(connection, entry, this.awareness.meta.get(entry.clientId)?.clock ?? 0),
        this.presence.limits.maxStateBytes,
      );
      awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, connection);
      return;
    }
    this.presence.query(connection);
    connection.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** Runs `work` between two messages, with the document quiet. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.retired) throw new RoomRetired(this.name);
      // Locks, publications and declarations seal the text in here.
      this.knownUnsealed = false;
      try {
        return await work();
      } finally {
        this.knownUnsealed = false;
      }
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
    // The seal fence may refuse it (sealed on another instance since the caller checked): the
    // caller must not report as made a change that was never stored.
    if (!(await this.commit([{ origin: null, actor, effective }]))) throw new DocumentSealed(this.name);
  }

  /** For an orderly shutdown: ends the editing session and folds the log, in the queue. */
  finish(): Promise<void> {
    return this.queue.run(async () => {
      if (this.retired) return;
      await this.endSession();
      if (this.pendingSinceSnapshot === 0) return;
      await this.store.compact(this.name);
      this.pendingSinceSnapshot = 0;
    });
  }

  /** A failure to keep a version of the session must not keep the document from closing. */
  private async endSession(): Promise<void> {
    try {
      await this.options.onIdle?.(this);
    } catch (error) {
      logStorageFailure(this.name, error);
    }
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
      // Nothing to fold or record that is not stored already; the next open reads the database afresh.
      if (!this.unstored) {
        await this.endSession();
        if (this.pendingSinceSnapshot > 0) await this.store.compact(this.name);
      }
      this.pendingSinceSnapshot = 0;
      this.destroy();
      return true;
    });
  }

  destroy(): void {
    this.retired = true;
    if (this.recoveryTimer) clearTimeout(this.recoveryTimer);
    this.recoveryTimer = null;
    void this.channel?.leave();
    this.channel = null;
    this.current.off('update', this.collect);
    this.awareness.off('update', this.trackAndBroadcastAwareness);
    this.unwatchSeal?.();
    this.unwatchSeal = null;
    this.presenceRelay.destroy();
    this.awareness.destroy();
    this.current.destroy();
  }

  /**
   * Puts an update in the inbox; the first one in starts a batch in the queue, later ones
   * join it until the batch begins. Resolves once the update is stored and relayed (or was
   * a no-op), rejects with what refused it.
   */
  private enqueueUpdate(connection: RoomConnection, update: Uint8Array, kind: Incoming['kind']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.inbox.push({ connection, update, kind, resolve, reject });
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
    /** `refusal` is set for an update only partly applied: its applied part is stored, the sender refused. */
    const accepted: Array<{ incoming: Incoming; effective: Uint8Array; refusal?: ProtocolError }> = [];
    try {
      const live = batch.filter((incoming) => {
        if (this.connections.has(incoming.connection)) return true;
        incoming.resolve();
        return false;
      });
      // One seal for the whole batch: it changes only between batches (see knownUnsealed).
      let seal: SectionSeal | undefined;
      let sealFailure: StorageUnavailable | null = null;
      if (live.length > 0 && !this.unstored) {
        try {
          seal = await this.currentSeal();
        } catch (error) {
          sealFailure = new StorageUnavailable(error);
        }
      }
      // The checks may read the database; asking them together costs one wait, not one each.
      const decisions = await Promise.all(
        live.map(async (incoming): Promise<{ error: unknown } | { decision: Decision; decoded: DecodedUpdate }> => {
          let decoded: DecodedUpdate;
          try {
            decoded = decodeWellFormedUpdate(incoming.update);
          } catch (error) {
            return { error };
          }
          if (this.unstored) return { error: new StorageUnavailable() };
          if (sealFailure) return { error: sealFailure };
          try {
            return { decision: await incoming.connection.mayWrite(seal), decoded };
          } catch (error) {
            // The check could not read the database: a storage outage, not a refusal.
            return { error: new StorageUnavailable(error) };
          }
        }),
      );
      for (const [index, incoming] of live.entries()) {
        try {
          const checked = decisions[index]!;
          if ('error' in checked) {
            // A reader's empty sync step 2 needs no storage, even during an outage.
            if (checked.error instanceof StorageUnavailable && !updateChangesDocument(this.doc, incoming.update)) {
              incoming.resolve();
              continue;
            }
            throw checked.error;
          }
          const { decision, decoded } = checked;
          if (!decision.allowed) {
            if (!updateChangesDocument(this.doc, incoming.update)) {
              incoming.resolve();
              continue;
            }
            await this.recordRefusal(incoming);
            throw new WriteRefused(decision);
          }
          this.assertFits(incoming.update, decoded);
          const missing = missingDependency(this.doc, decoded);
          if (missing) {
            // A sync step 2 is the sender's whole difference: a gap means its own copy lacks
            // what it builds on, and only a fresh copy helps.
            if (incoming.kind === 'sync-step-2') {
              throw new ProtocolError(
                `kopien din mangler ${missing}, som endringene bygger på`,
                CLOSE_CODES.missingDependencies,
              );
            }
            // An update can overtake what it builds on: typed while reconnecting, it goes out
            // before the sync carrying the offline text; or another tab of the same browser
            // passed it a change whose own socket is slower. Never applied, so never held:
            // the server asks the sender what it lacks, and the stock client's answer brings
            // this change and everything before it.
            incoming.connection.send(syncStep1Message(this.doc));
            incoming.resolve();
            continue;
          }
          // Checked once every struct's parent is known (here or in the update itself).
          try {
            assertSectionContent(this.doc, decoded);
          } catch (error) {
            if (error instanceof ContentRefused) {
              await this.recordRefusal(incoming);
            }
            throw error;
          }
          this.produced = [];
          Y.applyUpdate(this.doc, incoming.update, incoming.connection);
          // Only a crafted update (parts that wait on each other) gets past the check above.
          const refusal = takePending(this.doc)
            ? new ProtocolError('endringen bygger på tekst som tjeneren ikke har')
            : undefined;
          const effective = this.takeProduced();
          if (!effective) {
            if (refusal) incoming.reject(refusal);
            else incoming.resolve();
            continue;
          }
          this.estimatedBytes += effective.byteLength;
          accepted.push({ incoming, effective, refusal });
        } catch (error) {
          incoming.reject(error);
        }
      }
      await this.commit(
        accepted.map(({ incoming, effective }) => ({
          origin: incoming.connection,
          actor: incoming.connection.actor,
          effective,
        })),
      );
      for (const { incoming, refusal } of accepted) {
        if (refusal) incoming.reject(refusal);
        else incoming.resolve();
      }
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
  private assertFits(update: Uint8Array, decoded: DecodedUpdate): void {
    const limit = this.options.maxDocumentBytes;
    if (limit === undefined || this.estimatedBytes + update.byteLength <= limit) return;
    if (decoded.structs.length === 0) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.estimatedBytes = state.byteLength;
    if (state.byteLength + update.byteLength <= limit) return;
    if (Y.mergeUpdates([state, update]).byteLength > limit) throw new DocumentTooLarge(limit);
  }

  /** An update another instance stored: applied and relayed here, not stored again. */
  private receiveRemote(message: FanoutMessage): Promise<void> {
    if (message.kind === 'awareness') {
      if (this.retired) return Promise.resolve();
      try {
        const admitted = readAwarenessUpdate(message.payload).filter(({ clientId, state }) =>
          this.presence.admitRemote(clientId, stampedUserId(state)),
        );
        awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessUpdate(admitted), REMOTE);
      } catch (error) {
        logger.error({ err: error, room: this.name }, 'ugyldig melding fra en annen instans');
      }
      return Promise.resolve();
    }
    return this.queue.run(() => {
      if (this.retired) return;
      try {
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
    for (const other of this.connections) {
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
   * False when the seal fence refused them (the room is then broken and goes).
   */
  private async commit(
    changes: ReadonlyArray<{ origin: RoomConnection | null; actor: RoomConnection['actor']; effective: Uint8Array }>,
  ): Promise<boolean> {
    if (changes.length === 0) return true;
    const appendStarted = performance.now();
    try {
      await this.store.appendAll(
        this.name,
        changes.map((change) => change.effective),
      );
    } catch (error) {
      if (error instanceof DocumentSealed) {
        // Another instance sealed the text between our lock check and the store: refused like
        // any write to locked text, and everyone reloads the sealed text. This copy holds the
        // refused changes and must not be served any longer.
        for (const other of [...this.connections]) other.close(CLOSE_CODES.writeRefused, refusalText('locked'));
        this.options.onBroken?.(this);
        return false;
      }
      // The changes are applied here but not stored: their authors are refused (their
      // clients keep the changes and send them again), readers stay, and the room reads the
      // stored document again once storage answers.
      logStorageFailure(this.name, error);
      this.unstored = true;
      this.scheduleRecovery();
      throw new StorageUnavailable(error);
    }
    const storedAt = performance.now();
    this.options.observer?.stored(changes.length, (storedAt - appendStarted) / 1000);
    this.pendingSinceSnapshot += changes.length;
    for (const { actor, effective } of changes) {
      await this.options.audit.record({
        userId: actor.userId,
        caseId: this.section.caseId,
        sectionId: this.section.sectionId,
        action: 'update',
        bytes: effective.byteLength,
      });
    }
    for (const { origin, effective } of changes) {
      this.broadcast(origin, effective);
      // Stored first, like the local relay: another instance never shows what a crash loses.
      this.channel?.publish({ kind: 'update', payload: effective });
    }
    this.options.observer?.relayed((performance.now() - storedAt) / 1000);
    // The changes are stored and relayed: what follows may fail with the database (it went
    // away a moment later) without taking back what the writers were told is stored.
    try {
      await this.options.onChanged?.(this, [...new Set(changes.map(({ actor }) => actor.userId))]);
      // Folding merges the whole document. It waits for a moment when no update is queued
      // behind it, up to four times the threshold, so a busy room does not stall its writers.
      const due = this.pendingSinceSnapshot >= this.options.compactAfterUpdates;
      const overdue = this.pendingSinceSnapshot >= this.options.compactAfterUpdates * COMPACTION_DEFERRAL;
      if (overdue || (due && this.inbox.length === 0)) {
        await this.store.compact(this.name);
        this.pendingSinceSnapshot = 0;
      }
    } catch (error) {
      logStorageFailure(this.name, error);
    }
    return true;
  }

  private scheduleRecovery(): void {
    if (this.recoveryTimer || this.retired) return;
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = null;
      void this.queue.run(() => this.recover());
    }, this.recoveryDelay);
    this.recoveryTimer.unref();
    this.recoveryDelay = Math.min(this.recoveryDelay * 2, RECOVERY_MAX_DELAY_MS);
  }

  /**
   * Reads the stored document into a fresh copy and serves that from now on, dropping the
   * changes that were never stored (their authors were refused and send them again).
   */
  private async recover(): Promise<void> {
    if (this.retired || !this.unstored) return;
    let stored: Uint8Array[];
    try {
      stored = await this.store.load(this.name);
    } catch (error) {
      logStorageFailure(this.name, error);
      this.scheduleRecovery();
      return;
    }
    const fresh = new Y.Doc({ gc: true });
    applyStored(fresh, stored);
    this.current.off('update', this.collect);
    fresh.on('update', this.collect);
    this.current = fresh;
    this.estimatedBytes = stored.reduce((sum, update) => sum + update.byteLength, 0);
    this.pendingSinceSnapshot = Math.max(0, stored.length - 1);
    this.unstored = false;
    this.recoveryDelay = RECOVERY_FIRST_DELAY_MS;
    // Whoever stayed has exactly the stored text; asking for theirs settles any doubt.
    for (const connection of this.connections) connection.send(syncStep1Message(this.doc));
  }

  get sectionId(): SectionRoomId {
    return this.section;
  }

  /** A refusal stands whether or not its audit row can be written (the database may be away). */
  private async recordRefusal(incoming: Incoming): Promise<void> {
    try {
      await this.options.audit.record({
        ...this.auditTarget(incoming.connection),
        action: 'refused',
        bytes: incoming.update.byteLength,
      });
    } catch (error) {
      logStorageFailure(this.name, error);
    }
  }

  private auditTarget(connection: RoomConnection) {
    return { userId: connection.actor.userId, caseId: this.section.caseId, sectionId: this.section.sectionId };
  }

  private readonly collect = (update: Uint8Array): void => {
    this.produced.push(update);
  };

  private readonly trackAndBroadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    this.presence.applied(origin, { added, updated, removed });
    this.presenceRelay.noted({ added, updated, removed }, origin);
  };
}
