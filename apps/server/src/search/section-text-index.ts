import * as Y from 'yjs';
import { parseSectionRoom, sectionRoomName } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { sectionText } from '../sections/content.js';
import { describeFailure } from '../persistence/document-store.js';
import { logger } from '../logging/logger.js';

/** Lower-cased for matching; in JavaScript, since SQLite's LOWER() only knows ASCII. */
export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('nb');
}

/**
 * The plain text of every section, for search. Rewritten a moment after the last change to
 * a section (typing produces many changes a second; search can be a second behind), and
 * filled in on demand for sections nobody has changed since the index existed.
 */
export class SectionTextIndex {
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; doc: Y.Doc }>();

  constructor(
    private readonly storage: Storage,
    private readonly documents: DocumentStore,
    private readonly settleMs = 1_000,
  ) {}

  /** Called after each accepted change to a section's live document. */
  changed(caseId: string, sectionId: string, doc: Y.Doc): void {
    const key = sectionRoomName({ caseId, sectionId });
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.write(caseId, sectionId, sectionText(doc)).catch((error: unknown) => {
        logger.error({ err: describeFailure(error), room: key }, 'søkeindeksen ble ikke oppdatert');
      });
    }, this.settleMs);
    // Pending index writes must not keep a stopping process alive.
    timer.unref?.();
    this.pending.set(key, { timer, doc });
  }

  /** Writes whatever is still waiting, e.g. before a search so it sees the latest text. */
  async flush(): Promise<void> {
    const waiting = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, { timer, doc }] of waiting) {
      clearTimeout(timer);
      const { caseId, sectionId } = parseSectionRoom(key)!;
      await this.write(caseId, sectionId, sectionText(doc));
    }
  }

  /** Indexes the given sections that have no text row yet, from their stored documents. */
  async fillMissing(sections: ReadonlyArray<{ caseId: string; sectionId: string }>): Promise<void> {
    if (sections.length === 0) return;
    const caseIds = [...new Set(sections.map((section) => section.caseId))];
    const known = new Set<string>();
    for (const caseId of caseIds) {
      const rows = await this.storage.db
        .selectFrom('section_texts')
        .select('section_id')
        .where('case_id', '=', caseId)
        .execute();
      for (const row of rows) known.add(`${caseId}\n${row.section_id}`);
    }
    for (const { caseId, sectionId } of sections) {
      if (known.has(`${caseId}\n${sectionId}`)) continue;
      const doc = new Y.Doc();
      for (const update of await this.documents.load(sectionRoomName({ caseId, sectionId })))
        Y.applyUpdate(doc, update);
      await this.write(caseId, sectionId, sectionText(doc));
      doc.destroy();
    }
  }

  private async write(caseId: string, sectionId: string, text: string): Promise<void> {
    await this.storage.db
      .insertInto('section_texts')
      .values({
        case_id: caseId,
        section_id: sectionId,
        text,
        folded_text: foldForSearch(text),
        updated_at: new Date().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['case_id', 'section_id']).doUpdateSet((eb) => ({
          text: eb.ref('excluded.text'),
          folded_text: eb.ref('excluded.folded_text'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
