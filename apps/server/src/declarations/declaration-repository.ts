import { randomUUID } from 'node:crypto';
import type { DeclarationSignature, DeclarationWithdrawal, Side } from '@samraad/schema';
import { isUniqueViolation, type SqlClient } from '../db/sql-client.js';

/** The sealed declaration text of a case: its hash and a copy of each section. */
export interface DeclarationSeal {
  contentHash: string;
  sealedAt: string;
  sections: Array<{ sectionId: string; title: string; sealedState: Uint8Array }>;
}

export interface NewSignature {
  caseId: string;
  organisationId: string;
  userId: string;
  signerTitle: string;
  contentHash: string;
}

/** Which cases are declarations, who signed them for which partner organisation, and the sealed text. */
export interface DeclarationRepository {
  isDeclaration(caseId: string): Promise<boolean>;
  setDeclaration(caseId: string, isDeclaration: boolean): Promise<void>;
  signatures(caseId: string): Promise<DeclarationSignature[]>;
  seal(caseId: string): Promise<DeclarationSeal | null>;
  /**
   * Records a signature; with `seal`, seals the text in the same transaction (the first
   * signature). False when the organisation had already signed or the text was sealed
   * meanwhile (someone faster); nothing is then written.
   */
  sign(input: NewSignature, seal?: Omit<DeclarationSeal, 'sealedAt'>): Promise<boolean>;
  /**
   * Moves the organisation's signature to the withdrawals; false when there was none (someone
   * faster). The last standing signature's withdrawal unseals the text in the same transaction.
   */
  withdraw(input: { caseId: string; organisationId: string; userId: string }): Promise<boolean>;
  withdrawals(caseId: string): Promise<DeclarationWithdrawal[]>;
}

/**
 * Whether a section is part of a sealed declaration text; read with the given client so it can
 * run inside an append's transaction, like the consensus lock (see isRoomSealed).
 */
export async function isDeclarationSealed(sql: SqlClient, caseId: string, sectionId: string): Promise<boolean> {
  return (
    (await sql.get('SELECT 1 AS sealed FROM declaration_sealed_sections WHERE case_id = ? AND section_id = ?', [
      caseId,
      sectionId,
    ])) !== undefined
  );
}

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

interface SignatureRow {
  organisation_id: string;
  organisation_name: string;
  side: Side;
  user_id: string;
  user_name: string;
  signer_title: string;
  signed_at: string;
  content_hash: string | null;
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
        `SELECT s.organisation_id, o.name AS organisation_name, o.side, s.user_id, u.name AS user_name, s.signer_title,
           s.signed_at, s.content_hash
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
        contentHash: row.content_hash,
      }));
    },
    async seal(caseId) {
      const seal = await sql.get<{ content_hash: string; sealed_at: string }>(
        'SELECT content_hash, sealed_at FROM declaration_seals WHERE case_id = ?',
        [caseId],
      );
      if (!seal) return null;
      const sections = await sql.all<{ section_id: string; title: string; sealed_state: Uint8Array }>(
        'SELECT section_id, title, sealed_state FROM declaration_sealed_sections WHERE case_id = ? ORDER BY position',
        [caseId],
      );
      return {
        contentHash: seal.content_hash,
        sealedAt: seal.sealed_at,
        sections: sections.map((row) => ({
          sectionId: row.section_id,
          title: row.title,
          sealedState: new Uint8Array(row.sealed_state),
        })),
      };
    },
    async withdraw({ caseId, organisationId, userId }) {
      return sql.transaction(async (tx) => {
        // Copy first, then delete: only the transaction whose DELETE removed the row keeps its copy.
        const id = randomUUID();
        await tx.run(
          `INSERT INTO declaration_withdrawals (id, case_id, organisation_id, signed_by, signer_title, signed_at,
             withdrawn_by, withdrawn_at, content_hash)
           SELECT ?, case_id, organisation_id, user_id, signer_title, signed_at, ?, ?, content_hash FROM declaration_signatures
           WHERE case_id = ? AND organisation_id = ?`,
          [id, userId, new Date().toISOString(), caseId, organisationId],
        );
        const { changes } = await tx.run(
          'DELETE FROM declaration_signatures WHERE case_id = ? AND organisation_id = ?',
          [caseId, organisationId],
        );
        if (changes === 0) {
          await tx.run('DELETE FROM declaration_withdrawals WHERE id = ?', [id]);
          return false;
        }
        // No one stands behind the text any more: it may be corrected before anyone signs again.
        const standing = await tx.get('SELECT 1 AS signed FROM declaration_signatures WHERE case_id = ? LIMIT 1', [
          caseId,
        ]);
        if (!standing) await tx.run('DELETE FROM declaration_seals WHERE case_id = ?', [caseId]);
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
        content_hash: string | null;
      }>(
        `SELECT w.organisation_id, o.name AS organisation_name, s.name AS signed_by_name, w.signer_title, w.signed_at,
                b.name AS withdrawn_by_name, w.withdrawn_at, w.content_hash
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
        contentHash: row.content_hash,
      }));
    },
    async sign({ caseId, organisationId, userId, signerTitle, contentHash }, seal) {
      const signedAt = new Date().toISOString();
      try {
        return await sql.transaction(async (tx) => {
          if (seal) {
            // The primary key makes a second, concurrent first signature fail here, whole.
            await tx.run(
              'INSERT INTO declaration_seals (case_id, content_hash, sealed_at, sealed_by) VALUES (?, ?, ?, ?)',
              [caseId, seal.contentHash, signedAt, userId],
            );
            for (const [position, section] of seal.sections.entries()) {
              await tx.run(
                'INSERT INTO declaration_sealed_sections (case_id, section_id, position, title, sealed_state) VALUES (?, ?, ?, ?, ?)',
                [caseId, section.sectionId, position, section.title, bytes(section.sealedState)],
              );
            }
          } else {
            // Bound to the text as sealed now, not as it was when the caller read it.
            const sealed = await tx.get<{ content_hash: string }>(
              'SELECT content_hash FROM declaration_seals WHERE case_id = ?',
              [caseId],
            );
            if (sealed?.content_hash !== contentHash) return false;
          }
          await tx.run(
            `INSERT INTO declaration_signatures (case_id, organisation_id, user_id, signer_title, signed_at, content_hash)
             VALUES (?, ?, ?, ?, ?, ?)`,
            [caseId, organisationId, userId, signerTitle, signedAt, contentHash],
          );
          return true;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
