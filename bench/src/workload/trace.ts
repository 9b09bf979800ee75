/**
 * The real editing traces in shared/bench-data (Joseph Gentle's "editing-traces", CC BY 4.0):
 * loading, checking that a replay reaches the recorded end state, and turning the patches into
 * keystrokes for the simulated editors.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';

/** [position, characters deleted, text inserted] */
export type Patch = [number, number, string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: Array<{ time: string; patches: Patch[] }>;
}

export interface ConcurrentTrace {
  kind: 'concurrent';
  endContent: string;
  numAgents: number;
  txns: Array<{ parents: number[]; agent: number; time: string; patches: Patch[] }>;
}

export function benchDataDir(): string {
  const fromEnv = process.env.BENCH_DATA_DIR;
  if (fromEnv) return fromEnv;
  // bench/dist/workload -> repo root -> ../shared/bench-data
  const candidates = [
    path.resolve(import.meta.dirname, '../../../../shared/bench-data'),
    path.resolve(import.meta.dirname, '../../../shared/bench-data'),
    '/work/shared/bench-data',
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'automerge-paper.json.gz')));
  if (!found) throw new Error('bench-data not found; set BENCH_DATA_DIR');
  return found;
}

function readGzJson<T>(file: string): T {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(benchDataDir(), file))).toString('utf8')) as T;
}

export const loadAutomergePaper = () => readGzJson<SequentialTrace>('automerge-paper.json.gz');
export const loadClownschool = () => readGzJson<ConcurrentTrace>('clownschool.json.gz');

/** Every patch of a sequential trace, in order. */
export function flattenPatches(trace: SequentialTrace): Patch[] {
  return trace.txns.flatMap((txn) => txn.patches);
}

/**
 * A new paragraph at the end of a section document, holding a text run: where one typist
 * types. Samråd accepts only the editor's document shape (a paragraph's text in the
 * 'default' fragment); the peers accept anything, so every server gets the same bytes.
 */
export function appendParagraph(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('default');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(fragment.length, [paragraph]);
  return text;
}

/** The section's text, paragraphs joined without separator (one typist: that typist's text). */
export function paragraphsText(doc: Y.Doc): string {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlHook ? '' : child.toJSON()))
            .join('')
        : '',
    )
    .join('');
}

export function applyPatch(text: Y.Text, [position, deleted, inserted]: Patch): void {
  if (deleted > 0) text.delete(position, deleted);
  if (inserted.length > 0) text.insert(position, inserted);
}

/** Plain-string replay: what the document reads after the first `count` patches. */
export function contentAfter(start: string, patches: Patch[], count = patches.length): string {
  let content = start;
  for (let i = 0; i < count; i++) {
    const [position, deleted, inserted] = patches[i]!;
    content = content.slice(0, position) + inserted + content.slice(position + deleted);
  }
  return content;
}

/** Replays the sequential trace through a Y.Text, one transaction per patch. */
export function verifySequential(trace: SequentialTrace): { patches: number; ok: boolean } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, trace.startContent);
  const patches = flattenPatches(trace);
  for (const patch of patches) doc.transact(() => applyPatch(text, patch));
  const ok = text.toString() === trace.endContent;
  doc.destroy();
  return { patches: patches.length, ok };
}

/**
 * Replays the concurrent trace as its agents did: each transaction is applied to a replica of
 * its author that holds exactly the transactions it descends from, and the replicas' updates
 * are merged at the end. Reaching endContent shows the keystrokes are a faithful CRDT workload.
 */
export function verifyConcurrent(trace: ConcurrentTrace): { txns: number; ok: boolean } {
  const updates: Uint8Array[] = new Array<Uint8Array>(trace.txns.length);
  const replicas = new Map<number, { doc: Y.Doc; has: Set<number> }>();
  for (const [index, txn] of trace.txns.entries()) {
    let replica = replicas.get(txn.agent);
    if (!replica) {
      replica = { doc: new Y.Doc(), has: new Set() };
      replicas.set(txn.agent, replica);
    }
    // Bring the replica up to the transaction's parents: everything they descend from that it lacks.
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (replica.has.has(parent)) continue;
      replica.has.add(parent);
      missing.push(parent);
      stack.push(...trace.txns[parent]!.parents);
    }
    missing.sort((a, b) => a - b);
    for (const parent of missing) Y.applyUpdate(replica.doc, updates[parent]!);
    const before = Y.encodeStateVector(replica.doc);
    const text = replica.doc.getText('t');
    replica.doc.transact(() => {
      for (const patch of txn.patches) applyPatch(text, patch);
    });
    updates[index] = Y.encodeStateAsUpdate(replica.doc, before);
    replica.has.add(index);
  }
  const merged = new Y.Doc();
  Y.applyUpdate(merged, Y.mergeUpdates(updates));
  const ok = merged.getText('t').toString() === trace.endContent;
  for (const { doc } of replicas.values()) doc.destroy();
  merged.destroy();
  return { txns: trace.txns.length, ok };
}

/**
 * Builds the stored state of a section after `count` trace patches, one update per patch,
 * so tombstones and the item structure are those of real typing.
 */
export function typedUpdates(patches: Patch[], count: number): { updates: Uint8Array[]; content: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = appendParagraph(doc);
  for (let i = 0; i < count; i++) doc.transact(() => applyPatch(text, patches[i % patches.length]!));
  const content = text.toJSON();
  doc.destroy();
  return { updates, content };
}
