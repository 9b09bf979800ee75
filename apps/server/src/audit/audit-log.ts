import type { ActivityEntry } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';

export interface AuditRecord {
  userId: string;
  caseId: string;
  sectionId: string;
  action: ActivityEntry['action'];
  bytes: number;
}

/** Who wrote (or tried to write) which section, when, and how much. */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  listForCase(caseId: string, limit?: number): Promise<ActivityEntry[]>;
}

export function createSqlAuditLog(sql: SqlClient): AuditLog {
  return {
    async record(entry) {
      await sql.run('INSERT INTO audit_log (at, user_id, case_id, section_id, action, bytes) VALUES (?, ?, ?, ?, ?, ?)', [
        new Date().toISOString(),
        entry.userId,
        entry.caseId,
        entry.sectionId,
        entry.action,
        entry.bytes,
      ]);
    },
    async listForCase(caseId, limit = 200) {
      const rows = await sql.all<{ section_id: string; user_id: string; user_name: string | null; action: 'update' | 'refused'; bytes: number | string; at: string }>(
        `SELECT a.section_id, a.user_id, u.name AS user_name, a.action, a.bytes, a.at
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.case_id = ? ORDER BY a.id DESC LIMIT ?`,
        [caseId, limit],
      );
      return rows.map((row) => ({
        sectionId: row.section_id,
        userId: row.user_id,
        userName: row.user_name ?? 'ukjent',
        action: row.action,
        bytes: Number(row.bytes),
        at: row.at,
      }));
    },
  };
}
