import { z } from 'zod';
import { IdSchema } from './community.js';
import { SectionContentSchema } from './case-import.js';
import { CreateSectionInputSchema, type Section } from './section.js';

/** Case number per body and year as printed on the papers: "04-2022". */
export const CaseNumberSchema = z
  .string()
  .regex(/^\d{2,3}-\d{4}$/, 'saksnummer skrives som NN-ÅÅÅÅ, for eksempel 04-2022');

/** Archive reference: "2022/2936". */
export const CaseReferenceSchema = z
  .string()
  .regex(/^\d{4}\/\d{1,6}$/, 'referanse skrives som ÅÅÅÅ/NNNN, for eksempel 2022/2936');

export const CaseKindSchema = z.enum(['beslutningssak', 'drøftingssak', 'orienteringssak']);
export type CaseKind = z.infer<typeof CaseKindSchema>;

export const CaseStatusSchema = z.enum([
  'utkast',
  'til_drofting',
  'til_beslutning',
  'konsensus',
  'publisert',
  'trukket',
]);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** ISO calendar date (YYYY-MM-DD); the UI prints it the Norwegian way. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dato skrives som ÅÅÅÅ-MM-DD');

export const AttachmentSchema = z.object({
  title: z.string().min(1).max(300),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const CaseSchema = z.object({
  id: IdSchema,
  communityId: IdSchema,
  number: CaseNumberSchema,
  /** The body handling the case, as in "Partnerskapsmøte sak 04-2022". */
  body: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  kind: CaseKindSchema,
  status: CaseStatusSchema,
  caseOfficers: z.array(z.string().min(1).max(200)).max(20),
  documentDate: IsoDateSchema.nullable(),
  meetingDate: IsoDateSchema.nullable(),
  reference: CaseReferenceSchema.nullable(),
  attachments: z.array(AttachmentSchema).max(50),
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * Without `number` the server gives the next free number for the body and year ("05-2026");
 * without `reference` (absent, not null) the next reference for the community and year;
 * without `sections` the standard sections of the kind (`defaultSectionsFor`). An empty
 * list is a case without sections, on purpose. A section may bring its starting text
 * (`content`, an imported paper's), which the server normalises to the editor's schema.
 */
export const CreateCaseInputSchema = CaseSchema.omit({ id: true, communityId: true, status: true }).extend({
  number: CaseNumberSchema.optional(),
  status: CaseStatusSchema.default('utkast'),
  caseOfficers: CaseSchema.shape.caseOfficers.default([]),
  attachments: CaseSchema.shape.attachments.default([]),
  documentDate: CaseSchema.shape.documentDate.default(null),
  meetingDate: CaseSchema.shape.meetingDate.default(null),
  reference: CaseSchema.shape.reference.optional(),
  sections: z
    .array(CreateSectionInputSchema.extend({ content: SectionContentSchema.optional() }))
    .max(30)
    .optional(),
});
export type CreateCaseInput = z.input<typeof CreateCaseInputSchema>;

export const UpdateCaseInputSchema = CaseSchema.omit({ id: true, communityId: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'minst ett felt må endres' });
export type UpdateCaseInput = z.infer<typeof UpdateCaseInputSchema>;

export type SectionTemplate = Pick<Section, 'kind' | 'title' | 'owner'>;

/**
 * The sections a new case starts with, as the papers of the helsefellesskap lay them out
 * (sak 04-2022): a case the sides decide or discuss has the wording they agree on, the
 * background, each side's own assessment and an introduction; a case for information has
 * only its presentation, since nobody approves it.
 */
export function defaultSectionsFor(kind: CaseKind, hospitalName: string): SectionTemplate[] {
  if (kind === 'orienteringssak') return [{ kind: 'saksfremstilling', title: 'Saksfremstilling', owner: 'shared' }];
  return [
    { kind: 'innstilling', title: 'Innstilling til konsensus', owner: 'shared' },
    { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared' },
    { kind: 'vurdering', title: 'Kommunenes vurdering', owner: 'kommune' },
    // Section titles are at most 200 characters; an unusually long name must not fail the case.
    { kind: 'vurdering', title: `${genitive(hospitalName)} vurdering`.slice(0, 200), owner: 'helseforetak' },
    { kind: 'innledning', title: 'Innledning', owner: 'shared' },
  ];
}

/** Norwegian genitive: "Nordlandssykehuset HF" → "Nordlandssykehuset HFs"; after s, x or z an apostrophe. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? `${name}'` : `${name}s`;
}
