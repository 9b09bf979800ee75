import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { CaseStatusSchema, type CaseStatus } from './case.js';
import { IdSchema, SideSchema, type Side } from './community.js';

/** The section whose wording both sides approve; the two assessments lock with it. */
export const CONSENSUS_SECTION_KIND = 'innstilling';

/** One side's approval of the exact consensus wording (by its content hash). */
export const ApprovalSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  side: SideSchema,
  userId: IdSchema,
  userName: z.string(),
  contentHash: z.string(),
  approvedAt: z.string(),
  voidedAt: z.string().nullable(),
  /** Why the approval fell away: the text changed, the lock was reopened, or the case left the decision round. */
  voidReason: z.enum(['text-changed', 'reopened', 'status-changed']).nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApproveInputSchema = z.object({
  /** The hash of the wording the user saw when approving; a stale one is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'ugyldig innholdsnøkkel'),
});

export const ReopenRequestInputSchema = z.object({
  reason: z.string().trim().min(3, 'skriv hvorfor teksten bør åpnes').max(2000),
});

/**
 * A request one side makes with a reason and a member of the other side confirms: reopening a
 * locked wording, or correcting a published case. The confirmation fields stay null until then.
 */
export interface SideRequest {
  id: string;
  caseId: string;
  side: Side;
  requestedBy: string;
  requestedByName: string;
  reason: string;
  requestedAt: string;
  confirmedBy: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
}

export type ReopenRequest = SideRequest;

export interface SectionLock {
  sectionId: string;
  lockedAt: string;
  contentHash: string;
}

/**
 * Whether one member of each side may approve for that side ('any-member'), or only the
 * approvers the community has named for it ('named-approver').
 */
export const ApprovalPolicySchema = z.enum(['any-member', 'named-approver']);
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;

export interface NamedApprover {
  side: Side;
  userId: string;
  userName: string;
}

export interface ConsensusSettings {
  communityId: string;
  policy: ApprovalPolicy;
  approvers: NamedApprover[];
}

export const ConsensusSettingsInputSchema = z.object({
  policy: ApprovalPolicySchema,
  approvers: z
    .array(z.object({ side: SideSchema, userId: IdSchema }))
    .max(50)
    .default([]),
});
export type ConsensusSettingsInput = z.input<typeof ConsensusSettingsInputSchema>;

/**
 * Why approvals fell away, with what was approved and what the text became, so the UI can say
 * "godkjenning falt bort fordi teksten ble endret" and highlight the change.
 */
export interface ApprovalVoid {
  id: string;
  caseId: string;
  reason: NonNullable<Approval['voidReason']>;
  voidedAt: string;
  /** Who made the change or the decision that voided the approvals, when known. */
  changedBy: string | null;
  changedByName: string | null;
  approvedHash: string | null;
  currentHash: string | null;
  approvedText: string | null;
  currentText: string | null;
  /** Words added and removed between the approved and the current text. */
  diff: WordChange[];
}

/** The consensus state of a case as every client sees it (GET …/consensus and the `consensus` event). */
export interface ConsensusState {
  caseId: string;
  status: CaseStatus;
  /** False for an orienteringssak: it needs no approval. */
  needsConsensus: boolean;
  consensusSectionId: string | null;
  /** Hash of the consensus wording as the server has it now; send it back when approving. */
  currentHash: string | null;
  /** Every approval ever given on the case, the void ones too (history). */
  approvals: Approval[];
  locks: SectionLock[];
  oneStep: { kommune: boolean; helseforetak: boolean };
  openReopenRequest: ReopenRequest | null;
  reopenHistory: ReopenRequest[];
  lastVoid: ApprovalVoid | null;
  policy: ApprovalPolicy;
  approvers: NamedApprover[];
  /** Where the secretariat may move the case now (decideTransition). */
  nextStatuses: CaseStatus[];
}

/** What GET /api/cases/:caseId/consensus answers. */
export type ConsensusView = ConsensusState;

export const StatusChangeInputSchema = z.object({ status: CaseStatusSchema });
export type StatusChangeInput = z.infer<typeof StatusChangeInputSchema>;

/** The parts of a Yjs XML tree the content encoding reads (structural, so this package needs no yjs). */
export interface ContentText {
  toDelta(): Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
}
export interface ContentElement {
  nodeName: string;
  getAttributes(): Record<string, unknown>;
  toArray(): ContentNode[];
}
export type ContentNode = ContentText | ContentElement | { toJSON(): unknown };
export interface ContentFragment {
  toArray(): ContentNode[];
}

/** A node of the content tree, shaped like ProseMirror's JSON. */
export type ContentTreeNode =
  | { type: string; attrs: Record<string, unknown>; content: ContentTreeNode[] }
  | { type: 'text'; text: string; marks: Array<{ type: string; attrs: unknown }> }
  | { type: '#other'; value: unknown };

const isText = (node: ContentNode): node is ContentText => typeof (node as ContentText).toDelta === 'function';
const isElement = (node: ContentNode): node is ContentElement =>
  typeof (node as ContentElement).nodeName === 'string' && typeof (node as ContentElement).toArray === 'function';

/** JSON with object keys sorted at every depth, so equal trees always give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function textRuns(text: ContentText): ContentTreeNode[] {
  const nodes: ContentTreeNode[] = [];
  for (const op of text.toDelta()) {
    if (typeof op.insert !== 'string') {
      // An embedded object: kept as itself, never dropped, so it cannot be added or removed unseen.
      const embed = op.insert as { toJSON?: () => unknown } | null;
      nodes.push({ type: '#other', value: typeof embed?.toJSON === 'function' ? embed.toJSON() : embed });
      continue;
    }
    if (op.insert === '') continue;
    const marks = Object.entries(op.attributes ?? {})
      .filter(([, attrs]) => attrs !== null && attrs !== undefined)
      .map(([type, attrs]) => ({ type, attrs }))
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    const last = nodes[nodes.length - 1];
    // Yjs may split a run where formatting items sit without changing it; ProseMirror does not.
    if (last?.type === 'text' && 'marks' in last && canonicalJson(last.marks) === canonicalJson(marks))
      last.text += op.insert;
    else nodes.push({ type: 'text', text: op.insert, marks });
  }
  return nodes;
}

function treeOf(node: ContentNode): ContentTreeNode[] {
  if (isText(node)) return textRuns(node);
  if (isElement(node))
    return [{ type: node.nodeName, attrs: node.getAttributes(), content: node.toArray().flatMap(treeOf) }];
  return [{ type: '#other', value: node.toJSON() }];
}

/** A section's Yjs XML fragment as a ProseMirror-JSON-like tree: types, attributes, text runs with their marks. */
export function contentTree(fragment: ContentFragment): ContentTreeNode[] {
  return fragment.toArray().flatMap(treeOf);
}

/**
 * Names the encoding inside what is hashed, so a hash of this encoding can never equal one of
 * the XML-string encoding used before (see consensus/hash-upgrade.ts on the server).
 */
export const CONTENT_ENCODING = 'samraad-content-tree-v2';

/**
 * The exact content an approval is bound to: the section's content tree as canonical JSON.
 * Not `XmlFragment.toString()`: that writes text unescaped, so one paragraph whose text is
 * `X</paragraph><paragraph>Y` serialised exactly like two paragraphs "X" and "Y". In JSON
 * a string is quoted and escaped, so structure and text cannot be confused. Server and UI
 * encode the same way, so a hash the UI computed from what the user saw matches the
 * server's only if the wording is identical.
 */
export function consensusContent(fragment: ContentFragment): string {
  return `${CONTENT_ENCODING}\n${canonicalJson(contentTree(fragment))}`;
}

/** Several sections as one signed text (a declaration), in the order given. */
export function combinedContent(fragments: readonly ContentFragment[]): string {
  return `${CONTENT_ENCODING}\n${canonicalJson(fragments.map(contentTree))}`;
}

/**
 * SHA-256 (hex) of the consensus content, the same in browser and Node. Not Web Crypto: the
 * browser offers `crypto.subtle` only on https or localhost, and approving must also work
 * when the app is opened on a plain-http address in the office network.
 */
export function hashConsensusContent(content: string): Promise<string> {
  // A promise although it computes at once: callers were written for Web Crypto's async digest.
  return Promise.resolve(bytesToHex(sha256(new TextEncoder().encode(content))));
}

export interface SectionVersion {
  id: string;
  caseId: string;
  sectionId: string;
  label: string;
  kind: 'auto' | 'named';
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  text: string;
  /** For a version saved after an editing session: who wrote in it. Empty for the others. */
  authors: Array<{ userId: string; name: string }>;
}

export const NamedVersionInputSchema = z.object({ label: z.string().trim().min(1, 'gi versjonen et navn').max(200) });

/**
 * A node of section text in Tiptap's own JSON form (ProseMirror's `Node.toJSON`), read from the
 * stored document by y-tiptap, so headings, marks, lists, links and tables survive into every
 * view and export. Types and attributes are those of SECTION_NODES / SECTION_MARKS.
 */
export interface SectionNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: SectionNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** A top-level block of a section's text (paragraph, heading, list, table …), for showing it without an editor. */
export type SectionBlock = SectionNode;

/** The text of nodes, one line per paragraph, heading or code block (a table cell's paragraphs included). */
export function sectionNodesText(nodes: readonly SectionNode[]): string {
  const lines: string[] = [];
  const inline = (node: SectionNode): string =>
    node.type === 'text'
      ? (node.text ?? '')
      : node.type === 'hardBreak'
        ? '\n'
        : (node.content ?? []).map(inline).join('');
  const visit = (node: SectionNode) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') lines.push(inline(node));
    else (node.content ?? []).forEach(visit);
  };
  nodes.forEach(visit);
  return lines.join('\n');
}

/** GET …/versions/:versionId: the version with its text as blocks. */
export interface SectionVersionDetail extends SectionVersion {
  blocks: SectionBlock[];
}

const DIFF_QUERY_TEXT = 'oppgi to versjoner å sammenligne (from og to)';

/** GET …/versions/diff?from=&to=: the two versions to compare, by id. */
export const VersionDiffQuerySchema = z.object({
  from: z.string({ error: DIFF_QUERY_TEXT }).min(1, DIFF_QUERY_TEXT),
  to: z.string({ error: DIFF_QUERY_TEXT }).min(1, DIFF_QUERY_TEXT),
});

/** GET …/versions/diff?from=&to=: words added and removed, and who edited in between. */
export interface VersionDiff {
  from: SectionVersion;
  to: SectionVersion;
  changes: WordChange[];
  /** People who changed the section between the two versions, as the audit log knows them. */
  authors: Array<{ userId: string; name: string }>;
}

export interface WordChange {
  type: 'same' | 'added' | 'removed';
  text: string;
}

export interface DecisionRecord {
  caseId: string;
  caseNumber: string;
  title: string;
  status: CaseStatus;
  /** The sealed consensus wording, as plain text and as blocks. */
  wording: string;
  blocks: SectionBlock[];
  contentHash: string;
  lockedAt: string;
  /** The approvals the lock rests on: one per side, for `contentHash`. */
  approvals: Approval[];
  lockedSections: SectionLock[];
  reopenHistory: ReopenRequest[];
}

/** Word-level diff (longest common subsequence), for "words added and removed". */
export function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const changes: WordChange[] = [];
  const push = (type: WordChange['type'], text: string) => {
    const last = changes[changes.length - 1];
    if (last && last.type === type) last.text += text;
    else changes.push({ type, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('removed', a[i++]!);
    } else {
      push('added', b[j++]!);
    }
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return changes;
}
