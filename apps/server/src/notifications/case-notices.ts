import {
  CONSENSUS_SECTION_KIND,
  SIDES,
  type Approval,
  type Case,
  type CaseStatus,
  type CommentThread,
  type Meeting,
  type Side,
} from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import type { Storage } from '../db/storage.js';
import type { UserRepository } from '../users/user-repository.js';
import { logger } from '../logging/logger.js';
import type { NoticeDraft, Notifier } from './notifier.js';

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

const excerpt = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Who is told what, for each fact that concerns people: turns a committed fact into notices for
 * the right people of the case's community. The services call one method per fact, after it
 * committed (see Notifier).
 */
export class CaseNotices {
  constructor(
    private readonly deps: {
      storage: Storage;
      cases: CaseRepository;
      users: UserRepository;
      consensus: ConsensusRepository;
      notifier: Notifier;
    },
  ) {}

  private async members(communityId: string): Promise<Member[]> {
    const rows = await this.deps.storage.db
      .selectFrom('memberships')
      .select(['user_id', 'role', 'side'])
      .where('community_id', '=', communityId)
      .orderBy('user_id')
      .execute();
    // The columns' CHECKs hold role and side to the shared schema's values.
    return rows.map((r) => ({ userId: r.user_id, role: r.role as Member['role'], side: r.side as Side | null }));
  }

  /** Who approves for a side: its named approvers where the community names them, else its members. */
  private async approvers(communityId: string, side: Side): Promise<string[]> {
    const settings = await this.deps.consensus.settings(communityId);
    if (settings.policy === 'named-approver') {
      return settings.approvers.filter((a) => a.side === side).map((a) => a.userId);
    }
    return (await this.members(communityId)).filter((m) => m.role === 'member' && m.side === side).map((m) => m.userId);
  }

  private async nameOf(userId: string | null): Promise<string | null> {
    return userId ? ((await this.deps.users.getUser(userId))?.name ?? null) : null;
  }

  private label = (found: Case) => `${found.body} ${found.number} ${found.title}`;

  /**
   * A comment was written (a new thread or a reply) or edited: the people it newly mentions,
   * then everyone who took part in the thread before.
   */
  async commented(
    thread: CommentThread,
    commentId: string,
    edit: { alreadyMentioned: readonly string[] } | null = null,
  ): Promise<void> {
    const alreadyMentioned = edit?.alreadyMentioned ?? [];
    const comment = thread.comments.find((c) => c.id === commentId);
    const found = await this.deps.cases.getCase(thread.caseId);
    if (!comment || !found) return;
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
    await this.deps.notifier.notify(drafts);
  }

  /**
   * The secretariat moved a case. Into the decision round, those who approve for each side are
   * asked to; everyone else in the community hears of the move to discussion or decision.
   */
  async statusChanged(caseId: string, actorId: string): Promise<void> {
    const found = await this.deps.cases.getCase(caseId);
    const statusName = found ? STATUS_NAMES[found.status] : undefined;
    if (!found || !statusName) return;
    const actorName = await this.nameOf(actorId);
    const drafts: NoticeDraft[] = [];
    if (found.status === 'til_beslutning') {
      for (const side of SIDES) {
        drafts.push({
          kind: 'approval-needed',
          recipients: await this.approvers(found.communityId, side),
          title: `${this.label(found)} venter på godkjenning fra ${SIDE_NAMES[side]}`,
          body: `Saken er satt til beslutning. Les innstillingen og godkjenn for ${SIDE_NAMES[side]}.`,
          caseId,
          sectionId: await this.consensusSectionId(caseId),
          actorId,
          actorName,
        });
      }
    }
    drafts.push({
      kind: 'case-status',
      recipients: (await this.members(found.communityId)).map((m) => m.userId),
      title: `${this.label(found)} er satt ${statusName}`,
      body: actorName ? `Endret av ${actorName}.` : '',
      caseId,
      actorId,
      actorName,
    });
    await this.deps.notifier.notify(drafts);
  }

  /**
   * Approvals fell away because the wording changed: the approvers and everyone who approves for
   * their side learn at once why, and who changed it.
   */
  async approvalsDropped(caseId: string, voided: readonly Approval[], changedBy: string | null): Promise<void> {
    // Called without waiting (from the room's queue): a failure is logged, never left unhandled.
    await this.tellApprovalsDropped(caseId, voided, changedBy).catch((error: unknown) =>
      logger.error({ err: error, caseId }, 'kunne ikke varsle om bortfalt godkjenning'),
    );
  }

