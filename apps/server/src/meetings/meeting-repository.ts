import { randomUUID } from 'node:crypto';
import {
  AgendaItemSchema,
  BodySchema,
  MeetingSchema,
  type AgendaItem,
  type Body,
  type BodyKind,
  type MentionCandidate,
  type CreateMeetingInputSchema,
  type Meeting,
  type MeetingSummary,
  type UpdateMeetingInput,
} from '@samraad/schema';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.js';
import { isUniqueViolation, type Storage } from '../db/storage.js';
import { ConflictError } from '../cases/case-repository.js';

type BodyRow = Selectable<Database['bodies']>;
type MeetingRow = Selectable<Database['meetings']>;

const bodyFromRow = (row: BodyRow): Body =>
  BodySchema.parse({
    id: row.id,
    communityId: row.community_id,
    name: row.name,
    caseBody: row.case_body,
    kind: row.kind,
  });

const meetingFromRow = (row: MeetingRow): Meeting =>
  MeetingSchema.parse({
    id: row.id,
    communityId: row.community_id,
    bodyId: row.body_id,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    place: row.place,
    status: row.status,
    minutesCaseId: row.minutes_case_id,
  });

export type NewBody = Omit<Body, 'id'> & { id?: string };

/** Bodies, meetings and their agendas. */
export interface MeetingRepository {
  saveBody(body: NewBody): Promise<Body>;
  listBodies(communityId: string): Promise<Body[]>;
  getBody(id: string): Promise<Body | null>;
  listMeetings(communityId: string): Promise<MeetingSummary[]>;
  /** Planned meetings on or after `fromDate` (YYYY-MM-DD) in these communities, soonest first. */
  listUpcoming(communityIds: readonly string[], fromDate: string, limit: number): Promise<MeetingSummary[]>;
  getMeeting(id: string): Promise<Meeting | null>;
  createMeeting(communityId: string, input: z.output<typeof CreateMeetingInputSchema>): Promise<Meeting>;
  updateMeeting(id: string, patch: UpdateMeetingInput): Promise<Meeting | null>;
  setMinutesCase(id: string, caseId: string): Promise<void>;
  agenda(meetingId: string): Promise<AgendaItem[]>;
  /** Replaces the whole agenda with these cases, in this order, in one transaction. */
  setAgenda(meetingId: string, caseIds: readonly string[]): Promise<void>;
  /** Who is summoned to the meeting, by name. */
  summons(meetingId: string): Promise<MentionCandidate[]>;
  /** Replaces whom the meeting summons. */
  setSummons(meetingId: string, userIds: readonly string[]): Promise<void>;
  /**
   * Whom a meeting of this body summons unless the secretariat picks: for the secretariat's own
   * meetings the secretariat, for every other body the members of both sides and the
   * secretariat. Observers follow the case work but are not called to meetings.
   */
  defaultSummons(communityId: string, bodyKind: BodyKind): Promise<string[]>;
  /** Those of `userIds` who are not in the community. */
  strangers(communityId: string, userIds: readonly string[]): Promise<string[]>;
}

