import {
  MINUTES_DECISIONS_SECTION_ID,
  MINUTES_SECTION_ID,
  meetingTimesProblem,
  sectionRoomName,
  type Case,
  type CreateMeetingInputSchema,
  type Meeting,
  type UpdateMeetingInput,
  type MeetingDetail,
  type PulledDecisions,
  type SectionNode,
} from '@samraad/schema';
import * as Y from 'yjs';
import type { z } from 'zod';
import type { CaseRepository } from '../cases/case-repository.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import { Conflict, DomainError, InvalidInput } from '../errors/domain-errors.js';
import type { Acting, ConsensusService } from '../consensus/consensus-service.js';
import type { Storage } from '../db/storage.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { paragraphNode, readBlocks, replaceContent, writeNodes } from '../sections/content.js';
import { loadSection } from '../consensus/section-state.js';
import { createNumberedCase } from '../cases/case-numbers.js';
import { createSqlMeetingRepository, type MeetingRepository } from './meeting-repository.js';
import { MeetingCalendar, meetingInvitation } from '../calendar/meeting-calendar.js';
import type { CaseNotices, MeetingChange } from '../notifications/case-notices.js';
import { NOTHING_TOLD, allTold, type Told } from '../notifications/notifier.js';

export interface MeetingDependencies {
  sql: Storage;
  meetings: MeetingRepository;
  /** Tells the summoned, in the transaction that plans or changes the meeting. */
  notices: CaseNotices;
  /** Where the agenda link in an invitation points, and who sends it. */
  mailLinks: { baseUrl: string; from: string };
  cases: CaseRepository;
  consensus: ConsensusRepository;
  consensusService: ConsensusService;
  rooms: RoomRegistry;
  documents: DocumentStore;
}

/** One group of people to tell of a meeting change. */
interface MeetingNotice {
  change: MeetingChange;
  recipients: readonly string[];
}

function requireTimes(times: { startTime?: string | null; endTime?: string | null }): void {
  const problem = meetingTimesProblem({ startTime: times.startTime ?? null, endTime: times.endTime ?? null });
  if (problem) throw new InvalidInput(problem, [{ path: 'startTime', message: problem }]);
}

/** Only people of the meeting's community can be summoned; anyone else is refused. */
async function requireMembers(meetings: MeetingRepository, communityId: string, userIds: readonly string[]) {
  if ((await meetings.strangers(communityId, userIds)).length > 0) {
    throw new InvalidInput('bare personer i helsefellesskapet kan kalles inn', [
      { path: 'summoned', message: 'velg personer i helsefellesskapet' },
    ]);
  }
}

const p = paragraphNode;
const norwegianDate = (iso: string) => iso.split('-').reverse().join('.');

/**
 * Meetings' agendas and minutes. The minutes (protokoll) of a meeting are an ordinary case
 * of the meeting's body ("Protokoll SSU", numbered like any case), with two shared sections
 * that both have the consensus kind, so the case room, write rules (the secretariat writes
 * shared text), persistence, versions, approval and lock all apply unchanged:
 *  - `protokoll`: the minutes written live; the consensus wording both sides approve;
 *  - `vedtak`: the decisions, filled from each agenda case's locked wording by "Hent vedtak";
 *    locked together with the minutes when both sides approve.
 */
export class MeetingService {
  /** Opening minutes twice at once must give one minutes case, not two. */
  private readonly opening = new Map<string, Promise<Meeting>>();

  constructor(private readonly deps: MeetingDependencies) {}

  async detail(meeting: Meeting): Promise<MeetingDetail> {
    const body = await this.deps.meetings.getBody(meeting.bodyId);
    return {
      meeting,
      body: body!,
      agenda: await this.deps.meetings.agenda(meeting.id),
      summoned: await this.deps.meetings.summons(meeting.id),
    };
  }

  /**
   * Plans a meeting of one of the community's bodies and summons the people picked, or the
   * body's usual participants. The meeting, its summons and their invitations are one
   * transaction; the bells hear of it after.
   */
  async plan(communityId: string, input: z.output<typeof CreateMeetingInputSchema>, actorId: string): Promise<Meeting> {
    const { meeting, told } = await this.deps.sql.transaction(async (tx) => {
      const meetings = createSqlMeetingRepository(tx);
      const body = await meetings.getBody(input.bodyId);
      if (!body || body.communityId !== communityId) {
        throw new InvalidInput('organet finnes ikke i dette helsefellesskapet', [
          { path: 'bodyId', message: 'velg et organ' },
        ]);
      }
      requireTimes(input);
      const summoned = input.summoned ?? (await meetings.defaultSummons(communityId, body.kind));
      await requireMembers(meetings, communityId, summoned);
      const meeting = await meetings.createMeeting(communityId, input);
      await meetings.setSummons(meeting.id, summoned);
      const told = await this.tell(tx, meeting, [{ change: 'planned', recipients: summoned }], actorId);
      return { meeting, told };
    });
    told.announce();
    return meeting;
  }

