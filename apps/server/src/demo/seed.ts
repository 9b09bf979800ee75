import { sectionRoomName } from '@samraad/schema';
import * as Y from 'yjs';
import { hashPassword } from '../auth/passwords.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { MetaStore } from '../meta/meta-store.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { writeBlocks } from '../sections/content.js';
import type { UserRepository } from '../users/user-repository.js';
import { demoCases } from './cases.js';
import { demoCommunities } from './communities.js';
import { DEMO_PASSWORD, demoUsers } from './users.js';

export interface SeedTargets {
  meta: MetaStore;
  cases: CaseRepository;
  documents: DocumentStore;
  users: UserRepository;
}

const SEED_KEY = 'demo-seed';

/**
 * Loads the demo communities, people and the real case papers into an empty database, so a
 * fresh clone opens on something worth co-writing. A database that already holds other
 * communities is left alone. Every step is idempotent and the run is marked done only at
 * the end, so a crash half-way through simply seeds again at the next start.
 */
export async function seedDemoData({ meta, cases, documents, users }: SeedTargets): Promise<boolean> {
  const state = await meta.get(SEED_KEY);
  if (state === 'done') return false;
  if (state === null && !(await cases.isEmpty())) return false;
  await meta.set(SEED_KEY, 'started');

  for (const { community, organisations } of demoCommunities) await cases.saveCommunity(community, organisations);
  for (const { sections, ...header } of demoCases) {
    if (!(await cases.getCase(header.id))) await cases.createCase(header);
    for (const [position, { blocks, ...outline }] of sections.entries()) {
      const doc = new Y.Doc();
      writeBlocks(doc, blocks);
      const content = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      // The paper's text is the section's first version, as well as its document.
      if (!(await cases.getSection(header.id, outline.id))) await cases.createSection(header.id, { ...outline, position, content });
      await documents.replace(sectionRoomName({ caseId: header.id, sectionId: outline.id }), content);
    }
  }
  // Hashed once: scrypt is slow on purpose, and all demo accounts share the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const { email, name, memberships } of demoUsers) {
    const user = (await users.findByEmail(email)) ?? (await users.createUser({ email, name, passwordHash }));
    for (const membership of memberships) await users.setMembership({ userId: user.id, ...membership });
  }

  await meta.set(SEED_KEY, 'done');
  return true;
}
