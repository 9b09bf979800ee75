import { randomUUID } from 'node:crypto';
import { MembershipSchema, MembershipViewSchema, type Membership } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
import type { UserRepository } from './user-repository.js';

interface MembershipRow {
  user_id: string;
  community_id: string;
  organisation_id: string | null;
  side: string | null;
  role: string;
}

function membershipFromRow(row: MembershipRow): Membership {
  return MembershipSchema.parse({
    userId: row.user_id,
    communityId: row.community_id,
    organisationId: row.organisation_id,
    side: row.side,
    role: row.role,
  });
}

export function createSqlUserRepository(sql: SqlClient): UserRepository {
  return {
    async findByEmail(email) {
      const row = await sql.get<{
        id: string;
        email: string;
        name: string;
        title: string | null;
        password_hash: string;
      }>('SELECT * FROM users WHERE email = ?', [email.trim().toLowerCase()]);
      return row
        ? { id: row.id, email: row.email, name: row.name, title: row.title, passwordHash: row.password_hash }
        : null;
    },
    async getUser(id) {
      return (
        (await sql.get<{ id: string; email: string; name: string; title: string | null }>(
          'SELECT id, email, name, title FROM users WHERE id = ?',
          [id],
        )) ?? null
      );
    },
    async createUser({ email, name, passwordHash, title = null }) {
      const user = { id: randomUUID(), email: email.trim().toLowerCase(), name, title };
      await sql.run('INSERT INTO users (id, email, name, password_hash, title) VALUES (?, ?, ?, ?, ?)', [
        user.id,
        user.email,
        user.name,
        passwordHash,
        title,
      ]);
      return user;
    },
    async setTitle(userId, title) {
      await sql.run('UPDATE users SET title = ? WHERE id = ?', [title, userId]);
    },
    async setPasswordHash(userId, passwordHash) {
      await sql.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, userId]);
    },
    async memberships(userId) {
      const rows = await sql.all<MembershipRow & { community_name: string; organisation_name: string | null }>(
        `SELECT m.*, c.name AS community_name, o.name AS organisation_name
         FROM memberships m JOIN communities c ON c.id = m.community_id
         LEFT JOIN organisations o ON o.id = m.organisation_id
         WHERE m.user_id = ? ORDER BY c.name`,
        [userId],
      );
      return rows.map((row) =>
        MembershipViewSchema.parse({
          ...membershipFromRow(row),
          communityName: row.community_name,
          organisationName: row.organisation_name,
        }),
      );
    },
    async membershipIn(userId, communityId) {
      const row = await sql.get<MembershipRow>('SELECT * FROM memberships WHERE user_id = ? AND community_id = ?', [
        userId,
        communityId,
      ]);
      return row ? membershipFromRow(row) : null;
    },
    async membersOf(communityId) {
      const rows = await sql.all<{ id: string; name: string; organisation_name: string | null }>(
        `SELECT u.id, u.name, o.name AS organisation_name
         FROM memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN organisations o ON o.id = m.organisation_id
         WHERE m.community_id = ? ORDER BY u.name`,
        [communityId],
      );
      return rows.map((row) => ({ id: row.id, name: row.name, organisationName: row.organisation_name }));
    },
    async setMembership(membership) {
      const m = MembershipSchema.parse(membership);
      await sql.run(
        `INSERT INTO memberships (user_id, community_id, organisation_id, side, role) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, community_id) DO UPDATE SET
           organisation_id = excluded.organisation_id, side = excluded.side, role = excluded.role`,
        [m.userId, m.communityId, m.organisationId, m.side, m.role],
      );
    },
  };
}
