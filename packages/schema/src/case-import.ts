import { z } from 'zod';
import type { CaseKind } from './case.js';
import type { SectionNode } from './consensus.js';
import type { SectionKind, SectionOwner } from './section.js';

/** The largest case paper (.docx) the server reads for an import. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** How deep section text may nest (a table in a list in a quote …); far beyond any real paper. */
const MAX_NODE_DEPTH = 32;

/**
 * Whether a value has the shape of a section node: a type, optional plain attributes, marks,
 * text and children, no deeper than MAX_NODE_DEPTH. Checked without recursion on the call
 * stack, so a hostile, deeply nested body is refused rather than overflowing it. Which nodes
 * and marks are allowed where is the server's normalisation's job (the editor's schema).
 */
function isSectionNodeShape(value: unknown): value is SectionNode {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > MAX_NODE_DEPTH || typeof node !== 'object' || node === null || Array.isArray(node)) return false;
    const { type, attrs, content, text, marks } = node as Record<string, unknown>;
    if (typeof type !== 'string' || type.length > 40) return false;
    if (text !== undefined && typeof text !== 'string') return false;
    if (attrs !== undefined && (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))) return false;
    if (marks !== undefined) {
      if (!Array.isArray(marks)) return false;
      for (const mark of marks as unknown[]) {
        if (typeof mark !== 'object' || mark === null || typeof (mark as { type?: unknown }).type !== 'string') {
          return false;
        }
      }
    }
    if (content !== undefined) {
      if (!Array.isArray(content)) return false;
      for (const child of content as unknown[]) pending.push([child, depth + 1]);
    }
  }
  return true;
}

/** A section's starting text, in the editor's JSON form; the server normalises it to the editor's schema. */
export const SectionContentSchema = z
  .array(z.custom<SectionNode>(isSectionNodeShape, { message: 'ugyldig tekst i delen' }))
  .max(5000);

/** One section of an imported case paper, as the review shows it and the creation takes it. */
export interface ImportedSection {
  kind: SectionKind;
  title: string;
  owner: SectionOwner;
  content: SectionNode[];
}

/**
 * POST /api/communities/:communityId/cases/import/preview: what Samråd read from a .docx case
 * paper, for the secretariat to review before the case is created. Fields the paper did not
 * have are empty (null, '' or []); `number` null means the next free one.
 */
export interface CaseImportPreview {
  header: {
    body: string;
    number: string | null;
    title: string;
    kind: CaseKind;
    caseOfficers: string[];
    documentDate: string | null;
    meetingDate: string | null;
    reference: string | null;
    attachments: Array<{ title: string }>;
  };
  sections: ImportedSection[];
}
