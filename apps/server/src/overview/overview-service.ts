import { decideApproval, needsConsensus, type Case, type Membership, type StartOverview } from '@samraad/schema';
import type { AuditLog } from '../audit/audit-log.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { Storage } from '../db/storage.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';

const RECENT_LIMIT = 10;
const NEXT_MEETINGS_LIMIT = 5;

/** The start page's "for me" lists, across every community the person belongs to. */
export class OverviewService {
  constructor(
    private readonly deps: { storage: Storage; cases: CaseRepository; audit: AuditLog; meetings: MeetingRepository },
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  async overview(userId: string, memberships: readonly Membership[]): Promise<StartOverview> {
    return {
      awaitingMyApproval: await this.awaitingApproval(memberships),
      recentlyMine: await this.recentlyMine(userId, memberships),
      nextMeetings: await this.deps.meetings.listUpcoming(
        memberships.map((membership) => membership.communityId),
        this.today(),
        NEXT_MEETINGS_LIMIT,
      ),
    };
  }

  private async awaitingApproval(memberships: readonly Membership[]): Promise<Case[]> {
    const waiting: Case[] = [];
    for (const membership of memberships) {
      if (!decideApproval({ role: membership.role, side: membership.side }).allowed || !membership.side) continue;
      const side = membership.side;
      const rows = await this.deps.storage.db
        .selectFrom('cases as c')
        .select('c.id')
        .where('c.community_id', '=', membership.communityId)
        .where('c.status', '=', 'til_beslutning')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('approvals as a')
                .select((sub) => sub.lit(1).as('one'))
                .whereRef('a.case_id', '=', 'c.id')
                .where('a.side', '=', side)
                .where('a.voided_at', 'is', null),
            ),
          ),
        )
        .orderBy('c.id')
        .execute();
      for (const row of rows) {
        const found = await this.deps.cases.getCase(row.id);
        if (found && needsConsensus(found.kind)) waiting.push(found);
      }
    }
    return waiting;
  }

  private async recentlyMine(userId: string, memberships: readonly Membership[]): Promise<Case[]> {
    const readable = new Set(memberships.map((membership) => membership.communityId));
    // Newest activity first: accepted writes from the audit log, and comments.
    await this.deps.audit.flush();
    const { db } = this.deps.storage;
    const rows = await db
      .selectFrom(
        db
          .selectFrom('audit_log')
          .select(['case_id', 'at'])
          .where('user_id', '=', userId)
          .where('action', '=', 'update')
          .unionAll(
            db
              .selectFrom('comments as c')
              .innerJoin('comment_threads as t', 't.id', 'c.thread_id')
              .select(['t.case_id', 'c.created_at as at'])
              .where('c.author_id', '=', userId),
          )
          .as('mine'),
      )
      .select((eb) => ['case_id', eb.fn.max('at').as('at')])
      .groupBy('case_id')
      .orderBy('at', 'desc')
      .limit(RECENT_LIMIT * 2)
      .execute();
    const cases: Case[] = [];
    for (const row of rows) {
      const found = await this.deps.cases.getCase(row.case_id);
      if (found && readable.has(found.communityId)) cases.push(found);
      if (cases.length === RECENT_LIMIT) break;
    }
    return cases;
  }
}
