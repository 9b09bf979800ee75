import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { SECTION_FRAGMENT } from '@samraad/schema';
import { UnsentLedger } from './unsentLedger.js';
import { mergeStateVectors, unsentText, type StateVector } from './unsentText.js';

/**
 * What this person may do with the section's text right now, by the shared permission rule:
 * `write` sends their changes; `read` never sends anything; `hold` keeps their changes (and
 * the browser's copy) without sending while the rule cannot be decided yet (the consensus
 * locks are still loading).
 */
export type WriteMode = 'write' | 'hold' | 'read';

/** Where the count of unsent changes is kept beside the document in the browser. */
const UNSENT_KEY = 'unsent';
/** How long after sending changes we ask the server to confirm them: one query per burst of typing. */
const QUERY_DELAY_MS = 250;

/**
 * Sits between a section's document and its y-websocket provider and decides what reaches
 * the server.
 *
 * y-websocket sends in two places: its `_updateHandler` forwards every local document update,
 * and its sync message handler answers the server's sync step 1 with everything the server
 * lacks. Both would send changes a read-only person's editor makes locally (Tiptap's
 * TrailingNode adds a paragraph to a document that ends with a list, on load), which the
 * server refuses by closing the socket, and the stock client then reconnected into the same
 * refusal for ever. So the provider's update handler is detached and its sync handler is
 * replaced (`messageHandlers` is per provider, the library's own seam for this): changes go
 * out only in `write` mode, and nothing ever goes out in `read` mode, whatever the editor does.
 *
 * It also keeps the UnsentLedger (see there for what "sent" means) and the server's known
 * state, so that text the server never got can be handed back to the person.
 */
