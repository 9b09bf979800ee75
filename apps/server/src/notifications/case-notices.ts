import {
  CONSENSUS_SECTION_KIND,
  SIDES,
  type Approval,
  type Case,
  type CaseStatus,
  type CommentThread,
  meetingWhen,
  type Meeting,
  type Side,
} from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import type { Storage } from '../db/storage.js';
import type { UserRepository } from '../users/user-repository.js';
import { NOTHING_TOLD, type NoticeDraft, type Notifier, type Told } from './notifier.js';

/** The repositories CaseNotices reads through, bound to the fact's transaction. */
export interface NoticeReads {
  cases: CaseRepository;
  users: UserRepository;
  consensus: ConsensusRepository;
}

interface Member {
  userId: string;
  role: 'member' | 'observer' | 'secretariat' | 'admin';
  side: Side | null;
}

const SIDE_NAMES: Record<Side, string> = { kommune: 'kommunene', helseforetak: 'helseforetaket' };
const STATUS_NAMES: Partial<Record<CaseStatus, string>> = {
  til_drofting: 'til drøfting',
  til_beslutning: 'til beslutning',
};

/** What happened to a meeting, for the people it is told to. */
export type MeetingChange = 'planned' | 'moved' | 'cancelled' | 'released';

const excerpt = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Who is told what, for each fact that concerns people: turns a fact into notices for the right
 * people of the case's community. The services call one method per fact, inside the fact's own
 * transaction `tx` (reading through it too: on SQLite anything else waits for it forever), and
 * announce what it returns once that transaction committed (see Notifier).
 */
export class CaseNotices {
  constructor(
    private readonly deps: {
      notifier: Notifier;
      /** The repositories on a transaction. */
      readsIn: (tx: Storage) => NoticeReads;
    },
  ) {}

