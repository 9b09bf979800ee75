import { z } from 'zod';
import { IdSchema, SideSchema } from './community.js';

/** The kinds of section the case papers use. */
export const SectionKindSchema = z.enum([
  'innstilling',
  'bakgrunn',
  'saksfremstilling',
  'innledning',
  'vurdering',
  'erklaering',
  'annet',
]);
export type SectionKind = z.infer<typeof SectionKindSchema>;

/** Who writes a section: one side (its assessment) or both ('shared'). */
export const SectionOwnerSchema = z.union([SideSchema, z.literal('shared')]);
export type SectionOwner = z.infer<typeof SectionOwnerSchema>;

export const SectionSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  kind: SectionKindSchema,
  title: z.string().min(1).max(200),
  owner: SectionOwnerSchema,
  position: z.number().int().min(0),
});
export type Section = z.infer<typeof SectionSchema>;

export const CreateSectionInputSchema = SectionSchema.pick({ kind: true, title: true, owner: true }).extend({
  position: SectionSchema.shape.position.optional(),
});
export type CreateSectionInput = z.input<typeof CreateSectionInputSchema>;

export const UpdateSectionInputSchema = SectionSchema.pick({ title: true, owner: true, position: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'minst ett felt må endres' });
export type UpdateSectionInput = z.infer<typeof UpdateSectionInputSchema>;
