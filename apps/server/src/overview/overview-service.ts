import { decideApproval, needsConsensus, type Case, type Membership, type StartOverview } from '@samraad/schema';
import type { AuditLog } from '../audit/audit-log.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { SqlClient } from '../db/sql-client.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';

const RECENT_LIMIT = 10;
const NEXT_MEETINGS_LIMIT = 5;

/** The start page's "for me" lists, across every community the person belongs to. */
export class OverviewService {
  constructor(
    private readonly deps: { sql: SqlClient; cases: CaseRepository; audit: AuditLog; meetings: MeetingRepository },
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
      const rows = await this.deps.sql.all<{ id: string }>(
        `SELECT c.id FROM cases c
         WHERE c.community_id = ? AND c.status = 'til_beslutning'
           AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = c.id AND a.side = ? AND a.voided_at IS NULL)
         ORDER BY c.id`,
        [membership.communityId, membership.side],
      );
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
    const rows = await this.deps.sql.all<{ case_id: string; at: string }>(
      `SELECT case_id, MAX(at) AS at FROM (
         SELECT case_id, at FROM audit_log WHERE user_id = ? AND action = 'update'
         UNION ALL
         SELECT t.case_id, c.created_at AS at FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE c.author_id = ?
       ) mine GROUP BY case_id ORDER BY at DESC LIMIT ?`,
      [userId, userId, RECENT_LIMIT * 2],
    );
    const cases: Case[] = [];
    for (const row of rows) {
      const found = await this.deps.cases.getCase(row.case_id);
      if (found && readable.has(found.communityId)) cases.push(found);
      if (cases.length === RECENT_LIMIT) break;
    }
    return cases;
  }
}
