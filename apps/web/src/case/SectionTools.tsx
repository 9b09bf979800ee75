import { lazy, Suspense, useState, type MouseEvent } from 'react';
import type { Section, SectionChangeDecision } from '@samraad/schema';
import { format, messages, sectionChangeRefusal } from '../i18n/messages.js';
import { FormProblem } from '../ui/FormProblem.js';
import { ConfirmSectionDelete } from './ConfirmSectionDelete.js';
import { movePlan, sectionActions } from './sectionPlan.js';
import { deleteSection, updateSection } from './sectionsApi.js';
import styles from './SectionTools.module.css';

// Loaded when a section is renamed: it brings zod, which the case page otherwise does without.
const RenameSectionForm = lazy(() =>
  import('./RenameSectionForm.js').then((module) => ({ default: module.RenameSectionForm })),
);

interface SectionToolsProps {
  caseId: string;
  section: Section;
  /** All the case's sections in paper order, for moving and for the rule. */
  sections: readonly Section[];
  locked: ReadonlySet<string>;
  /** After a change has been stored: re-read the sections. */
  onChanged: () => Promise<void>;
  /** Tells screen reader users what happened (the page has one live region). */
  announce: (message: string) => void;
}

const t = messages.sectionTools;

/**
 * The secretariat's controls for one section: rename, move up or down, delete after a
 * confirmation. A control the shared rule refuses is disabled, with the reason beside it;
 * should the server still refuse (the case was locked meanwhile), its message is shown.
 */
export function SectionTools({ caseId, section, sections, locked, onChanged, announce }: SectionToolsProps) {
  const [mode, setMode] = useState<'idle' | 'renaming' | 'deleting'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = sectionActions(sections, locked, section);
  const index = sections.findIndex((candidate) => candidate.id === section.id);
  const reasons = [...new Set([actions.rename, actions.moveUp, actions.moveDown, actions.remove].flatMap(refusalText))];
  const named = { title: section.title };

  /** Stores a change and re-reads the sections; false (with the problem shown) when refused. */
  async function change(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function move(event: MouseEvent<HTMLButtonElement>, by: -1 | 1) {
    const button = event.currentTarget;
    const moved = await change(async () => {
      // Each position is its own change on the server, sent in order.
      for (const { sectionId, position } of movePlan(sections, index, by))
        await updateSection(caseId, sectionId, { position });
    });
    if (!moved) return;
    announce(format(t.moved, { title: section.title, position: index + by + 1, count: sections.length }));
    // Moving the section in the page can take focus from the button; give it back, or to its
    // neighbour when it has just reached the top or the bottom.
    requestAnimationFrame(() => {
      const target = button.disabled
        ? button.parentElement?.querySelector<HTMLButtonElement>('button:not(:disabled)')
        : button;
      target?.focus();
    });
  }

  async function rename(newTitle: string) {
    if (!(await change(() => updateSection(caseId, section.id, { title: newTitle })))) return;
    setMode('idle');
    announce(format(t.renamed, { title: newTitle }));
  }

  async function remove() {
    if (await change(() => deleteSection(caseId, section.id))) announce(format(t.deleted, named));
  }

  // The reason also as the button's tooltip, for whoever points at the disabled button.
  const state = (decision: SectionChangeDecision | null) => ({
    disabled: busy || !decision?.allowed,
    title: refusalText(decision)[0],
  });

  return (
    <div className={styles.tools} role="group" aria-label={format(t.label, named)}>
      {mode === 'idle' && (
        <div className={styles.buttons}>
          <button
            type="button"
            className="button button--small"
            aria-label={format(t.renameLabel, named)}
            {...state(actions.rename)}
            onClick={() => setMode('renaming')}
          >
            {t.rename}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-label={format(t.moveUpLabel, named)}
            {...state(actions.moveUp)}
            onClick={(event) => void move(event, -1)}
          >
            {t.moveUp}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-label={format(t.moveDownLabel, named)}
            {...state(actions.moveDown)}
            onClick={(event) => void move(event, 1)}
          >
            {t.moveDown}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-label={format(t.deleteLabel, named)}
            {...state(actions.remove)}
            onClick={() => setMode('deleting')}
          >
            {t.delete}
          </button>
        </div>
      )}
      {mode === 'renaming' && (
        <Suspense fallback={null}>
          <RenameSectionForm
            section={section}
            busy={busy}
            onRename={(newTitle) => void rename(newTitle)}
            onCancel={() => setMode('idle')}
          />
        </Suspense>
      )}
      {mode === 'deleting' && (
        <ConfirmSectionDelete
          section={section}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setMode('idle')}
        />
      )}
      {reasons.map((reason) => (
        <p key={reason} className={styles.reason}>
          {reason}
        </p>
      ))}
      <FormProblem problem={problem} />
    </div>
  );
}

function refusalText(decision: SectionChangeDecision | null): string[] {
  return decision && !decision.allowed ? [sectionChangeRefusal(decision.reason)] : [];
}