export class SectionSync {
  private currentMode: WriteMode = 'hold';
  private readonly ledger = new UnsentLedger<StateVector>();
  /** A lower bound of what the server holds: its state when we joined, what it sent, what it confirmed. */
  private readonly serverKnown: StateVector = new Map();
  /** Whether the server has told us its state at least once; until then nothing can be called unsent text. */
  private serverHeard = false;
  /** The document holds local changes made while read-only; they must never be sent, so the document is replaced before writing. */
  private divergedWhileReadOnly = false;
  private queryTimer: ReturnType<typeof setTimeout> | null = null;
  private persistence: IndexeddbPersistence | null = null;
  private storedUnsent = 0;
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly doc: Y.Doc,
  ) {
    doc.off('update', provider._updateHandler);
    provider.messageHandlers[messageSync] = this.handleSyncMessage;
    doc.on('update', this.onUpdate);
    doc.on('afterTransaction', this.onTransaction);
    provider.on('status', this.onStatus);
    provider.on('connection-close', this.onSocketClosed);
  }

  get mode(): WriteMode {
    return this.currentMode;
  }

  /** Local changes the server has not confirmed storing. */
  get unsent(): number {
    return this.ledger.unsent;
  }

  /** Read-only now, with changes the server never confirmed: they must be handed back, not dropped. */
  get stranded(): boolean {
    return this.currentMode === 'read' && this.ledger.unsent > 0 && this.serverHeard;
  }

  /** Local changes were made while read-only (never sent); writing must start from a fresh copy. */
  get diverged(): boolean {
    return this.divergedWhileReadOnly;
  }

  /** Called whenever `unsent`, `stranded` or `diverged` may have changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setMode(mode: WriteMode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    // Changes held while the rule was undecided go out as soon as writing is allowed.
    if (mode === 'write' && this.ledger.unsent > 0) this.sendMissing();
    this.notify();
  }

  /**
   * Keeps the document in the browser's IndexedDB under `name`, so unsent changes survive a
   * reload, a closed tab or a crash, and go out when the section is next opened online.
   */
  keepInBrowser(name: string): void {
    if (this.persistence || this.disposed) return;
    const persistence = new IndexeddbPersistence(name, this.doc);
    this.persistence = persistence;
    void persistence.whenSynced
      .then(() => persistence.get(UNSENT_KEY))
      .then((stored: unknown) => {
        if (this.disposed || this.persistence !== persistence) return;
        if (typeof stored === 'number' && stored > 0) this.ledger.restore(stored);
        this.countUnconfirmedItems();
        if (this.currentMode === 'write' && this.ledger.unsent > 0) this.sendMissing();
        this.storeUnsentCount();
        this.notify();
      })
      .catch(() => undefined); // No IndexedDB (private window, full disk): the section still works online.
  }

  /** The text the server does not have, as plain text to hand back to the person. */
  unsentText(): string {
    return unsentText(this.doc.getXmlFragment(SECTION_FRAGMENT), this.serverKnown);
  }

  /**
   * Deletes the browser's copy: its unsent changes were handed back or refused. Resolves once
   * it is gone, so that a fresh copy opened after it cannot read the old changes back.
   */
  async discardStored(): Promise<void> {
    const persistence = this.persistence;
    this.persistence = null;
    if (!persistence) return;
    await persistence.destroy();
    // (y-indexeddb's clearData does not wait for the deletion itself.)
    await clearDocument(persistence.name);
  }

  dispose(): void {
    this.disposed = true;
    if (this.queryTimer !== null) clearTimeout(this.queryTimer);
    this.queryTimer = null;
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    this.provider.off('status', this.onStatus);
    this.provider.off('connection-close', this.onSocketClosed);
    this.listeners.clear();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    // From the server, or restored from the browser (counted from the stored count instead).
    if (origin === this.provider || (origin !== null && origin === this.persistence)) return;
    if (this.currentMode === 'read') {
      this.divergedWhileReadOnly = true;
      return;
    }
    const number = this.ledger.change();
    if (this.currentMode === 'write' && this.socketOpen()) {
      if (this.ledger.follows(number)) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageSync);
        syncProtocol.writeUpdate(encoder, update);
        this.provider.ws!.send(encoding.toUint8Array(encoder));
        this.ledger.sentThrough(number);
        this.scheduleQuery();
      } else {
        // Earlier changes have not been on this socket yet (the server's state is not in):
        // send everything it lacks, in one go.
        this.sendMissing();
      }
    }
    this.storeUnsentCount();
    this.notify();
  };

  /** What the server sent in a transaction is, by definition, held by the server. */
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin !== this.provider) return;
    for (const [client, clock] of transaction.afterState) {
      if (clock > (transaction.beforeState.get(client) ?? 0) && clock > (this.serverKnown.get(client) ?? 0)) {
        this.serverKnown.set(client, clock);
      }
    }
  };

  private readonly onStatus = ({ status }: { status: string }): void => {
    // The provider sends its own sync step 1 right after this event; the ledger expects that.
    if (status === 'connected') this.ledger.socketOpened();
  };

  private readonly onSocketClosed = (): void => {
    this.ledger.socketClosed();
    if (this.queryTimer !== null) clearTimeout(this.queryTimer);
    this.queryTimer = null;
    this.notify();
  };

  /**
   * Replaces y-websocket's handler for sync messages. It reads the same three messages, but
   * writes no reply into `encoder` (an empty encoder is not sent): replies that carry changes
   * are sent by `sendMissing`, and only in write mode.
   */
  private readonly handleSyncMessage = (
    _encoder: encoding.Encoder,
    decoder: decoding.Decoder,
    provider: WebsocketProvider,
    emitSynced: boolean,
  ): void => {
    switch (decoding.readVarUint(decoder)) {
      case syncProtocol.messageYjsSyncStep1: {
        // The server's state vector: what it holds right now.
        mergeStateVectors(this.serverKnown, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
        this.serverHeard = true;
        this.countUnconfirmedItems();
        // The stock client answers with everything the server lacks; so do we, when writing.
        if (this.currentMode === 'write') this.sendMissing();
        this.notify();
        return;
      }
      case syncProtocol.messageYjsSyncStep2: {
        syncProtocol.readSyncStep2(decoder, this.doc, provider);
        const confirmed = this.ledger.answered();
        if (confirmed) mergeStateVectors(this.serverKnown, confirmed);
        if (emitSynced && !provider.synced) provider.synced = true;
        if (this.ledger.needsQuery()) this.scheduleQuery();
        this.storeUnsentCount();
        this.notify();
        return;
      }
      case syncProtocol.messageYjsUpdate:
        syncProtocol.readUpdate(decoder, this.doc, provider);
        return;
    }
  };

  /** Sends, as a sync step 2, every change the server is not known to hold. */
  private sendMissing(): void {
    if (this.currentMode !== 'write' || !this.socketOpen()) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep2(encoder, this.doc, Y.encodeStateVector(this.serverKnown));
    this.provider.ws!.send(encoding.toUint8Array(encoder));
    this.ledger.sentAll();
    this.scheduleQuery();
  }

  /** Asks the server for its state after changes were sent; its answer confirms them (UnsentLedger). */
  private scheduleQuery(): void {
    if (this.queryTimer !== null) return;
    this.queryTimer = setTimeout(() => {
      this.queryTimer = null;
      if (!this.socketOpen() || !this.ledger.needsQuery()) return;
      const stateVector = Y.encodeStateVector(this.doc);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(encoder, stateVector);
      this.provider.ws!.send(encoding.toUint8Array(encoder));
      this.ledger.queried(Y.decodeStateVector(stateVector));
    }, QUERY_DELAY_MS);
  }

  /**
   * Text restored from the browser whose count was lost (the page died between storing the
   * text and storing the count) still counts: items the server does not hold are unsent.
   */
  private countUnconfirmedItems(): void {
    if (!this.serverHeard || this.ledger.unsent > 0 || this.currentMode === 'read') return;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
      if (clock > (this.serverKnown.get(client) ?? 0)) {
        this.ledger.restore(1);
        return;
      }
    }
  }

  private storeUnsentCount(): void {
    const unsent = this.ledger.unsent;
    if (!this.persistence || unsent === this.storedUnsent) return;
    this.storedUnsent = unsent;
    void this.persistence.set(UNSENT_KEY, unsent).catch(() => undefined);
  }

  private socketOpen(): boolean {
    const ws = this.provider.ws;
    return this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
