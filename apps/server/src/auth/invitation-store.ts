import type { CreateInvitationInput, Role, Side } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import { hashToken, newToken } from './tokens.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface StoredInvitation {
  tokenHash: string;
  email: string;
  name: string;
  communityId: string;
  organisationId: string | null;
  side: Side | null;
  role: Role;
  expiresAt: string;
  usedAt: string | null;
}

export type InvitationLookup =
  { status: 'valid'; invitation: StoredInvitation } | { status: 'expired' | 'used' | 'unknown' };

export interface InvitationStore {
  create(input: CreateInvitationInput, invitedBy: string): Promise<{ token: string; expiresAt: Date }>;
  lookup(token: string): Promise<InvitationLookup>;
  /** Marks the invitation used; false if another request used it first. */
  consume(tokenHash: string): Promise<boolean>;
}

export function createSqlInvitationStore(
  { db }: Storage,
  now: () => Date = () => new Date(),
  ttlMs = INVITATION_TTL_MS,
): InvitationStore {
  return {
    async create(input, invitedBy) {
      const token = newToken();
      const created = now();
      const expiresAt = new Date(created.getTime() + ttlMs);
      await db
        .insertInto('invitations')
        .values({
          token_hash: hashToken(token),
          email: input.email,
          name: input.name,
          community_id: input.communityId,
          organisation_id: input.organisationId,
          side: input.side,
          role: input.role,
          invited_by: invitedBy,
          created_at: created.toISOString(),
          expires_at: expiresAt.toISOString(),
        })
        .execute();
      return { token, expiresAt };
    },
    async lookup(token) {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!row) return { status: 'unknown' };
      if (row.used_at) return { status: 'used' };
      if (row.expires_at <= now().toISOString()) return { status: 'expired' };
      return {
        status: 'valid',
        invitation: {
          tokenHash: row.token_hash,
          email: row.email,
          name: row.name,
          communityId: row.community_id,
          organisationId: row.organisation_id,
          // Written from a validated CreateInvitationInput, and the columns' CHECKs hold them to these.
          side: row.side as Side | null,
          role: row.role as Role,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        },
      };
    },
    async consume(tokenHash) {
      const result = await db
        .updateTable('invitations')
        .set({ used_at: now().toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