export function createSqlMeetingRepository(storage: Storage): MeetingRepository {
  const { db } = storage;
  /** Meetings with their body's name and agenda length. */
  const summaries = () =>
    db
      .selectFrom('meetings as m')
      .innerJoin('bodies as b', 'b.id', 'm.body_id')
      .selectAll('m')
      .select('b.name as body_name')
      .select((eb) =>
        eb
          .selectFrom('agenda_items as a')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('a.meeting_id', '=', 'm.id')
          .as('agenda_length'),
      );
  const toSummary = (row: MeetingRow & { body_name: string; agenda_length: number | null }): MeetingSummary => ({
    ...meetingFromRow(row),
    bodyName: row.body_name,
    agendaLength: Number(row.agenda_length),
  });
  const repository: MeetingRepository = {
    async saveBody(input) {
      const body = BodySchema.parse({ ...input, id: input.id ?? randomUUID() });
      try {
        await db
          .insertInto('bodies')
          .values({
            id: body.id,
            community_id: body.communityId,
            name: body.name,
            case_body: body.caseBody,
            kind: body.kind,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              case_body: eb.ref('excluded.case_body'),
              kind: eb.ref('excluded.kind'),
            })),
          )
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`det finnes allerede et organ som heter ${body.name}`);
        throw error;
      }
      return body;
    },
    async listBodies(communityId) {
      const rows = await db
        .selectFrom('bodies')
        .selectAll()
        .where('community_id', '=', communityId)
        .orderBy('name')
        .execute();
      return rows.map(bodyFromRow);
    },
    async getBody(id) {
      const row = await db.selectFrom('bodies').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? bodyFromRow(row) : null;
    },
    async listMeetings(communityId) {
      const rows = await summaries()
        .where('m.community_id', '=', communityId)
        .orderBy('m.date', 'desc')
        .orderBy('m.created_at', 'desc')
        .execute();
      return rows.map(toSummary);
    },
    async listUpcoming(communityIds, fromDate, limit) {
      if (communityIds.length === 0) return [];
      const rows = await summaries()
        .where('m.community_id', 'in', communityIds)
        .where('m.date', '>=', fromDate)
        .where('m.status', '=', 'planlagt')
        .orderBy('m.date')
        .orderBy('m.created_at')
        .limit(limit)
        .execute();
      return rows.map(toSummary);
    },
    async getMeeting(id) {
      const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? meetingFromRow(row) : null;
    },
    async createMeeting(communityId, input) {
      const meeting = MeetingSchema.parse({ id: randomUUID(), communityId, ...input, minutesCaseId: null });
      await db
        .insertInto('meetings')
        .values({
          id: meeting.id,
          community_id: communityId,
          body_id: meeting.bodyId,
          date: meeting.date,
          start_time: meeting.startTime,
          end_time: meeting.endTime,
          place: meeting.place,
          status: meeting.status,
          minutes_case_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      return meeting;
    },
    async updateMeeting(id, patch) {
      const existing = await repository.getMeeting(id);
      if (!existing) return null;
      const { summoned: _summons, ...fields } = patch;
      const updated = MeetingSchema.parse({ ...existing, ...fields });
      await db
        .updateTable('meetings')
        .set({
          date: updated.date,
          start_time: updated.startTime,
          end_time: updated.endTime,
          place: updated.place,
          status: updated.status,
        })
        .where('id', '=', id)
        .execute();
      return updated;
    },
    async setMinutesCase(id, caseId) {
      await db.updateTable('meetings').set({ minutes_case_id: caseId }).where('id', '=', id).execute();
    },
    async agenda(meetingId) {
      const rows = await db
        .selectFrom('agenda_items as a')
        .innerJoin('cases as c', 'c.id', 'a.case_id')
        .select(['a.position', 'a.case_id', 'c.number', 'c.body', 'c.title', 'c.kind', 'c.status'])
        .where('a.meeting_id', '=', meetingId)
        .orderBy('a.position')
        .execute();
      return rows.map((row) =>
        AgendaItemSchema.parse({
          position: Number(row.position),
          caseId: row.case_id,
          number: row.number,
          body: row.body,
          title: row.title,
          kind: row.kind,
          status: row.status,
        }),
      );
    },
    async setAgenda(meetingId, caseIds) {
      await storage.transaction(async ({ db: tx }) => {
        await tx.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).execute();
        if (caseIds.length === 0) return;
        await tx
          .insertInto('agenda_items')
          .values(caseIds.map((caseId, position) => ({ meeting_id: meetingId, case_id: caseId, position })))
          .execute();
      });
    },
    async summons(meetingId) {
      const rows = await db
        .selectFrom('meeting_summons as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .innerJoin('meetings as m', 'm.id', 's.meeting_id')
        .leftJoin('memberships as ms', (join) =>
          join.onRef('ms.user_id', '=', 's.user_id').onRef('ms.community_id', '=', 'm.community_id'),
        )
        .leftJoin('organisations as o', 'o.id', 'ms.organisation_id')
        .select(['u.id', 'u.name', 'o.name as organisation_name'])
        .where('s.meeting_id', '=', meetingId)
        .orderBy('u.name')
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.name, organisationName: row.organisation_name }));
    },
    async setSummons(meetingId, userIds) {
      await storage.transaction(async (tx) => {
        await tx.db.deleteFrom('meeting_summons').where('meeting_id', '=', meetingId).execute();
        if (userIds.length === 0) return;
        await tx.db
          .insertInto('meeting_summons')
          .values(userIds.map((userId) => ({ meeting_id: meetingId, user_id: userId })))
          .execute();
      });
    },
    async defaultSummons(communityId, bodyKind) {
      const roles = bodyKind === 'sekretariat' ? ['secretariat'] : ['member', 'secretariat'];
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('community_id', '=', communityId)
        .where('role', 'in', roles)
        .orderBy('user_id')
        .execute();
      return rows.map((row) => row.user_id);
    },
    async strangers(communityId, userIds) {
      if (userIds.length === 0) return [];
      const members = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('community_id', '=', communityId)
        .where('user_id', 'in', userIds)
        .execute();
      const known = new Set(members.map((m) => m.user_id));
      return userIds.filter((id) => !known.has(id));
    },
  };
  return repository;
}
