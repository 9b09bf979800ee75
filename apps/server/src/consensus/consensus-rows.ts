import { ApprovalSchema, diffWords, type Approval, type ApprovalVoid } from '@samraad/schema';

/** An approval row with its approver's name, as `approvals` and the consensus facts read it. */
export interface ApprovalRow {
  id: string;
  case_id: string;
  side: string;
  user_id: string;
  user_name: string;
  content_hash: string;
  approved_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

export const approvalFromRow = (row: ApprovalRow): Approval =>
  ApprovalSchema.parse({
    id: row.id,
    caseId: row.case_id,
    side: row.side,
    userId: row.user_id,
    userName: row.user_name,
    contentHash: row.content_hash,
    approvedAt: row.approved_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  });

/** An approval void row with the name of who changed the text. */
export interface VoidRow {
  id: string;
  case_id: string;
  reason: ApprovalVoid['reason'];
  voided_at: string;
  changed_by: string | null;
  changed_by_name: string | null;
  approved_hash: string | null;
  current_hash: string | null;
  approved_text: string | null;
  current_text: string | null;
}

export const voidFromRow = (row: VoidRow): ApprovalVoid => ({
  id: row.id,
  caseId: row.case_id,
  reason: row.reason,
  voidedAt: row.voided_at,
  changedBy: row.changed_by,
  changedByName: row.changed_by_name,
  approvedHash: row.approved_hash,
  currentHash: row.current_hash,
  approvedText: row.approved_text,
  currentText: row.current_text,
  diff: row.approved_text !== null && row.current_text !== null ? diffWords(row.approved_text, row.current_text) : [],
});
