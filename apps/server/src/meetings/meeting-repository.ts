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
import type { z } from 'zod';
import { isUniqueViolation, type SqlClient } from '../db/sql-client.js';
import { ConflictError } from '../cases/case-repository.js';

interface BodyRow {
  id: string;
  community_id: string;
  name: string;
  case_body: string;
  kind: string;
}

interface MeetingRow {
  id: string;
  community_id: string;
  body_id: string;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place: string;
  status: string;
  minutes_case_id: string | null;
}

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

export function createSqlMeetingRepository(sql: SqlClient): MeetingRepository {
  /** Meetings with their body's name and agenda length, filtered and ordered by `where`. */
  const summaries = async (where: string, params: readonly unknown[]): Promise<MeetingSummary[]> => {
    const rows = await sql.all<MeetingRow & { body_name: string; agenda_length: number | string }>(
      `SELECT m.*, b.name AS body_name,
         (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS agenda_length
       FROM meetings m JOIN bodies b ON b.id = m.body_id
       WHERE ${where}`,
      params,
    );
    return rows.map((row) => ({
      ...meetingFromRow(row),
      bodyName: row.body_name,
      agendaLength: Number(row.agenda_length),
    }));
  };
  const repository: MeetingRepository = {
    async saveBody(input) {
      const body = BodySchema.parse({ ...input, id: input.id ?? randomUUID() });
      try {
        await sql.run(
          `INSERT INTO bodies (id, community_id, name, case_body, kind) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, case_body = excluded.case_body, kind = excluded.kind`,
          [body.id, body.communityId, body.name, body.caseBody, body.kind],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`det finnes allerede et organ som heter ${body.name}`);
        throw error;
      }
      return body;
    },
    async listBodies(communityId) {
      return (await sql.all<BodyRow>('SELECT * FROM bodies WHERE community_id = ? ORDER BY name', [communityId])).map(
        bodyFromRow,
      );
    },
    async getBody(id) {
      const row = await sql.get<BodyRow>('SELECT * FROM bodies WHERE id = ?', [id]);
      return row ? bodyFromRow(row) : null;
    },
    async listMeetings(communityId) {
      return summaries('m.community_id = ? ORDER BY m.date DESC, m.created_at DESC', [communityId]);
    },
    async listUpcoming(communityIds, fromDate, limit) {
      if (communityIds.length === 0) return [];
      return summaries(
        `m.community_id IN (${communityIds.map(() => '?').join(', ')}) AND m.date >= ? AND m.status = 'planlagt'
         ORDER BY m.date, m.created_at LIMIT ?`,
        [...communityIds, fromDate, limit],
      );
    },
    async getMeeting(id) {
      const row = await sql.get<MeetingRow>('SELECT * FROM meetings WHERE id = ?', [id]);
      return row ? meetingFromRow(row) : null;
    },
    async createMeeting(communityId, input) {
      const meeting = MeetingSchema.parse({ id: randomUUID(), communityId, ...input, minutesCaseId: null });
      await sql.run(
        `INSERT INTO meetings (id, community_id, body_id, date, start_time, end_time, place, status, minutes_case_id,
           created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          meeting.id,
          communityId,
          meeting.bodyId,
          meeting.date,
          meeting.startTime,
          meeting.endTime,
          meeting.place,
          meeting.status,
          null,
          new Date().toISOString(),
        ],
      );
      return meeting;
    },
    async updateMeeting(id, patch) {
      const existing = await repository.getMeeting(id);
      if (!existing) return null;
      const { summoned: _summons, ...fields } = patch;
      const updated = MeetingSchema.parse({ ...existing, ...fields });
      await sql.db
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
      await sql.run('UPDATE meetings SET minutes_case_id = ? WHERE id = ?', [caseId, id]);
    },
    async agenda(meetingId) {
      const rows = await sql.all<{
        position: number | string;
        case_id: string;
        number: string;
        body: string;
        title: string;
        kind: string;
        status: string;
      }>(
        `SELECT a.position, a.case_id, c.number, c.body, c.title, c.kind, c.status
         FROM agenda_items a JOIN cases c ON c.id = a.case_id
         WHERE a.meeting_id = ? ORDER BY a.position`,
        [meetingId],
      );
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
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM agenda_items WHERE meeting_id = ?', [meetingId]);
        for (const [position, caseId] of caseIds.entries()) {
          await tx.run('INSERT INTO agenda_items (meeting_id, case_id, position) VALUES (?, ?, ?)', [
            meetingId,
            caseId,
            position,
          ]);
        }
      });
    },
    async summons(meetingId) {
      const rows = await sql.db
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
      await sql.transaction(async (tx) => {
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
      const rows = await sql.db
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
      const members = await sql.db
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
