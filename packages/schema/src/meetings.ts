import { z } from 'zod';
import { CaseKindSchema, CaseStatusSchema, IsoDateSchema } from './case.js';
import type { MentionCandidate } from './comments.js';
import { IdSchema } from './community.js';
import { decideCaseManagement, type Actor, type Decision } from './permissions.js';

/**
 * The bodies a helsefellesskap meets in. Cases keep their body as text ("Partnerskapsmøte",
 * "SSU"), as the papers print it; a body's `caseBody` is that text, so numbering per body
 * and year counts the same cases whichever way they were created.
 */
export const BodyKindSchema = z.enum(['partnerskapsmote', 'dialogmote', 'ssu', 'sekretariat', 'adhoc']);
export type BodyKind = z.infer<typeof BodyKindSchema>;

export const BodySchema = z.object({
  id: IdSchema,
  communityId: IdSchema,
  name: z.string().min(1).max(200),
  /** The body as written on its cases: "Partnerskapsmøte sak 04-2022". */
  caseBody: z.string().min(1).max(100),
  kind: BodyKindSchema,
});
export type Body = z.infer<typeof BodySchema>;

/** A body the secretariat adds, such as an ad hoc working group; its id is the server's. */
export const NewBodyInputSchema = z.object({
  name: z.string().trim().min(1, 'gi organet et navn').max(200, 'navnet kan ha høyst 200 tegn'),
  caseBody: z
    .string()
    .trim()
    .min(1, 'skriv hvordan organet står på sakene, f.eks. «Arbeidsgruppe»')
    .max(100, 'betegnelsen kan ha høyst 100 tegn'),
  kind: BodySchema.shape.kind,
});
export type NewBodyInput = z.input<typeof NewBodyInputSchema>;

/**
 * planlagt: called, not yet held; gjennomført: held (minutes may still be open); avlyst:
 * cancelled. Any status may be set by the secretariat; the minutes' own approval and lock
 * follow the case flow of the minutes case, not this status.
 */
export const MeetingStatusSchema = z.enum(['planlagt', 'gjennomfort', 'avlyst']);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** "digitalt" (any case) marks an online meeting; anything else is a physical place. */
export const DIGITAL_PLACE = 'digitalt';

/** "14:30": a time of day, in Norwegian local time. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'skriv klokkeslettet som tt:mm');

export const MeetingSchema = z.object({
  id: IdSchema,
  communityId: IdSchema,
  bodyId: IdSchema,
  date: IsoDateSchema,
  /** When it starts and ends, local time; both null for a meeting that takes the whole day. */
  startTime: TimeOfDaySchema.nullable().default(null),
  endTime: TimeOfDaySchema.nullable().default(null),
  place: z.string().trim().min(1, 'skriv hvor møtet holdes, eller «digitalt»').max(200),
  status: MeetingStatusSchema,
  /** The minutes (protokoll) case, once the secretariat has opened the minutes. */
  minutesCaseId: IdSchema.nullable(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/**
 * Why a meeting's times cannot stand, or null: a meeting has both a start and an end, or
 * neither (the whole day), and ends after it starts. Checked by the server on every save.
 */
export function meetingTimesProblem(times: { startTime: string | null; endTime: string | null }): string | null {
  if ((times.startTime === null) !== (times.endTime === null)) {
    return 'skriv både når møtet begynner og når det slutter, eller ingen av delene for et heldagsmøte';
  }
  if (times.startTime !== null && times.endTime! <= times.startTime) return 'møtet må slutte etter at det begynner';
  return null;
}

/** The people summoned (innkalt) to a meeting, by user id; each must be in the meeting's community. */
const SummonedSchema = z
  .array(IdSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'en person kan bare stå én gang på innkallingen' });

export const CreateMeetingInputSchema = MeetingSchema.pick({
  bodyId: true,
  date: true,
  startTime: true,
  endTime: true,
  place: true,
}).extend({
  status: MeetingStatusSchema.default('planlagt'),
  /** Left out: the body's usual participants (see the server's default summons). */
  summoned: SummonedSchema.optional(),
});
export type CreateMeetingInput = z.input<typeof CreateMeetingInputSchema>;

export const UpdateMeetingInputSchema = z
  .object({
    date: MeetingSchema.shape.date,
    startTime: TimeOfDaySchema.nullable(),
    endTime: TimeOfDaySchema.nullable(),
    place: MeetingSchema.shape.place,
    status: MeetingSchema.shape.status,
    summoned: SummonedSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'minst ett felt må endres' });
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInputSchema>;

/** "11.03.2027 kl. 10:00–12:00", or "11.03.2027" for a whole-day meeting. */
export function meetingWhen(meeting: Pick<Meeting, 'date' | 'startTime' | 'endTime'>): string {
  const date = meeting.date.split('-').reverse().join('.');
  if (!meeting.startTime) return date;
  return `${date} kl. ${meeting.startTime}${meeting.endTime ? `–${meeting.endTime}` : ''}`;
}

/** PUT …/agenda: the whole agenda in order; cases left out are taken off it. */
export const AgendaInputSchema = z.object({
  caseIds: z
    .array(IdSchema)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'en sak kan bare stå én gang på sakslisten' }),
});
export type AgendaInput = z.infer<typeof AgendaInputSchema>;

/** One line of the saksliste: the case with its kind and state as they are now. */
export const AgendaItemSchema = z.object({
  position: z.number().int().min(0),
  caseId: IdSchema,
  number: z.string(),
  body: z.string(),
  title: z.string(),
  kind: CaseKindSchema,
  status: CaseStatusSchema,
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export interface MeetingSummary extends Meeting {
  bodyName: string;
  agendaLength: number;
}

export interface MeetingDetail {
  meeting: Meeting;
  body: Body;
  agenda: AgendaItem[];
  /** Who is summoned: they, and only they, get its notices and calendar invitations. */
  summoned: MentionCandidate[];
}

/** POST …/minutes/decisions ("Hent vedtak"): what was pulled for each agenda case. */
export interface PulledDecisions {
  minutesCaseId: string;
  cases: Array<{ caseId: string; number: string; pulled: boolean }>;
}

/** The minutes case's sections: the live minutes (the approved text) and the decisions. */
export const MINUTES_SECTION_ID = 'protokoll';
export const MINUTES_DECISIONS_SECTION_ID = 'vedtak';

/** Planning meetings, building the agenda, opening minutes and pulling decisions: the secretariat. */
export function decideMeetingManagement(actor: Actor | null): Decision {
  return decideCaseManagement(actor);
}

/** Meetings, agendas and minutes are read by everyone in the community, observers included. */
export function decideMeetingRead(actor: Actor | null): Decision {
  return actor ? { allowed: true } : { allowed: false, reason: 'no-access' };
}

/** "04-2022": the case number as printed, zero-padded to two digits. */
export function formatCaseNumber(sequence: number, year: number): string {
  return `${String(sequence).padStart(2, '0')}-${year}`;
}

/** "2022/2936": the archive reference, zero-padded to four digits. */
export function formatCaseReference(sequence: number, year: number): string {
  return `${year}/${String(sequence).padStart(4, '0')}`;
}
