import { randomBytes } from 'node:crypto';
import type { Meeting } from '@samraad/schema';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { Storage } from '../db/storage.js';

/** The UID every notice about one meeting shares, so calendars update or cancel the same entry. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@samraad`;

interface MeetingEntry {
  meeting: Meeting;
  bodyName: string;
  sequence: number;
  agendaUrl: string;
}

function addMeeting(calendar: ICalCalendar, { meeting, bodyName, sequence, agendaUrl }: MeetingEntry): void {
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence,
    // A meeting has a date, not a time: a whole-day entry. Noon UTC is that date in every zone near Norway.
    start: new Date(`${meeting.date}T12:00:00Z`),
    allDay: true,
    summary: `Møte i ${bodyName}`,
    location: meeting.place,
    description: `Saksliste: ${agendaUrl}`,
    url: agendaUrl,
    status: meeting.status === 'avlyst' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/** One meeting as an invitation (REQUEST) or cancellation (CANCEL) to attach to a notice. */
export function meetingInvitation(entry: MeetingEntry, attendee: { email: string; name: string }, from: string) {
  const method = entry.meeting.status === 'avlyst' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ name: 'Samråd', method, prodId: { company: 'Samråd', product: 'moter', language: 'NB' } });
  addMeeting(calendar, entry);
  const organizer = /<([^>]+)>/.exec(from)?.[1] ?? from;
  calendar.events()[0]!.organizer({ name: 'Samråd', email: organizer });
  calendar.events()[0]!.createAttendee({ email: attendee.email, name: attendee.name, rsvp: false });
  return {
    ics: calendar.toString(),
    method: method === ICalCalendarMethod.CANCEL ? ('CANCEL' as const) : ('REQUEST' as const),
  };
}

/** Every meeting of the person's communities, for a calendar feed they subscribe to. */
export function meetingFeed(entries: readonly MeetingEntry[]): string {
  const calendar = ical({ name: 'Samråd: møter', method: ICalCalendarMethod.PUBLISH });
  for (const entry of entries) addMeeting(calendar, entry);
  return calendar.toString();
}

/** Meetings' SEQUENCE numbers and people's secret feed tokens. */
export class MeetingCalendar {
  constructor(private readonly storage: Storage) {}

  /** The next SEQUENCE for a changed meeting (a new one starts at 0). */
  async bump(meetingId: string): Promise<number> {
    const row = await this.storage.db
      .insertInto('meeting_invitation_sequences')
      .values({ meeting_id: meetingId, sequence: 0 })
      .onConflict((oc) =>
        oc
          .column('meeting_id')
          .doUpdateSet((eb) => ({ sequence: eb('meeting_invitation_sequences.sequence', '+', 1) })),
      )
      .returning('sequence')
      .executeTakeFirstOrThrow();
    return Number(row.sequence);
  }

  async sequences(meetingIds: readonly string[]): Promise<Map<string, number>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await this.storage.db
      .selectFrom('meeting_invitation_sequences')
      .select(['meeting_id', 'sequence'])
      .where('meeting_id', 'in', meetingIds)
      .execute();
    return new Map(rows.map((r) => [r.meeting_id, Number(r.sequence)]));
  }

  /** The person's feed token, made on first ask. */
  async tokenFor(userId: string): Promise<string> {
    const { db } = this.storage;
    await db
      .insertInto('calendar_tokens')
      .values({ user_id: userId, token: randomBytes(24).toString('base64url') })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const row = await db
      .selectFrom('calendar_tokens')
      .select('token')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.token;
  }

  async ownerOf(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const row = await this.storage.db
      .selectFrom('calendar_tokens')
      .select('user_id')
      .where('token', '=', token)
      .executeTakeFirst();
    return row?.user_id ?? null;
  }
}
