import type { Membership, Section, SectionSeal } from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { UserRepository } from '../users/user-repository.js';
import type { SocketAccess } from './section-socket.js';
import { WRITER_TTL_MS, WriterEpoch, bumpingWriterEpoch, decideSocketAccess } from './socket-access.js';

const ROOM = { caseId: 'sak-1', sectionId: 'vurdering' };

function world() {
  const state = {
    owner: 'kommune' as Section['owner'],
    seal: null as SectionSeal,
    reads: { membership: 0, section: 0, lock: 0 },
    clock: 0,
  };
  const membership: Membership = {
    userId: 'u1',
    communityId: 'lvs',
    organisationId: null,
    side: 'kommune',
    role: 'member',
  };
  const cases = {
    getCase: () => Promise.resolve({ id: ROOM.caseId, communityId: 'lvs' }),
    getSection: () => {
      state.reads.section++;
      return Promise.resolve({
        id: ROOM.sectionId,
        caseId: ROOM.caseId,
        kind: 'vurdering',
        title: 'Vurdering',
        owner: state.owner,
        position: 0,
      });
    },
    updateSection: (_caseId: string, _sectionId: string, patch: { owner?: Section['owner'] }) => {
      if (patch.owner) state.owner = patch.owner;
      return Promise.resolve(null);
    },
    deleteSection: () => Promise.resolve(true),
  } as unknown as CaseRepository;
  const users = {
    membershipIn: () => {
      state.reads.membership++;
      return Promise.resolve(membership);
    },
    setMembership: async () => {},
  } as unknown as UserRepository;
  const locks = {
    seal: () => {
      state.reads.lock++;
      return Promise.resolve(state.seal);
    },
  };
  const viewer = {
    user: { id: 'u1', name: 'Kari' },
    memberships: [{ ...membership, communityName: 'LVS', organisationName: null }],
    csrfToken: '',
    session: { id: 's1', expiresAt: new Date(Date.now() + 60_000) },
  } as unknown as Viewer;
  const epoch = new WriterEpoch();
  const wrapped = bumpingWriterEpoch(cases, users, epoch);
  const open = async () => {
    const access: SocketAccess = await decideSocketAccess(
      viewer,
      ROOM,
      wrapped.cases,
      wrapped.users,
      locks,
      epoch,
      () => state.clock,
    );
    if (!access.granted) throw new Error('refused');
    return access;
  };
  return { state, open, cases: wrapped.cases };
}

describe('the per-update write check', () => {
  it('reads membership and owner once per connection but the lock for every update', async () => {
    const { state, open } = world();
    const access = await open();
    for (let i = 0; i < 5; i++) expect(await access.mayWrite()).toEqual({ allowed: true });
    expect(state.reads).toEqual({ membership: 1, section: 1, lock: 5 });
  });

  it('refuses the very next update once the section is locked', async () => {
    const { state, open } = world();
    const access = await open();
    expect((await access.mayWrite()).allowed).toBe(true);
    state.seal = 'locked';
    expect(await access.mayWrite()).toEqual({ allowed: false, reason: 'locked' });
  });

  it('refuses the very next update once the case is published, with publication as the reason', async () => {
    const { state, open } = world();
    const access = await open();
    expect((await access.mayWrite()).allowed).toBe(true);
    state.seal = 'published';
    expect(await access.mayWrite()).toEqual({ allowed: false, reason: 'published' });
  });

  it("re-reads the owner at once after the section is changed through this instance's repository", async () => {
    const { open, cases } = world();
    const access = await open();
    expect((await access.mayWrite()).allowed).toBe(true);
    await cases.updateSection(ROOM.caseId, ROOM.sectionId, { owner: 'helseforetak' });
    expect(await access.mayWrite()).toEqual({ allowed: false, reason: 'other-side' });
  });

  it('re-reads the owner after WRITER_TTL_MS when another instance changed it', async () => {
    const { state, open } = world();
    const access = await open();
    expect((await access.mayWrite()).allowed).toBe(true);
    state.owner = 'helseforetak';
    expect((await access.mayWrite()).allowed).toBe(true);
    state.clock += WRITER_TTL_MS;
    expect(await access.mayWrite()).toEqual({ allowed: false, reason: 'other-side' });
  });
});
