import { beforeAll, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import * as Y from 'yjs';
import { SECTION_FRAGMENT, type Actor, type PresenceUser, type Section, type SectionOwner } from '@samraad/schema';
import { createCase, fetchCase, login, logout, setCsrfToken } from '../api/client.js';
import { CLOSE_CODES } from '@samraad/schema';
import type { SectionConnection } from './sectionConnection.js';
import { sectionAccess, type SectionSeals } from './sectionAccess.js';
import {
  useSectionConnections,
  type SectionAccess,
  type SectionConnections,
  type SectionNotice,
} from './useSectionConnections.js';

/**
 * The page's section connections against the real server (src/testing/realServer.ts), reached
 * through the test page's own origin as the app reaches it.
 */

async function logInAs(email: string): Promise<string> {
  await logout().catch(() => undefined);
  const info = await login({ email, password: 'samraad-demo' });
  setCsrfToken(info.csrfToken);
  return info.user.id;
}

async function newCase(communityId: string, title: string): Promise<Section[]> {
  const created = await createCase(communityId, { title, body: 'Partnerskapsmøte', kind: 'beslutningssak' });
  return (await fetchCase(created.id)).sections;
}

const user: PresenceUser = { id: 'bruker', name: 'Kari Lind', color: '#0b6e4f' };
const municipalMember: Actor = { role: 'member', side: 'kommune' };
const observer: Actor = { role: 'observer', side: null };

/** The hook's latest answer, read by the test as the page would read it on its next render. */
let latest: SectionConnections | null = null;
/** Every notice the page was given to show, in order. */
let noticesShown: SectionNotice[] = [];

function Page(props: {
  caseId: string;
  sections: Section[];
  userId: string;
  access: (section: Section) => SectionAccess;
}) {
  latest = useSectionConnections(props.caseId, props.sections, user, {
    userId: props.userId,
    access: props.access,
    onSessionLost: () => undefined,
  });
  noticesShown.push(...latest.notices);
  return null;
}

const connectionOf = (sectionId: string): SectionConnection | undefined =>
  latest?.connections.find((connection) => connection.sectionId === sectionId);
const modeOf = (sectionId: string) => connectionOf(sectionId)?.sync.mode;

function typeInto(connection: SectionConnection, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = connection.doc.getXmlFragment(SECTION_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
}

async function synced(sectionId: string): Promise<SectionConnection> {
  await expect.poll(() => connectionOf(sectionId)?.provider.synced, { timeout: 10_000 }).toBe(true);
  return connectionOf(sectionId)!;
}

let caseId = '';
let sections: Section[] = [];
let foreignSection: Section;
const owned = (owner: SectionOwner) => sections.find((section) => section.owner === owner)!;

beforeAll(async () => {
  await logInAs('sekretariat@helgeland.demo');
  foreignSection = (await newCase('helgeland', 'En sak i et annet helsefellesskap'))[0]!;
  await logInAs('sekretariat@lvs.demo');
  sections = await newCase('lvs', 'Felles rutine for utskrivning');
  caseId = sections[0]!.caseId;
});

describe('the case page’s section connections', () => {
  test('each section’s write mode follows the shared write rule, and changes with it', async () => {
    const userId = await logInAs('kommune@lvs.demo');
    const kommune = owned('kommune');
    const hospital = owned('helseforetak');
    const shared = owned('shared');
    const show = (seals: SectionSeals | null) => (
      <Page
        caseId={caseId}
        sections={sections}
        userId={userId}
        access={(section) => sectionAccess(municipalMember, section, seals)}
      />
    );
    // Before the locks are known, the member's own sections hold their changes; the other side's are read-only.
    const screen = await render(show(null));
    await expect.poll(() => modeOf(kommune.id)).toBe('hold');
    expect(modeOf(shared.id)).toBe('hold');
    expect(modeOf(hospital.id)).toBe('read');

    await screen.rerender(show({ lockedSectionIds: new Set(), frozen: false }));
    await expect.poll(() => modeOf(kommune.id)).toBe('write');
    expect(modeOf(shared.id)).toBe('write');
    expect(modeOf(hospital.id)).toBe('read');

    // What a writable section sends, the server stores and confirms.
    typeInto(await synced(kommune.id), 'Kommunene stiller seg bak rutinen.');
    await expect.poll(() => latest?.unsent, { timeout: 10_000 }).toBe(0);

    await screen.rerender(show({ lockedSectionIds: new Set([kommune.id]), frozen: false }));
    await expect.poll(() => modeOf(kommune.id)).toBe('read');
    expect(modeOf(shared.id)).toBe('write');

    await screen.rerender(show({ lockedSectionIds: new Set(), frozen: true }));
    await expect.poll(() => modeOf(shared.id)).toBe('read');
  });

  test('an observer’s connections never write', async () => {
    const userId = await logInAs('observator@lvs.demo');
    await render(
      <Page
        caseId={caseId}
        sections={sections}
        userId={userId}
        access={(section) => sectionAccess(observer, section, { lockedSectionIds: new Set(), frozen: false })}
      />,
    );
    for (const section of sections) await expect.poll(() => modeOf(section.id)).toBe('read');
  });

  test('a refused change turns the section read-only, hands the text back and reloads; retry lets the rule decide again', async () => {
    const userId = await logInAs('kommune@lvs.demo');
    const hospital = owned('helseforetak');
    // A stale rule that lets the municipal member write the hospital's assessment: the server refuses it.
    await render(
      <Page
        caseId={caseId}
        sections={[hospital]}
        userId={userId}
        access={() => ({ mode: 'write', keepsBrowserCopy: false })}
      />,
    );
    const refusedConnection = await synced(hospital.id);
    typeInto(refusedConnection, 'Skrevet i den andre sidens vurdering');

    await expect
      .poll(() => latest?.notices.find((notice) => notice.sectionId === hospital.id), { timeout: 10_000 })
      .toMatchObject({ close: { code: CLOSE_CODES.writeRefused }, gaveUp: false });
    await expect.poll(() => latest?.rescued.get(hospital.id)?.text).toContain('Skrevet i den andre sidens vurdering');
    // Fetched again from the server into a fresh document, read-only whatever the rule says, without the refused text.
    await expect
      .poll(() => [undefined, refusedConnection].includes(connectionOf(hospital.id)), { timeout: 10_000 })
      .toBe(false);
    expect(modeOf(hospital.id)).toBe('read');
    const reloaded = await synced(hospital.id);
    expect(reloaded.doc.getXmlFragment(SECTION_FRAGMENT).toJSON()).not.toContain('Skrevet i den andre sidens');

    latest!.retry(hospital.id);
    await expect.poll(() => latest?.notices).toEqual([]);
    await expect.poll(() => modeOf(hospital.id)).toBe('write');
    latest!.dismissRescued(hospital.id);
  });

  test('a section the server will not show is not fetched again: the page waits for the person', async () => {
    const userId = await logInAs('kommune@lvs.demo');
    noticesShown = [];
    await render(
      <Page
        caseId={caseId}
        sections={[foreignSection]}
        userId={userId}
        access={() => ({ mode: 'read', keepsBrowserCopy: false })}
      />,
    );
    await expect
      .poll(() => latest?.notices.find((notice) => notice.sectionId === foreignSection.id), { timeout: 10_000 })
      .toMatchObject({ close: { code: CLOSE_CODES.forbidden }, gaveUp: true });
    expect(connectionOf(foreignSection.id)).toBeUndefined();
    // Given up at the first refusal, not after reloads that could only be refused again.
    expect(noticesShown.filter((notice) => !notice.gaveUp)).toEqual([]);
  });
});
