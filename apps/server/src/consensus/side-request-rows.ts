import type { Side, SideRequest } from '@samraad/schema';

/** A reopen or correction request row, with the names of who asked and who confirmed. */
export interface SideRequestRow {
  id: string;
  case_id: string;
  side: Side;
  requested_by: string;
  requested_by_name: string;
  reason: string;
  requested_at: string;
  confirmed_by: string | null;
  confirmed_by_name: string | null;
  confirmed_at: string | null;
}

export function sideRequestFromRow(row: SideRequestRow): SideRequest {
  return {
    id: row.id,
    caseId: row.case_id,
    side: row.side,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    reason: row.reason,
    requestedAt: row.requested_at,
    confirmedBy: row.confirmed_by,
    confirmedByName: row.confirmed_by_name,
    confirmedAt: row.confirmed_at,
  };
}