  private async members(tx: Storage, communityId: string): Promise<Member[]> {
    const rows = await tx.db
      .selectFrom('memberships')
      .select(['user_id', 'role', 'side'])
      .where('community_id', '=', communityId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, role: r.role as Member['role'], side: r.side as Side | null }));
  }

  /** Who approves for a side: its named approvers where the community names them, else its members. */
  private async approvers(tx: Storage, communityId: string, side: Side): Promise<string[]> {
    const settings = await this.deps.readsIn(tx).consensus.settings(communityId);
    if (settings.policy === 'named-approver') {
      return settings.approvers.filter((a) => a.side === side).map((a) => a.userId);
    }
    return (await this.members(tx, communityId))
      .filter((m) => m.role === 'member' && m.side === side)
      .map((m) => m.userId);
  }

  private async nameOf(tx: Storage, userId: string | null): Promise<string | null> {
    return userId ? ((await this.deps.readsIn(tx).users.getUser(userId))?.name ?? null) : null;
  }

  private getCase(tx: Storage, caseId: string): Promise<Case | null> {
    return this.deps.readsIn(tx).cases.getCase(caseId);
  }

  private label = (found: Case) => `${found.body} ${found.number} ${found.title}`;

  /**
   * A comment was written (a new thread or a reply) or edited: the people it newly mentions,
   * then everyone who took part in the thread before.
   */
  async commented(
    tx: Storage,
    thread: CommentThread,
    commentId: string,
    edit: { alreadyMentioned: readonly string[] } | null = null,
  ): Promise<Told> {
    const alreadyMentioned = edit?.alreadyMentioned ?? [];
    const comment = thread.comments.find((c) => c.id === commentId);
    const found = await this.getCase(tx, thread.caseId);
    if (!comment || !found) return NOTHING_TOLD;
    const place = { caseId: found.id, sectionId: thread.sectionId, threadId: thread.id };
    const mentioned = comment.mentions.filter((id) => !alreadyMentioned.includes(id));
    const drafts: NoticeDraft[] = [
      {
        kind: 'mention',
        recipients: mentioned,
        title: `${comment.authorName} nevnte deg i ${this.label(found)}`,
        body: excerpt(comment.body),
        ...place,
        actorId: comment.authorId,
        actorName: comment.authorName,
      },
    ];
    // Only a new comment is a reply; an edit tells only those it newly mentions.
    if (!edit && thread.comments[0]!.id !== comment.id) {
      const participants = [thread.createdBy, ...thread.comments.map((c) => c.authorId)];
      drafts.push({
        kind: 'reply',
        recipients: [...new Set(participants)],
        title: `${comment.authorName} svarte i en tråd du deltar i, ${this.label(found)}`,
        body: excerpt(comment.body),
        ...place,
        actorId: comment.authorId,
        actorName: comment.authorName,
      });
    }
    return this.deps.notifier.write(tx, drafts);
  }

  /**
   * The secretariat moved a case (written in `tx`). Into the decision round, those who approve
   * for each side are asked to; everyone else in the community hears of the move to discussion
   * or decision.
   */
  async statusChanged(tx: Storage, caseId: string, actorId: string): Promise<Told> {
    const found = await this.getCase(tx, caseId);
    const statusName = found ? STATUS_NAMES[found.status] : undefined;
    if (!found || !statusName) return NOTHING_TOLD;
    const actorName = await this.nameOf(tx, actorId);
    const drafts: NoticeDraft[] = [];
    if (found.status === 'til_beslutning') {
      for (const side of SIDES) {
        drafts.push({
          kind: 'approval-needed',
          recipients: await this.approvers(tx, found.communityId, side),
          title: `${this.label(found)} venter på godkjenning fra ${SIDE_NAMES[side]}`,
          body: `Saken er satt til beslutning. Les innstillingen og godkjenn for ${SIDE_NAMES[side]}.`,
          caseId,
          sectionId: await this.consensusSectionId(tx, caseId),
          actorId,
          actorName,
        });
      }
    }
    drafts.push({
      kind: 'case-status',
      recipients: (await this.members(tx, found.communityId)).map((m) => m.userId),
      title: `${this.label(found)} er satt ${statusName}`,
      body: actorName ? `Endret av ${actorName}.` : '',
      caseId,
      actorId,
      actorName,
    });
    return this.deps.notifier.write(tx, drafts);
  }

  /**
   * Approvals fell away because the wording changed: the approvers and everyone who approves for
   * their side learn at once why, and who changed it.
   */
  async approvalsDropped(
    tx: Storage,
    caseId: string,
    voided: readonly Approval[],
    changedBy: string | null,
  ): Promise<Told> {
    const found = await this.getCase(tx, caseId);
    if (!found || voided.length === 0) return NOTHING_TOLD;
    const changerName = (await this.nameOf(tx, changedBy)) ?? 'noen';
    const sectionId = await this.consensusSectionId(tx, caseId);
    const drafts: NoticeDraft[] = [];
    for (const side of SIDES) {
      const dropped = voided.filter((a) => a.side === side);
      if (dropped.length === 0) continue;
      drafts.push({
        kind: 'approval-dropped',
        recipients: [...dropped.map((a) => a.userId), ...(await this.approvers(tx, found.communityId, side))],
        title: `Godkjenningen fra ${SIDE_NAMES[side]} falt bort i ${this.label(found)}`,
        body:
          `${changerName} endret innstillingen etter at ${dropped.map((a) => a.userName).join(' og ')} ` +
          `godkjente for ${SIDE_NAMES[side]}. Les den nye teksten og godkjenn på nytt.`,
        caseId,
        sectionId,
        actorId: changedBy,
        actorName: changerName,
      });
    }
    return this.deps.notifier.write(tx, drafts);
  }

  /**
   * Both sides approved the same wording: it is locked and the case has consensus. `known`:
   * the case and the approver's name, which the approval has just read.
   */
  async consensusReached(
    tx: Storage,
    caseId: string,
    actorId: string,
    known?: { found: Case; actorName: string | null },
  ): Promise<Told> {
    return this.toCommunity(
      tx,
      caseId,
      'consensus',
      (found) => `Konsensus i ${this.label(found)}: teksten er låst`,
      {
        actorId,
        // The last approver knows; everyone else, including the first side's approvers, is told.
        body: 'Begge parter har godkjent samme innstilling.',
      },
      known,
    );
  }

  async published(tx: Storage, caseId: string, actorId: string): Promise<Told> {
    return this.toCommunity(tx, caseId, 'published', (found) => `${this.label(found)} er publisert`, { actorId });
  }

  /** One side asks to reopen a locked case: the other side's approvers must confirm. */
  async reopenRequested(tx: Storage, caseId: string, side: Side, actorId: string, reason: string): Promise<Told> {
    const found = await this.getCase(tx, caseId);
    if (!found) return NOTHING_TOLD;
    const other = SIDES.find((s) => s !== side)!;
    return this.deps.notifier.write(tx, [
      {
        kind: 'reopen-requested',
        recipients: await this.approvers(tx, found.communityId, other),
        title: `${SIDE_NAMES[side]} ber om å gjenåpne ${this.label(found)}`,
        body: `Begrunnelse: ${excerpt(reason)}\nDen andre parten må bekrefte gjenåpningen.`,
        caseId,
        sectionId: await this.consensusSectionId(tx, caseId),
        actorId,
        actorName: await this.nameOf(tx, actorId),
      },
    ]);
  }

  /** A declaration's text awaits the signatures of the organisations that have not signed. */
  async signatureNeeded(
    tx: Storage,
    caseId: string,
    organisationIds: readonly string[],
    actorId: string,
  ): Promise<Told> {
    const found = await this.getCase(tx, caseId);
    if (!found || organisationIds.length === 0) return NOTHING_TOLD;
    const rows = await tx.db
      .selectFrom('memberships')
      .select('user_id')
      .where('community_id', '=', found.communityId)
      .where('role', '=', 'member')
      .where('organisation_id', 'in', organisationIds)
      .execute();
    return this.deps.notifier.write(tx, [
      {
        kind: 'signature-needed',
        recipients: rows.map((r) => r.user_id),
        title: `${this.label(found)} venter på signaturen fra din organisasjon`,
        caseId,
        actorId,
        actorName: await this.nameOf(tx, actorId),
      },
    ]);
  }

  /**
   * A meeting was planned, moved or cancelled, or people were added to or taken off its
   * summons: `recipients` (summoned people, never the whole community) are told, each with
   * their own calendar entry.
   */
  async meetingChanged(
    tx: Storage,
    meeting: Meeting,
    change: MeetingChange,
    recipients: readonly string[],
    actorId: string,
    invitation?: (attendee: { email: string; name: string }) => NoticeDraft['calendar'],
  ): Promise<Told> {
    if (recipients.length === 0) return NOTHING_TOLD;
    const body = await tx.db.selectFrom('bodies').select('name').where('id', '=', meeting.bodyId).executeTakeFirst();
    const bodyName = body?.name ?? 'møteorganet';
    const when = `${meetingWhen(meeting)}, ${meeting.place}`;
    const title = {
      planned: `Nytt møte i ${bodyName} ${when}`,
      moved: `Møtet i ${bodyName} er flyttet: ${when}`,
      cancelled: `Møtet i ${bodyName} ${when} er avlyst`,
      released: `Du er ikke lenger innkalt til møtet i ${bodyName} ${when}`,
    }[change];
    const actorName = await this.nameOf(tx, actorId);
    const users = this.deps.readsIn(tx).users;
    // One draft per person: each gets their own invitation (the attendee differs).
    const drafts: NoticeDraft[] = [];
    for (const id of recipients) {
      const person = await users.getUser(id);
      if (!person) continue;
      drafts.push({
        kind: 'meeting',
        recipients: [person.id],
        title,
        body: change === 'planned' || change === 'moved' ? 'Sakslisten ligger i Samråd.' : '',
        meetingId: meeting.id,
        link: `/mote/${encodeURIComponent(meeting.id)}`,
        actorId,
        actorName,
        calendar: invitation?.({ email: person.email, name: person.name }) ?? null,
      });
    }
    return this.deps.notifier.write(tx, drafts);
  }

  private async toCommunity(
    tx: Storage,
    caseId: string,
    kind: NoticeDraft['kind'],
    title: (found: Case) => string,
    extra: { actorId: string; body?: string },
    known?: { found: Case; actorName: string | null },
  ): Promise<Told> {
    const found = known?.found ?? (await this.getCase(tx, caseId));
    if (!found) return NOTHING_TOLD;
    return this.deps.notifier.write(tx, [
      {
        kind,
        recipients: (await this.members(tx, found.communityId)).map((m) => m.userId),
        title: title(found),
        body: extra.body ?? '',
        caseId,
        actorId: extra.actorId,
        actorName: known ? known.actorName : await this.nameOf(tx, extra.actorId),
      },
    ]);
  }

  private async consensusSectionId(tx: Storage, caseId: string): Promise<string | null> {
    const sections = await this.deps.readsIn(tx).cases.listSections(caseId);
    return sections.find((s) => s.kind === CONSENSUS_SECTION_KIND)?.id ?? null;
  }
}
