import type { CreateInvitationInput, Role, Side } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
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

interface InvitationRow {
  token_hash: string;
  email: string;
  name: string;
  community_id: string;
  organisation_id: string | null;
  side: Side | null;
  role: Role;
  expires_at: string;
  used_at: string | null;
}

export function createSqlInvitationStore(
  sql: SqlClient,
  now: () => Date = () => new Date(),
  ttlMs = INVITATION_TTL_MS,
): InvitationStore {
  return {
    async create(input, invitedBy) {
      const token = newToken();
      const created = now();
      const expiresAt = new Date(created.getTime() + ttlMs);
      await sql.run(
        `INSERT INTO invitations (token_hash, email, name, community_id, organisation_id, side, role, invited_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          hashToken(token),
          input.email,
          input.name,
          input.communityId,
          input.organisationId,
          input.side,
          input.role,
          invitedBy,
          created.toISOString(),
          expiresAt.toISOString(),
        ],
      );
      return { token, expiresAt };
    },
    async lookup(token) {
      const row = await sql.get<InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?', [hashToken(token)]);
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
          side: row.side,
          role: row.role,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        },
      };
    },
    async consume(tokenHash) {
      const result = await sql.run('UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [
        now().toISOString(),
        tokenHash,
      ]);
      return result.changes === 1;
    },
  };
}
