import {
  CreateCaseInputSchema,
  UpdateCaseInputSchema,
  type ApiError,
  type Case,
  type CaseKind,
  type CreateCaseInput,
  type UpdateCaseInput,
} from '@samraad/schema';
import { messages } from '../i18n/messages.js';

/**
 * The case header as the form holds it: text the person types. Lists (case officers,
 * attachments) are one per line, since names and titles may well contain commas.
 */
export interface CaseFormValues {
  title: string;
  kind: CaseKind;
  body: string;
  caseOfficers: string;
  documentDate: string;
  meetingDate: string;
  number: string;
  reference: string;
  attachments: string;
}

export type CaseField = keyof CaseFormValues;
export type FieldProblems = Partial<Record<CaseField, string>>;

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

const FIELDS = new Set<string>([
  'title',
  'kind',
  'body',
  'caseOfficers',
  'documentDate',
  'meetingDate',
  'number',
  'reference',
  'attachments',
]);

export function emptyCaseForm(body: string): CaseFormValues {
  return {
    title: '',
    kind: 'beslutningssak',
    body,
    caseOfficers: '',
    documentDate: '',
    meetingDate: '',
    number: '',
    reference: '',
    attachments: '',
  };
}

export function caseFormFrom(theCase: Case): CaseFormValues {
  return {
    title: theCase.title,
    kind: theCase.kind,
    body: theCase.body,
    caseOfficers: theCase.caseOfficers.join('\n'),
    documentDate: theCase.documentDate ?? '',
    meetingDate: theCase.meetingDate ?? '',
    number: theCase.number,
    reference: theCase.reference ?? '',
    attachments: theCase.attachments.map((attachment) => attachment.title).join('\n'),
  };
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * A new case from the form, checked by the schema the server validates with. An empty number
 * or reference is left out, not sent empty: the server then gives the next free one.
 */
export function checkNewCase(values: CaseFormValues): Checked<CreateCaseInput> {
  const input: CreateCaseInput = {
    title: values.title.trim(),
    kind: values.kind,
    body: values.body.trim(),
    caseOfficers: lines(values.caseOfficers),
    documentDate: values.documentDate || null,
    meetingDate: values.meetingDate || null,
    attachments: lines(values.attachments).map((title) => ({ title })),
    ...(values.number.trim() ? { number: values.number.trim() } : {}),
    ...(values.reference.trim() ? { reference: values.reference.trim() } : {}),
  };
  const result = CreateCaseInputSchema.safeParse(input);
  return result.success ? { ok: true, value: input } : { ok: false, problems: fieldProblems(result.error.issues) };
}

/**
 * What the header form changes, as a PATCH with only the changed fields (so two people
 * editing different fields do not overwrite each other's), or null when nothing changed.
 * Here an empty reference means none: the case already has its number and reference.
 */
export function checkHeaderChange(theCase: Case, values: CaseFormValues): Checked<UpdateCaseInput | null> {
  const next = {
    title: values.title.trim(),
    kind: values.kind,
    caseOfficers: lines(values.caseOfficers),
    documentDate: values.documentDate || null,
    meetingDate: values.meetingDate || null,
    reference: values.reference.trim() || null,
    attachments: lines(values.attachments).map((title) => ({ title })),
  };
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(theCase[field as keyof typeof next])) patch[field] = value;
  }
  if (Object.keys(patch).length === 0) return { ok: true, value: null };
  const result = UpdateCaseInputSchema.safeParse(patch);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: fieldProblems(result.error.issues) };
}

/**
 * One sentence per field from the catalogue, whichever rule of the field was broken: the
 * schema's own messages are partly zod's English defaults. Works for the schema's issues in
 * the browser and for the issues of a 400 from the server alike.
 */
export function fieldProblems(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> | string }>): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    const field = String(typeof issue.path === 'string' ? issue.path.split('.')[0] : issue.path[0]);
    if (FIELDS.has(field)) problems[field as CaseField] = messages.caseForm.problems[field as CaseField];
  }
  return problems;
}

/** The fields a 400 from the server names, or null when it names none we show. */
export function serverFieldProblems(body: ApiError | null): FieldProblems | null {
  if (!body?.issues) return null;
  const problems = fieldProblems(body.issues);
  return Object.keys(problems).length > 0 ? problems : null;
}