  /**
   * Changes a meeting. Those still summoned hear that it moved or was cancelled; those newly
   * summoned get an invitation, and those taken off the summons a cancellation of their entry.
   */
  async change(before: Meeting, patch: UpdateMeetingInput, actorId: string): Promise<Meeting> {
    const { updated, told } = await this.deps.sql.transaction(async (tx) => {
      const meetings = createSqlMeetingRepository(tx);
      const updated = (await meetings.updateMeeting(before.id, patch))!;
      requireTimes(updated);
      const was = (await meetings.summons(before.id)).map((p) => p.id);
      const now = patch.summoned ?? was;
      if (patch.summoned) {
        await requireMembers(meetings, before.communityId, patch.summoned);
        await meetings.setSummons(before.id, patch.summoned);
      }
      const added = now.filter((id) => !was.includes(id));
      const released = was.filter((id) => !now.includes(id));
      const stayed = now.filter((id) => was.includes(id));
      const moved = (['date', 'startTime', 'endTime', 'place'] as const).some((key) => updated[key] !== before[key]);
      let changes: MeetingNotice[];
      if (updated.status === 'avlyst') {
        // Cancelled now: everyone who was or is summoned; cancelled before: nothing more to say.
        changes =
          before.status === 'avlyst' ? [] : [{ change: 'cancelled', recipients: [...new Set([...was, ...now])] }];
      } else if (before.status === 'avlyst') {
        // Called again after a cancellation: a new invitation for everyone summoned.
        changes = [{ change: 'planned', recipients: now }];
      } else {
        changes = [
          { change: 'planned', recipients: added },
          { change: 'released', recipients: released },
          { change: 'moved', recipients: moved ? stayed : [] },
        ];
      }
      return { updated, told: await this.tell(tx, updated, changes, actorId) };
    });
    told.announce();
    return updated;
  }

  /** Inside `tx`: one calendar SEQUENCE for this change, and each group's notices with it. */
  private async tell(tx: Storage, meeting: Meeting, notices: readonly MeetingNotice[], actorId: string) {
    const due = notices.filter((n) => n.recipients.length > 0);
    if (due.length === 0) return NOTHING_TOLD;
    const sequence = await new MeetingCalendar(tx).bump(meeting.id);
    const bodyName = (await createSqlMeetingRepository(tx).getBody(meeting.bodyId))?.name ?? 'møteorganet';
    const { baseUrl, from } = this.deps.mailLinks;
    const agendaUrl = new URL(`/mote/${encodeURIComponent(meeting.id)}`, baseUrl).toString();
    const told: Told[] = [];
    for (const { change, recipients } of due) {
      const cancelled = change === 'cancelled' || change === 'released';
      told.push(
        await this.deps.notices.meetingChanged(tx, meeting, change, recipients, actorId, (attendee) =>
          meetingInvitation({ meeting, bodyName, sequence, agendaUrl }, attendee, from, cancelled),
        ),
      );
    }
    return allTold(told);
  }

  /** Sets the whole agenda; every case must belong to the meeting's community. */
  async setAgenda(meeting: Meeting, caseIds: readonly string[]): Promise<MeetingDetail> {
    for (const caseId of caseIds) {
      const found = await this.deps.cases.getCase(caseId);
      if (!found || found.communityId !== meeting.communityId) {
        throw new InvalidInput(`saken ${caseId} finnes ikke i dette helsefellesskapet`);
      }
    }
    await this.deps.meetings.setAgenda(meeting.id, caseIds);
    return this.detail(meeting);
  }

  /** Creates the meeting's minutes case, once; later calls return the meeting as it is. */
  openMinutes(meeting: Meeting): Promise<Meeting> {
    const pending = this.opening.get(meeting.id);
    if (pending) return pending;
    const work = this.createMinutes(meeting.id).finally(() => this.opening.delete(meeting.id));
    this.opening.set(meeting.id, work);
    return work;
  }