  private async tellApprovalsDropped(caseId: string, voided: readonly Approval[], changedBy: string | null) {
    const found = await this.deps.cases.getCase(caseId);
    if (!found || voided.length === 0) return;
    const changerName = (await this.nameOf(changedBy)) ?? 'noen';
    const sectionId = await this.consensusSectionId(caseId);
    const drafts: NoticeDraft[] = [];
    for (const side of SIDES) {
      const dropped = voided.filter((a) => a.side === side);
      if (dropped.length === 0) continue;
      drafts.push({
        kind: 'approval-dropped',
        recipients: [...dropped.map((a) => a.userId), ...(await this.approvers(found.communityId, side))],
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
    await this.deps.notifier.notify(drafts);
  }

  /** Both sides approved the same wording: it is locked and the case has consensus. */
  async consensusReached(caseId: string, actorId: string): Promise<void> {
    await this.toCommunity(caseId, 'consensus', (found) => `Konsensus i ${this.label(found)}: teksten er låst`, {
      actorId,
      // The last approver knows; everyone else, including the first side's approvers, is told.
      body: 'Begge parter har godkjent samme innstilling.',
    });
  }

  async published(caseId: string, actorId: string): Promise<void> {
    await this.toCommunity(caseId, 'published', (found) => `${this.label(found)} er publisert`, { actorId });
  }

  /** One side asks to reopen a locked case: the other side's approvers must confirm. */
  async reopenRequested(caseId: string, side: Side, actorId: string, reason: string): Promise<void> {
    const found = await this.deps.cases.getCase(caseId);
    if (!found) return;
    const other = SIDES.find((s) => s !== side)!;
    await this.deps.notifier.notify([
      {
        kind: 'reopen-requested',
        recipients: await this.approvers(found.communityId, other),
        title: `${SIDE_NAMES[side]} ber om å gjenåpne ${this.label(found)}`,
        body: `Begrunnelse: ${excerpt(reason)}\nDen andre parten må bekrefte gjenåpningen.`,
        caseId,
        sectionId: await this.consensusSectionId(caseId),
        actorId,
        actorName: await this.nameOf(actorId),
      },
    ]);
  }

  /** A declaration's text awaits the signatures of the organisations that have not signed. */
  async signatureNeeded(caseId: string, organisationIds: readonly string[], actorId: string): Promise<void> {
    const found = await this.deps.cases.getCase(caseId);
    if (!found || organisationIds.length === 0) return;
    const rows = await this.deps.storage.db
      .selectFrom('memberships')
      .select(['user_id', 'organisation_id'])
      .where('community_id', '=', found.communityId)
      .where('role', '=', 'member')
      .execute();
    await this.deps.notifier.notify([
      {
        kind: 'signature-needed',
        recipients: rows
          .filter((r) => r.organisation_id !== null && organisationIds.includes(r.organisation_id))
          .map((r) => r.user_id),
        title: `${this.label(found)} venter på signaturen fra din organisasjon`,
        caseId,
        actorId,
        actorName: await this.nameOf(actorId),
      },
    ]);
  }

  /** A meeting was planned, moved or cancelled: everyone in its community is summoned or told. */
  async meetingChanged(
    meeting: Meeting,
    change: 'planned' | 'moved' | 'cancelled',
    actorId: string,
    invitation?: (attendee: { email: string; name: string }) => NoticeDraft['calendar'],
  ): Promise<void> {
    const body = await this.deps.storage.db
      .selectFrom('bodies')
      .select('name')
      .where('id', '=', meeting.bodyId)
      .executeTakeFirst();
    const when = `${meeting.date.split('-').reverse().join('.')}, ${meeting.place}`;
    const title = {
      planned: `Nytt møte i ${body?.name ?? 'møteorganet'} ${when}`,
      moved: `Møtet i ${body?.name ?? 'møteorganet'} er flyttet: ${when}`,
      cancelled: `Møtet i ${body?.name ?? 'møteorganet'} ${when} er avlyst`,
    }[change];
    const actorName = await this.nameOf(actorId);
    const recipients = (await this.members(meeting.communityId)).map((m) => m.userId);
    // One draft per person when each gets their own invitation (the attendee differs).
    const people = await Promise.all(recipients.map((id) => this.deps.users.getUser(id)));
    const drafts: NoticeDraft[] = people.flatMap((person) =>
      person
        ? [
            {
              kind: 'meeting' as const,
              recipients: [person.id],
              title,
              body: change === 'cancelled' ? '' : 'Sakslisten ligger i Samråd.',
              meetingId: meeting.id,
              link: `/mote/${encodeURIComponent(meeting.id)}`,
              actorId,
              actorName,
              calendar: invitation?.({ email: person.email, name: person.name }) ?? null,
            },
          ]
        : [],
    );
    await this.deps.notifier.notify(drafts);
  }

  private async toCommunity(
    caseId: string,
    kind: NoticeDraft['kind'],
    title: (found: Case) => string,
    extra: { actorId: string; body?: string },
  ): Promise<void> {
    const found = await this.deps.cases.getCase(caseId);
    if (!found) return;
    await this.deps.notifier.notify([
      {
        kind,
        recipients: (await this.members(found.communityId)).map((m) => m.userId),
        title: title(found),
        body: extra.body ?? '',
        caseId,
        actorId: extra.actorId,
        actorName: await this.nameOf(extra.actorId),
      },
    ]);
  }

  private async consensusSectionId(caseId: string): Promise<string | null> {
    const sections = await this.deps.cases.listSections(caseId);
    return sections.find((s) => s.kind === CONSENSUS_SECTION_KIND)?.id ?? null;
  }
}
