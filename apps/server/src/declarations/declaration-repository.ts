import { randomUUID } from 'node:crypto';
import type { DeclarationSignature, DeclarationWithdrawal, Side } from '@samraad/schema';
import { isUniqueViolation, type Storage } from '../db/storage.js';

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
export async function isDeclarationSealed({ db }: Storage, caseId: string, sectionId: string): Promise<boolean> {
  const sealed = await db
    .selectFrom('declaration_sealed_sections')
    .select((eb) => eb.lit(1).as('sealed'))
    .where('case_id', '=', caseId)
    .where('section_id', '=', sectionId)
    .executeTakeFirst();
  return sealed !== undefined;
}

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export function createSqlDeclarationRepository(storage: Storage): DeclarationRepository {
  const { db } = storage;
  return {
    async isDeclaration(caseId) {
      const row = await db
        .selectFrom('declaration_cases')
        .select('case_id')
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async setDeclaration(caseId, isDeclaration) {
      if (isDeclaration) {
        await db
          .insertInto('declaration_cases')
          .values({ case_id: caseId })
          .onConflict((oc) => oc.column('case_id').doNothing())
          .execute();
      } else {
        await db.deleteFrom('declaration_cases').where('case_id', '=', caseId).execute();
      }
    },
    async signatures(caseId) {
      const rows = await db
        .selectFrom('declaration_signatures as s')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.organisation_id',
          'o.name as organisation_name',
          'o.side',
          's.user_id',
          'u.name as user_name',
          's.signer_title',
          's.signed_at',
          's.content_hash',
        ])
        .where('s.case_id', '=', caseId)
        .orderBy('s.signed_at')
        .orderBy('s.organisation_id')
        .execute();
      return rows.map((row) => ({
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        // The organisations table's CHECK holds side to the shared schema's values.
        side: row.side as Side,
        userId: row.user_id,
        userName: row.user_name,
        signerTitle: row.signer_title,
        signedAt: row.signed_at,
        contentHash: row.content_hash,
      }));
    },
    async seal(caseId) {
      const seal = await db
        .selectFrom('declaration_seals')
        .select(['content_hash', 'sealed_at'])
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!seal) return null;
      const sections = await db
        .selectFrom('declaration_sealed_sections')
        .select(['section_id', 'title', 'sealed_state'])
        .where('case_id', '=', caseId)
        .orderBy('position')
        .execute();
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
      return storage.transaction(async ({ db: tx }) => {
        // Copy first, then delete: only the transaction whose DELETE removed the row keeps its copy.
        const id = randomUUID();
        await tx
          .insertInto('declaration_withdrawals')
          .columns([
            'id',
            'case_id',
            'organisation_id',
            'signed_by',
            'signer_title',
            'signed_at',
            'withdrawn_by',
            'withdrawn_at',
            'content_hash',
          ])
          .expression((eb) =>
            eb
              .selectFrom('declaration_signatures')
              .select([
                eb.val(id).as('id'),
                'case_id',
                'organisation_id',
                'user_id',
                'signer_title',
                'signed_at',
                eb.val(userId).as('withdrawn_by'),
                eb.val(new Date().toISOString()).as('withdrawn_at'),
                'content_hash',
              ])
              .where('case_id', '=', caseId)
              .where('organisation_id', '=', organisationId),
          )
          .execute();
        const { numDeletedRows } = await tx
          .deleteFrom('declaration_signatures')
          .where('case_id', '=', caseId)
          .where('organisation_id', '=', organisationId)
          .executeTakeFirst();
        if (numDeletedRows === 0n) {
          await tx.deleteFrom('declaration_withdrawals').where('id', '=', id).execute();
          return false;
        }
        // No one stands behind the text any more: it may be corrected before anyone signs again.
        const standing = await tx
          .selectFrom('declaration_signatures')
          .select((eb) => eb.lit(1).as('signed'))
          .where('case_id', '=', caseId)
          .limit(1)
          .executeTakeFirst();
        if (!standing) await tx.deleteFrom('declaration_seals').where('case_id', '=', caseId).execute();
        return true;
      });
    },
    async withdrawals(caseId) {
      const rows = await db
        .selectFrom('declaration_withdrawals as w')
        .innerJoin('organisations as o', 'o.id', 'w.organisation_id')
        .innerJoin('users as s', 's.id', 'w.signed_by')
        .innerJoin('users as b', 'b.id', 'w.withdrawn_by')
        .select([
          'w.organisation_id',
          'o.name as organisation_name',
          's.name as signed_by_name',
          'w.signer_title',
          'w.signed_at',
          'b.name as withdrawn_by_name',
          'w.withdrawn_at',
          'w.content_hash',
        ])
        .where('w.case_id', '=', caseId)
        .orderBy('w.withdrawn_at', 'desc')
        .execute();
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
        return await storage.transaction(async ({ db: tx }) => {
          if (seal) {
            // The primary key makes a second, concurrent first signature fail here, whole.
            await tx
              .insertInto('declaration_seals')
              .values({ case_id: caseId, content_hash: seal.contentHash, sealed_at: signedAt, sealed_by: userId })
              .execute();
            if (seal.sections.length > 0) {
              await tx
                .insertInto('declaration_sealed_sections')
                .values(
                  seal.sections.map((section, position) => ({
                    case_id: caseId,
                    section_id: section.sectionId,
                    position,
                    title: section.title,
                    sealed_state: bytes(section.sealedState),
                  })),
                )
                .execute();
            }
          } else {
            // Bound to the text as sealed now, not as it was when the caller read it.
            const sealed = await tx
              .selectFrom('declaration_seals')
              .select('content_hash')
              .where('case_id', '=', caseId)
              .executeTakeFirst();
            if (sealed?.content_hash !== contentHash) return false;
          }
          await tx
            .insertInto('declaration_signatures')
            .values({
              case_id: caseId,
              organisation_id: organisationId,
              user_id: userId,
              signer_title: signerTitle,
              signed_at: signedAt,
              content_hash: contentHash,
            })
            .execute();
          return true;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