  private async createMinutes(meetingId: string): Promise<Meeting> {
    const meeting = (await this.deps.meetings.getMeeting(meetingId))!;
    if (meeting.minutesCaseId) return meeting;
    const body = (await this.deps.meetings.getBody(meeting.bodyId))!;
    const start = new Y.Doc();
    writeNodes(start, [
      p(`Møte i ${body.name} ${norwegianDate(meeting.date)}, ${meeting.place}.`),
      p('Til stede: '),
      p('Forfall: '),
      p('Referent: '),
    ]);
    const content = Y.encodeStateAsUpdate(start);
    start.destroy();
    const minutes = await createNumberedCase(this.deps.sql, {
      communityId: meeting.communityId,
      body: `Protokoll ${body.caseBody}`.slice(0, 100),
      title: `Protokoll fra ${body.name} ${norwegianDate(meeting.date)}`,
      kind: 'beslutningssak',
      status: 'utkast',
      caseOfficers: [],
      documentDate: new Date().toISOString().slice(0, 10),
      meetingDate: meeting.date,
      attachments: [],
      // Both parts lock when the minutes are approved, so both are consensus text.
      sections: [
        { id: MINUTES_SECTION_ID, kind: 'innstilling', title: 'Protokoll', owner: 'shared', position: 0, content },
        {
          id: MINUTES_DECISIONS_SECTION_ID,
          kind: 'innstilling',
          title: 'Vedtak i sakene',
          owner: 'shared',
          position: 1,
        },
      ],
    });
    await this.deps.documents.replace(sectionRoomName({ caseId: minutes.id, sectionId: MINUTES_SECTION_ID }), content);
    await this.deps.meetings.setMinutesCase(meeting.id, minutes.id);
    return { ...meeting, minutesCaseId: minutes.id };
  }

  /**
   * "Hent vedtak": rewrites the decisions section from the agenda, in order: each case's
   * locked consensus wording, or what happened to it when there is none. Written as one
   * change in the live room, so everyone with the minutes open sees it at once.
   */
  async pullDecisions(meeting: Meeting, acting: Acting): Promise<PulledDecisions> {
    const minutesCaseId = meeting.minutesCaseId;
    if (!minutesCaseId) throw new Conflict('no_minutes');
    const blocks: SectionNode[] = [];
    const pulled: PulledDecisions['cases'] = [];
    for (const item of await this.deps.meetings.agenda(meeting.id)) {
      if (item.caseId === minutesCaseId) continue;
      const decided = await this.decisionOf(item.caseId, item.status);
      blocks.push(p(`Sak ${item.number} ${item.title}`));
      if (decided) blocks.push(p('Vedtak:'), ...decided);
      else blocks.push(p(withoutDecision(item.kind)));
      pulled.push({ caseId: item.caseId, number: item.number, pulled: decided !== null });
    }
    const source = new Y.Doc();
    writeNodes(source, blocks);
    try {
      await this.deps.rooms.withRoom(
        sectionRoomName({ caseId: minutesCaseId, sectionId: MINUTES_DECISIONS_SECTION_ID }),
        async (room) => {
          // Locked by consensus or frozen by publication: the server's own change obeys the seal too.
          if (await this.deps.consensus.seal(minutesCaseId, MINUTES_DECISIONS_SECTION_ID)) {
            throw new Conflict('minutes_locked');
          }
          await room.change({ userId: acting.userId, name: acting.name }, (doc) => replaceContent(doc, source));
        },
      );
    } finally {
      source.destroy();
    }
    return { minutesCaseId, cases: pulled };
  }

  /**
   * A case's decision: its locked consensus wording, or for a published case without a lock
   * (decided before Samråd, like the demo papers) its published wording. Null: none yet.
   */
  private async decisionOf(caseId: string, status: Case['status']): Promise<SectionNode[] | null> {
    try {
      return (await this.deps.consensusService.decisionRecord(caseId)).blocks;
    } catch (error) {
      // No decided wording (not found, or no wording section): fall back to the published one.
      if (!(error instanceof DomainError)) throw error;
    }
    if (status !== 'publisert') return null;
    const wording = await this.deps.consensusService.consensusSection(caseId);
    if (!wording) return null;
    const doc = await loadSection(this.deps.documents, caseId, wording.id);
    try {
      const blocks = readBlocks(doc);
      return blocks.length > 0 ? blocks : null;
    } finally {
      doc.destroy();
    }
  }
}

function withoutDecision(kind: Case['kind']): string {
  switch (kind) {
    case 'orienteringssak':
      return 'Saken ble tatt til orientering.';
    case 'drøftingssak':
      return 'Saken ble drøftet.';
    case 'beslutningssak':
      return 'Ingen vedtatt konsensustekst ennå.';
  }
}
