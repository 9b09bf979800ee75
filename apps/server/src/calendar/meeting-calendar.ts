import { randomBytes } from 'node:crypto';
import type { Meeting } from '@samraad/schema';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { Storage } from '../db/storage.js';
import { zonedInstant } from '../lib/oslo-time.js';

/** The UID every notice about one meeting shares, so calendars update or cancel the same entry. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@samraad`;

interface MeetingEntry {
  meeting: Meeting;
  bodyName: string;
  sequence: number;
  agendaUrl: string;
}

/** A timed meeting at its instants (written in UTC); a whole-day one as a date (DTSTART;VALUE=DATE). */
function when(meeting: Meeting) {
  if (meeting.startTime && meeting.endTime) {
    return {
      start: zonedInstant(meeting.date, meeting.startTime),
      end: zonedInstant(meeting.date, meeting.endTime),
      allDay: false,
    };
  }
  // Noon UTC is that date in every zone near Norway.
  return { start: new Date(`${meeting.date}T12:00:00Z`), allDay: true };
}

function addMeeting(
  calendar: ICalCalendar,
  { meeting, bodyName, sequence, agendaUrl }: MeetingEntry,
  cancelled = meeting.status === 'avlyst',
): void {
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence,
    ...when(meeting),
    summary: `Møte i ${bodyName}`,
    location: meeting.place,
    description: `Saksliste: ${agendaUrl}`,
    url: agendaUrl,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/**
 * One meeting as an invitation (REQUEST) or cancellation (CANCEL) to attach to a notice. A
 * person taken off the summons gets a cancellation of a meeting that still takes place.
 */
export function meetingInvitation(
  entry: MeetingEntry,
  attendee: { email: string; name: string },
  from: string,
  cancelled = entry.meeting.status === 'avlyst',
) {
  const method = cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ name: 'Samråd', method, prodId: { company: 'Samråd', product: 'moter', language: 'NB' } });
  addMeeting(calendar, entry, cancelled);
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
