import { useState, type FormEvent } from 'react';
import {
  MAX_IMPORT_BYTES,
  type Body,
  type CaseImportPreview,
  type CommunityWithOrganisations,
  type ImportedSection,
} from '@samraad/schema';
import { createCase, previewCaseImport } from '../api/client.js';
import { format, messages, ownerLabel, sectionKindLabel } from '../i18n/messages.js';
import { navigate, paths } from '../routing.js';
import { FormProblem } from '../ui/FormProblem.js';
import { SectionBlockView } from '../ui/SectionBlocks.js';
import { CaseFields } from './CaseFields.js';
import { checkNewCase, type CaseFormValues } from './caseForm.js';
import { useCaseForm } from './useCaseForm.js';
import box from './caseFormBox.module.css';
import styles from './ImportCaseForm.module.css';

interface ImportCaseFormProps {
  community: CommunityWithOrganisations;
  bodies: readonly Body[];
  onCancel: () => void;
}

/**
 * "Importer fra Word": the secretariat picks a case paper (.docx), the server reads it, and the
 * person reviews the header fields and the sections it found before the case is created.
 */
export function ImportCaseForm({ community, bodies, onCancel }: ImportCaseFormProps) {
  const [preview, setPreview] = useState<CaseImportPreview | null>(null);
  return (
    <section className={box.box} aria-labelledby="import-case-title">
      <h2 id="import-case-title">{preview ? messages.caseImport.reviewTitle : messages.caseImport.title}</h2>
      {preview ? (
        <ReviewImport
          community={community}
          bodies={bodies}
          preview={preview}
          onAnother={() => setPreview(null)}
          onCancel={onCancel}
        />
      ) : (
        <ChooseFile communityId={community.id} onRead={setPreview} onCancel={onCancel} />
      )}
    </section>
  );
}

function ChooseFile({
  communityId,
  onRead,
  onCancel,
}: {
  communityId: string;
  onRead: (preview: CaseImportPreview) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function read(event: FormEvent) {
    event.preventDefault();
    if (!file) return setProblem(messages.caseImport.noFile);
    // Said here at once; the server refuses a larger upload all the same.
    if (file.size > MAX_IMPORT_BYTES) {
      return setProblem(format(messages.caseImport.tooLarge, { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 }));
    }
    setBusy(true);
    setProblem(null);
    try {
      onRead(await previewCaseImport(communityId, file));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={read} noValidate aria-busy={busy}>
      <p className="form__hint">{messages.caseImport.intro}</p>
      <div className="form__field">
        <label className="form__label" htmlFor="import-case-file">
          {messages.caseImport.file}
        </label>
        <input
          id="import-case-file"
          className="form__input"
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setProblem(null);
          }}
        />
      </div>
      <FormProblem problem={problem} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? messages.caseImport.reading : messages.caseImport.read}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {messages.caseForm.cancel}
        </button>
      </div>
    </form>
  );
}

/** The preview's header as the form holds it (lists one per line, as on the other case forms). */
function formValues({ header }: CaseImportPreview, fallbackBody: string): CaseFormValues {
  return {
    title: header.title,
    kind: header.kind,
    body: header.body || fallbackBody,
    caseOfficers: header.caseOfficers.join('\n'),
    documentDate: header.documentDate ?? '',
    meetingDate: header.meetingDate ?? '',
    number: header.number ?? '',
    reference: header.reference ?? '',
    attachments: header.attachments.map((attachment) => attachment.title).join('\n'),
  };
}

function ReviewImport({
  community,
  bodies,
  preview,
  onAnother,
  onCancel,
}: {
  community: CommunityWithOrganisations;
  bodies: readonly Body[];
  preview: CaseImportPreview;
  onAnother: () => void;
  onCancel: () => void;
}) {
  const firstBody = (bodies.find((body) => body.kind === 'partnerskapsmote') ?? bodies[0])?.caseBody ?? '';
  const form = useCaseForm(formValues(preview, firstBody));
  const [included, setIncluded] = useState(() => preview.sections.map(() => true));
  // The paper's body may be one the community has no meeting body for; it is offered as it is.
  const bodyOptions = [
    ...bodies.map((body) => ({ value: body.caseBody, label: body.name })),
    ...(preview.header.body && !bodies.some((body) => body.caseBody === preview.header.body)
      ? [{ value: preview.header.body, label: preview.header.body }]
      : []),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkNewCase(form.values);
    const sections: ImportedSection[] = preview.sections.filter((_, index) => included[index]);
    void form.submit(checked, async (input) => {
      const created = await createCase(community.id, { ...input, sections });
      navigate(paths.case(created.id));
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="form__hint">{messages.caseImport.reviewIntro}</p>
      <CaseFields
        mode="new"
        values={form.values}
        problems={form.problems}
        onChange={form.change}
        bodies={bodyOptions}
      />
      <h3>{messages.caseImport.sectionsTitle}</h3>
      {preview.sections.length === 0 ? (
        <p>{messages.caseImport.noSections}</p>
      ) : (
        <ol className={styles.sections} aria-label={messages.caseImport.sectionsTitle}>
          {preview.sections.map((section, index) => (
            <li key={index} className={styles.section} data-left-out={!included[index]}>
              <h4 className={styles.heading}>
                <input
                  type="checkbox"
                  checked={included[index]}
                  aria-label={format(messages.caseImport.include, { title: section.title })}
                  onChange={(event) =>
                    setIncluded((current) => current.map((value, at) => (at === index ? event.target.checked : value)))
                  }
                />
                {section.title}
              </h4>
              <p className={styles.meta}>
                {format(messages.caseImport.sectionMeta, {
                  kind: sectionKindLabel(section.kind),
                  owner: ownerLabel(section.owner, community.hospitalName),
                })}
              </p>
              <div className={styles.preview}>
                {section.content.length === 0 ? (
                  <p>{messages.caseImport.emptySection}</p>
                ) : (
                  section.content.map((block, at) => <SectionBlockView key={at} block={block} />)
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <FormProblem problem={form.problem} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {messages.caseImport.create}
        </button>
        <button type="button" className="button" onClick={onAnother}>
          {messages.caseImport.another}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {messages.caseForm.cancel}
        </button>
      </div>
    </form>
  );
}
