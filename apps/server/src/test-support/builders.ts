import type { Case, CaseDetail, CaseKind, CaseStatus, Role, SectionKind, SectionOwner, Side } from '@samraad/schema';
import * as Y from 'yjs';
import { writeBlocks, type Block } from '../sections/content.js';
import { moveCase, send } from './consensus-api.js';
import { connectRawWriter, syncRoundTrip } from './raw-client.js';
import { sessionFetch, type TestSession } from './session.js';

/**
 * Test data built through the real API, so a test states the case it needs instead of leaning
 * on the demo papers' wording (which may change for the demo's sake without any rule changing).
 */

export interface SectionSpec {
  /** The test's own name for the section; the server gives it its id. */
  key: string;
  kind: SectionKind;
  owner: SectionOwner;
  title?: string;
  /** One paragraph per string; none leaves the section empty. */
  text?: string | string[];
}

export interface CaseSpec {
  communityId?: string;
  kind?: CaseKind;
  title?: string;
  body?: string;
  sections?: SectionSpec[];
  /** Where the case ends up; reached through the same status changes the secretariat makes. */
  status?: CaseStatus;
}

/** Who writes and files a built case: the community's secretariat and one member of each side. */
export interface CaseAuthors {
  secretariat: TestSession;
  kommune: TestSession;
  helseforetak: TestSession;
}

export interface BuiltCase {
  id: string;
  case: Case;
  /** Section id per `SectionSpec.key`. */
  sections: Record<string, string>;
  /** The text each section was given, as the server serves it (paragraphs joined by newlines). */
  texts: Record<string, string>;
}

/** A case to decide with the sections a consensus case has: wording, background and each side's assessment. */
export const DECISION_SECTIONS: readonly SectionSpec[] = [
  { key: 'wording', kind: 'innstilling', owner: 'shared', text: 'Partnerskapsmøtet ber SSU om en felles plan.' },
  { key: 'background', kind: 'bakgrunn', owner: 'shared', text: 'Saken gjelder et felles tilbud.' },
  {
    key: 'municipal',
    kind: 'vurdering',
    owner: 'kommune',
    title: 'Kommunenes vurdering',
    text: 'Kommunene støtter planen.',
  },
  {
    key: 'hospital',
    kind: 'vurdering',
    owner: 'helseforetak',
    title: 'Helseforetakets vurdering',
    text: 'Helseforetaket støtter planen.',
  },
];

const DEFAULT_TITLES: Partial<Record<SectionKind, string>> = {
  innstilling: 'Innstilling til konsensus',
  bakgrunn: 'Bakgrunn',
  vurdering: 'Vurdering',
};

/** The status changes from a new case (a draft) to `status`, along the state machine. */
const ROUTE: Partial<Record<CaseStatus, CaseStatus[]>> = {
  utkast: [],
  til_drofting: ['til_drofting'],
  til_beslutning: ['til_drofting', 'til_beslutning'],
};

let built = 0;

/**
 * Creates a case as the secretariat, writes each section's text as a member of the side that
 * may write it (over the socket, as an editor would, and confirmed stored), then moves it to
 * `status`.
 */
