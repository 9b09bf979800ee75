import { SIDES, needsConsensus, sectionRoomName, type CaseStatus } from '@samraad/schema';
import * as Y from 'yjs';
import { hashPassword } from '../auth/passwords.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { Acting, ConsensusService } from '../consensus/consensus-service.js';
import type { MetaStore } from '../meta/meta-store.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { writeBlocks } from '../sections/content.js';
import type { UserRepository } from '../users/user-repository.js';
import { demoCases, type DemoCase, type DemoDecision } from './cases.js';
import { demoCommunities } from './communities.js';
import { DEMO_PASSWORD, demoUsers } from './users.js';

export interface SeedTargets {
  meta: MetaStore;
  cases: CaseRepository;
  documents: DocumentStore;
  users: UserRepository;
  consensusService: ConsensusService;
}

const SEED_KEY = 'demo-seed';

/** Where a demo case starts: a decided case starts in the decision round and is carried on by its `decision`. */
function startStatus(demo: DemoCase): CaseStatus {
  return demo.decision && needsConsensus(demo.kind) ? 'til_beslutning' : demo.status;
}

/**
 * Loads the demo communities, people and the real case papers into an empty database, so a
 * fresh clone opens on something worth co-writing. A database that already holds other
 * communities is left alone. Every step is idempotent and the run is marked done only at
 * the end, so a crash half-way through simply seeds again at the next start.
 */
export async function seedDemoData(targets: SeedTargets): Promise<boolean> {
  const { meta, cases, documents, users } = targets;
  const state = await meta.get(SEED_KEY);
  if (state === 'done') return false;
  if (state === null && !(await cases.isEmpty())) return false;
  await meta.set(SEED_KEY, 'started');

  for (const { community, organisations } of demoCommunities) await cases.saveCommunity(community, organisations);
  // Hashed once: scrypt is slow on purpose, and all demo accounts share the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const { email, name, title, memberships } of demoUsers) {
    const user = (await users.findByEmail(email)) ?? (await users.createUser({ email, name, passwordHash, title }));
    for (const membership of memberships) await users.setMembership({ userId: user.id, ...membership });
  }
  for (const demo of demoCases) {
    const { sections, decision: _decision, ...header } = demo;
    if (!(await cases.getCase(header.id))) await cases.createCase({ ...header, status: startStatus(demo) });
    for (const [position, { blocks, ...outline }] of sections.entries()) {
      const doc = new Y.Doc();
      writeBlocks(doc, blocks);
      const content = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      // The paper's text is the section's first version, as well as its document.
      if (!(await cases.getSection(header.id, outline.id)))
        await cases.createSection(header.id, { ...outline, position, content });
      // Written only into an empty document: once text is there it may be approved, locked or
      // published, and a seed run again after a crash must not write around those.
      const room = sectionRoomName({ caseId: header.id, sectionId: outline.id });
      if ((await documents.load(room)).length > 0) continue;
      await documents.replace(room, content);
    }
  }
  for (const demo of demoCases) {
    if (demo.decision) await carryThroughDecision(targets, demo, demo.decision);
  }

  await meta.set(SEED_KEY, 'done');
  return true;
}

/**
 * Takes a demo case from the decision round to where its paper says it ended, through the
 * consensus service, as the people named would in the app: each side approves the wording
 * (the second approval locks it), then the secretariat publishes (which freezes it). Each step
 * is skipped when already taken, so a run after a crash carries on where it stopped.
 */
async function carryThroughDecision(targets: SeedTargets, demo: DemoCase, decision: DemoDecision): Promise<void> {
  const { cases, consensusService } = targets;
  const status = async () => (await cases.getCase(demo.id))!.status;
  if ((await status()) === 'til_beslutning') {
    for (const side of SIDES) {
      const { currentHash, approvals } = await consensusService.state(demo.id);
      if (approvals.some((a) => a.side === side && a.voidedAt === null)) continue;
      await consensusService.approve(
        demo.id,
        await actingAs(targets, decision.approvedBy[side], demo.communityId),
        currentHash!,
      );
    }
  }
  if (demo.status === 'publisert' && (await status()) === 'konsensus') {
    await consensusService.changeStatus(
      demo.id,
      'publisert',
      await actingAs(targets, decision.publishedBy, demo.communityId),
    );
  }
}

async function actingAs({ users }: SeedTargets, email: string, communityId: string): Promise<Acting> {
  const user = (await users.findByEmail(email))!;
  const membership = (await users.membershipIn(user.id, communityId))!;
  return { userId: user.id, name: user.name, actor: { role: membership.role, side: membership.side } };
}
