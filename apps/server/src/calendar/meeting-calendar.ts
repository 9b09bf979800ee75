import { randomBytes } from 'node:crypto';
import type { Meeting } from '@samraad/schema';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { SqlClient } from '../db/sql-client.js';
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
  constructor(private readonly sql: SqlClient) {}

  /** The next SEQUENCE for a changed meeting (a new one starts at 0). */
  async bump(meetingId: string): Promise<number> {
    const row = await this.sql.get<{ sequence: number | string }>(
      `INSERT INTO meeting_invitation_sequences (meeting_id, sequence) VALUES (?, 0)
       ON CONFLICT (meeting_id) DO UPDATE SET sequence = meeting_invitation_sequences.sequence + 1
       RETURNING sequence`,
      [meetingId],
    );
    return Number(row!.sequence);
  }

  async sequences(meetingIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.sql.all<{ meeting_id: string; sequence: number | string }>(
      'SELECT meeting_id, sequence FROM meeting_invitation_sequences',
    );
    const wanted = new Set(meetingIds);
    return new Map(rows.filter((r) => wanted.has(r.meeting_id)).map((r) => [r.meeting_id, Number(r.sequence)]));
  }

  /** The person's feed token, made on first ask. */
  async tokenFor(userId: string): Promise<string> {
    await this.sql.run('INSERT INTO calendar_tokens (user_id, token) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING', [
      userId,
      randomBytes(24).toString('base64url'),
    ]);
    return (await this.sql.get<{ token: string }>('SELECT token FROM calendar_tokens WHERE user_id = ?', [userId]))!
      .token;
  }

  async ownerOf(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    return (
      (await this.sql.get<{ user_id: string }>('SELECT user_id FROM calendar_tokens WHERE token = ?', [token]))
        ?.user_id ?? null
    );
  }
}