export async function buildCase(authors: CaseAuthors, spec: CaseSpec = {}): Promise<BuiltCase> {
  const communityId = spec.communityId ?? 'lvs';
  const sectionSpecs = spec.sections ?? DECISION_SECTIONS;
  built += 1;
  const response = await send(authors.secretariat, 'POST', `/communities/${communityId}/cases`, {
    body: spec.body ?? 'Partnerskapsmøte',
    title: spec.title ?? `Testsak ${built}`,
    kind: spec.kind ?? 'beslutningssak',
    sections: sectionSpecs.map(({ kind, owner, title, key }) => ({
      kind,
      owner,
      title: title ?? DEFAULT_TITLES[kind] ?? key,
    })),
  });
  if (response.status !== 201) throw new Error(`creating a case: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as Case;
  const detail = await caseDetail(authors.secretariat, created.id);
  const sections: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const [index, sectionSpec] of sectionSpecs.entries()) {
    const section = detail.sections[index]!;
    sections[sectionSpec.key] = section.id;
    const paragraphs = sectionSpec.text === undefined ? [] : [sectionSpec.text].flat();
    texts[sectionSpec.key] = paragraphs.join('\n');
    if (paragraphs.length === 0) continue;
    const writer = sectionSpec.owner === 'helseforetak' ? authors.helseforetak : authors.kommune;
    await writeSection(
      writer,
      created.id,
      section.id,
      paragraphs.map((text) => ({ type: 'paragraph', text })),
    );
  }
  for (const status of ROUTE[spec.status ?? 'utkast'] ?? unsupported(spec.status!)) {
    const moved = await moveCase(authors.secretariat, created.id, status);
    if (moved.status !== 200) throw new Error(`moving ${created.id} to ${status}: ${moved.status}`);
  }
  return { id: created.id, case: (await caseDetail(authors.secretariat, created.id)).case, sections, texts };
}

function unsupported(status: CaseStatus): never {
  throw new Error(`buildCase cannot reach ${status}; take the case there in the test`);
}

export async function caseDetail(session: TestSession, caseId: string): Promise<CaseDetail> {
  const response = await send(session, 'GET', `/cases/${caseId}`);
  if (response.status !== 200) throw new Error(`reading ${caseId}: ${response.status}`);
  return (await response.json()) as CaseDetail;
}

/**
 * Appends blocks to a section as `session`, over a raw socket, and returns once the server has
 * answered a later sync request (so the update was handled before it); fails if it was refused.
 */
export async function writeSection(
  session: TestSession,
  caseId: string,
  sectionId: string,
  blocks: Block[],
): Promise<void> {
  const { client, local } = await connectRawWriter(session, caseId, sectionId);
  try {
    const before = Y.encodeStateVector(local);
    writeBlocks(local, blocks);
    client.sendUpdate(Y.encodeStateAsUpdate(local, before));
    const outcome = await Promise.race([
      client.closed.then(({ code, reason }) => `closed ${code} ${reason}`),
      syncRoundTrip(client, local).then(() => 'stored'),
    ]);
    if (outcome !== 'stored') throw new Error(`writing ${sectionId} was refused: ${outcome}`);
  } finally {
    client.socket.terminate();
  }
}

export interface MemberSpec {
  communityId?: string;
  role: Role;
  side?: Side | null;
  organisationId?: string | null;
  name?: string;
}

/** The organisation a member of each side belongs to in the demo communities' own lists. */
const ORGANISATION_OF: Record<string, Record<Side, string>> = {
  lvs: { kommune: 'lvs-bodo', helseforetak: 'lvs-nlsh' },
};

let invited = 0;

/**
 * A new person with one membership, invited by `secretariat` and accepting through the real
 * invitation flow; returns their logged-in session. For tests that need people no other test
 * touches (their approvals, their sessions).
 */
export async function inviteMember(secretariat: TestSession, spec: MemberSpec): Promise<TestSession> {
  const communityId = spec.communityId ?? 'lvs';
  const side = spec.side ?? null;
  const organisationId =
    spec.organisationId !== undefined
      ? spec.organisationId
      : side
        ? (ORGANISATION_OF[communityId]?.[side] ?? null)
        : null;
  invited += 1;
  const email = `person-${process.pid}-${invited}-${Date.now()}@test.example`;
  const name = spec.name ?? `Testperson ${invited}`;
  const invitation = await sessionFetch(secretariat, '/api/invitations', {
    method: 'POST',
    body: JSON.stringify({ email, name, communityId, organisationId, side, role: spec.role }),
  });
  if (invitation.status !== 201) throw new Error(`inviting ${email}: ${invitation.status} ${await invitation.text()}`);
  const token = ((await invitation.json()) as { link: string }).link.split('/').pop()!;
  const accepted = await fetch(`${secretariat.baseUrl}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: secretariat.baseUrl },
    body: JSON.stringify({ name, password: 'et langt testpassord' }),
  });
  if (accepted.status !== 201) throw new Error(`accepting for ${email}: ${accepted.status} ${await accepted.text()}`);
  const cookie = accepted.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await accepted.json()) as { csrfToken: string };
  return { baseUrl: secretariat.baseUrl, cookie, csrfToken };
}
