import { randomUUID } from 'node:crypto';
import type { DeclarationSignature, DeclarationWithdrawal, Side } from '@samraad/schema';
import { isUniqueViolation, type SqlClient } from '../db/sql-client.js';

/** Which cases are declarations, and who signed them for which partner organisation. */
export interface DeclarationRepository {
  isDeclaration(caseId: string): Promise<boolean>;
  setDeclaration(caseId: string, isDeclaration: boolean): Promise<void>;
  signatures(caseId: string): Promise<DeclarationSignature[]>;
  /** False when the organisation had already signed (someone faster). */
  sign(input: { caseId: string; organisationId: string; userId: string; signerTitle: string }): Promise<boolean>;
  /** Moves the organisation's signature to the withdrawals; false when there was none (someone faster). */
  withdraw(input: { caseId: string; organisationId: string; userId: string }): Promise<boolean>;
  withdrawals(caseId: string): Promise<DeclarationWithdrawal[]>;
}

interface SignatureRow {
  organisation_id: string;
  organisation_name: string;
  side: Side;
  user_id: string;
  user_name: string;
  signer_title: string;
  signed_at: string;
}

export function createSqlDeclarationRepository(sql: SqlClient): DeclarationRepository {
  return {
    async isDeclaration(caseId) {
      return (await sql.get('SELECT case_id FROM declaration_cases WHERE case_id = ?', [caseId])) !== undefined;
    },
    async setDeclaration(caseId, isDeclaration) {
      if (isDeclaration) {
        await sql.run('INSERT INTO declaration_cases (case_id) VALUES (?) ON CONFLICT (case_id) DO NOTHING', [caseId]);
      } else {
        await sql.run('DELETE FROM declaration_cases WHERE case_id = ?', [caseId]);
      }
    },
    async signatures(caseId) {
      const rows = await sql.all<SignatureRow>(
        `SELECT s.organisation_id, o.name AS organisation_name, o.side, s.user_id, u.name AS user_name, s.signer_title, s.signed_at
         FROM declaration_signatures s
         JOIN organisations o ON o.id = s.organisation_id
         JOIN users u ON u.id = s.user_id
         WHERE s.case_id = ?
         ORDER BY s.signed_at, s.organisation_id`,
        [caseId],
      );
      return rows.map((row) => ({
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        side: row.side,
        userId: row.user_id,
        userName: row.user_name,
        signerTitle: row.signer_title,
        signedAt: row.signed_at,
      }));
    },
    async withdraw({ caseId, organisationId, userId }) {
      return sql.transaction(async (tx) => {
        // Copy first, then delete: only the transaction whose DELETE removed the row keeps its copy.
        const id = randomUUID();
        await tx.run(
          `INSERT INTO declaration_withdrawals (id, case_id, organisation_id, signed_by, signer_title, signed_at, withdrawn_by, withdrawn_at)
           SELECT ?, case_id, organisation_id, user_id, signer_title, signed_at, ?, ? FROM declaration_signatures
           WHERE case_id = ? AND organisation_id = ?`,
          [id, userId, new Date().toISOString(), caseId, organisationId],
        );
        const { changes } = await tx.run('DELETE FROM declaration_signatures WHERE case_id = ? AND organisation_id = ?', [caseId, organisationId]);
        if (changes === 0) {
          await tx.run('DELETE FROM declaration_withdrawals WHERE id = ?', [id]);
          return false;
        }
        return true;
      });
    },
    async withdrawals(caseId) {
      const rows = await sql.all<{
        organisation_id: string;
        organisation_name: string;
        signed_by_name: string;
        signer_title: string;
        signed_at: string;
        withdrawn_by_name: string;
        withdrawn_at: string;
      }>(
        `SELECT w.organisation_id, o.name AS organisation_name, s.name AS signed_by_name, w.signer_title, w.signed_at,
                b.name AS withdrawn_by_name, w.withdrawn_at
         FROM declaration_withdrawals w
         JOIN organisations o ON o.id = w.organisation_id
         JOIN users s ON s.id = w.signed_by
         JOIN users b ON b.id = w.withdrawn_by
         WHERE w.case_id = ?
         ORDER BY w.withdrawn_at DESC`,
        [caseId],
      );
      return rows.map((row) => ({
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        signedByName: row.signed_by_name,
        signerTitle: row.signer_title,
        signedAt: row.signed_at,
        withdrawnByName: row.withdrawn_by_name,
        withdrawnAt: row.withdrawn_at,
      }));
    },
    async sign({ caseId, organisationId, userId, signerTitle }) {
      try {
        await sql.run(
          'INSERT INTO declaration_signatures (case_id, organisation_id, user_id, signer_title, signed_at) VALUES (?, ?, ?, ?, ?)',
          [caseId, organisationId, userId, signerTitle, new Date().toISOString()],
        );
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
