import { z } from 'zod';
import { IdSchema } from './community.js';

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
 * without `reference` (absent, not null) the next reference for the community and year.
 */
export const CreateCaseInputSchema = CaseSchema.omit({ id: true, communityId: true, status: true }).extend({
  number: CaseNumberSchema.optional(),
  status: CaseStatusSchema.default('utkast'),
  caseOfficers: CaseSchema.shape.caseOfficers.default([]),
  attachments: CaseSchema.shape.attachments.default([]),
  documentDate: CaseSchema.shape.documentDate.default(null),
  meetingDate: CaseSchema.shape.meetingDate.default(null),
  reference: CaseSchema.shape.reference.optional(),
});
export type CreateCaseInput = z.input<typeof CreateCaseInputSchema>;

export const UpdateCaseInputSchema = CaseSchema.omit({ id: true, communityId: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'minst ett felt må endres' });
export type UpdateCaseInput = z.infer<typeof UpdateCaseInputSchema>;
