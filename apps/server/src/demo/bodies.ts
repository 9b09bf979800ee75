import type { BodyKind } from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import { demoCommunities } from './communities.js';
import type { MetaStore } from '../meta/meta-store.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';

const SEED_KEY = 'demo-bodies';

/** The bodies every demo helsefellesskap has; `caseBody` is how their cases print the body. */
const DEMO_BODIES: ReadonlyArray<{ slug: string; name: string; caseBody: string; kind: BodyKind }> = [
  { slug: 'partnerskapsmote', name: 'Partnerskapsmøtet', caseBody: 'Partnerskapsmøte', kind: 'partnerskapsmote' },
  { slug: 'dialogmote', name: 'Dialogmøtet', caseBody: 'Dialogmøte', kind: 'dialogmote' },
  { slug: 'ssu', name: 'Strategisk samarbeidsutvalg (SSU)', caseBody: 'SSU', kind: 'ssu' },
  { slug: 'sekretariatet', name: 'Samhandlingssekretariatet', caseBody: 'Sekretariatet', kind: 'sekretariat' },
  { slug: 'arbeidsgruppe', name: 'Arbeidsgruppe for samhandlingsarenaer', caseBody: 'Arbeidsgruppe', kind: 'adhoc' },
];

/**
 * Gives the demo communities their bodies. Its own marker, so a database seeded before
 * meetings existed gets them at its next start; idempotent (fixed ids, upserts).
 */
export async function seedDemoBodies({
  meetings,
  meta,
  cases,
}: {
  meetings: MeetingRepository;
  meta: MetaStore;
  cases: CaseRepository;
}): Promise<void> {
  if ((await meta.get(SEED_KEY)) === 'done') return;
  for (const { community } of demoCommunities) {
    if (!(await cases.getCommunity(community.id))) continue;
    for (const body of DEMO_BODIES) {
      await meetings.saveBody({
        id: `${community.id}-${body.slug}`,
        communityId: community.id,
        name: body.name,
        caseBody: body.caseBody,
        kind: body.kind,
      });
    }
  }
  await meta.set(SEED_KEY, 'done');
}
