import type { DeclarationSignature, Side } from '@samraad/schema';
import { isUniqueViolation, type SqlClient } from '../db/sql-client.js';

/** Which cases are declarations, and who signed them for which partner organisation. */
export interface DeclarationRepository {
  isDeclaration(caseId: string): Promise<boolean>;
  setDeclaration(caseId: string, isDeclaration: boolean): Promise<void>;
  signatures(caseId: string): Promise<DeclarationSignature[]>;
  /** False when the organisation had already signed (someone faster). */
  sign(input: { caseId: string; organisationId: string; userId: string; signerTitle: string }): Promise<boolean>;
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
