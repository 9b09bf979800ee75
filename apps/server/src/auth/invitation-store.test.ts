import { describe, expect, it } from 'vitest';
import { createSqlCaseRepository } from '../cases/sql-case-repository.js';
import { lofotenVesteralenSalten } from '../demo/communities.js';
import { openTestSql } from '../test-support/test-database.js';
import { createSqlUserRepository } from '../users/sql-user-repository.js';
import { INVITATION_TTL_MS, createSqlInvitationStore } from './invitation-store.js';
import { hashToken } from './tokens.js';

async function setUp() {
  const db = await openTestSql();
  await createSqlCaseRepository(db).saveCommunity(
    lofotenVesteralenSalten.community,
    lofotenVesteralenSalten.organisations,
  );
  const inviter = await createSqlUserRepository(db).createUser({
    email: 'sek@lvs.demo',
    name: 'Sekretær',
    passwordHash: 'x',
  });
  let clock = new Date('2026-11-23T10:00:00Z');
  const store = createSqlInvitationStore(db, () => clock);
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const input = {
    email: 'ny@lvs.demo',
    name: 'Ny',
    communityId: 'lvs',
    organisationId: 'lvs-bodo',
    side: 'kommune',
    role: 'member',
  } as const;
  return { db, store, advance, input, inviterId: inviter.id };
}

describe('invitation store', () => {
  it('stores only a hash of the token', async () => {
    const { db, store, input, inviterId } = await setUp();
    const { token } = await store.create(input, inviterId);
    const rows = await db.db.selectFrom('invitations').select('token_hash').execute();
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('is valid until it expires', async () => {
    const { store, advance, input, inviterId } = await setUp();
    const { token } = await store.create(input, inviterId);
    advance(INVITATION_TTL_MS - 1000);
    expect((await store.lookup(token)).status).toBe('valid');
    advance(2000);
    expect((await store.lookup(token)).status).toBe('expired');
  });

  it('can be consumed once', async () => {
    const { store, input, inviterId } = await setUp();
    const { token } = await store.create(input, inviterId);
    const found = await store.lookup(token);
    if (found.status !== 'valid') throw new Error('expected a valid invitation');
    expect(await store.consume(found.invitation.tokenHash)).toBe(true);
    expect(await store.consume(found.invitation.tokenHash)).toBe(false);
    expect((await store.lookup(token)).status).toBe('used');
  });
});
