import { randomUUID } from 'node:crypto';
import { MembershipSchema, MembershipViewSchema, type Membership } from '@samraad/schema';
import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';
import type { UserRepository } from './user-repository.js';

function membershipFromRow(row: Selectable<Database['memberships']>): Membership {
  return MembershipSchema.parse({
    userId: row.user_id,
    communityId: row.community_id,
    organisationId: row.organisation_id,
    side: row.side,
    role: row.role,
  });
}

export function createSqlUserRepository({ db }: Storage): UserRepository {
  return {
    async findByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row
        ? { id: row.id, email: row.email, name: row.name, title: row.title, passwordHash: row.password_hash }
        : null;
    },
    async getUser(id) {
      return (
        (await db
          .selectFrom('users')
          .select(['id', 'email', 'name', 'title'])
          .where('id', '=', id)
          .executeTakeFirst()) ?? null
      );
    },
    async createUser({ email, name, passwordHash, title = null }) {
      const user = { id: randomUUID(), email: email.trim().toLowerCase(), name, title };
      await db
        .insertInto('users')
        .values({ id: user.id, email: user.email, name: user.name, password_hash: passwordHash, title })
        .execute();
      return user;
    },
    async setTitle(userId, title) {
      await db.updateTable('users').set({ title }).where('id', '=', userId).execute();
    },
    async setPasswordHash(userId, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    },
    async memberships(userId) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('communities as c', 'c.id', 'm.community_id')
        .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
        .selectAll('m')
        .select(['c.name as community_name', 'o.name as organisation_name'])
        .where('m.user_id', '=', userId)
        .orderBy('c.name')
        .execute();
      return rows.map((row) =>
        MembershipViewSchema.parse({
          ...membershipFromRow(row),
          communityName: row.community_name,
          organisationName: row.organisation_name,
        }),
      );
    },
    async membershipIn(userId, communityId) {
      const row = await db
        .selectFrom('memberships')
        .selectAll()
        .where('user_id', '=', userId)
        .where('community_id', '=', communityId)
        .executeTakeFirst();
      return row ? membershipFromRow(row) : null;
    },
    async membersOf(communityId) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['u.id', 'u.name', 'o.name as organisation_name'])
        .where('m.community_id', '=', communityId)
        .orderBy('u.name')
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.name, organisationName: row.organisation_name }));
    },
    async setMembership(membership) {
      const m = MembershipSchema.parse(membership);
      await db
        .insertInto('memberships')
        .values({
          user_id: m.userId,
          community_id: m.communityId,
          organisation_id: m.organisationId,
          side: m.side,
          role: m.role,
        })
        .onConflict((oc) =>
          oc.columns(['user_id', 'community_id']).doUpdateSet((eb) => ({
            organisation_id: eb.ref('excluded.organisation_id'),
            side: eb.ref('excluded.side'),
            role: eb.ref('excluded.role'),
          })),
        )
        .execute();
    },
  };
}
