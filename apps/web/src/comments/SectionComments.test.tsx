import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Actor, CommentThread, PresenceUser, Section } from '@samraad/schema';
import { CaseSection } from '../case/CaseSection.js';
import { aSection, aThread, CASE_ID } from '../testing/builders.js';
import { SectionComments } from './SectionComments.js';

const municipalMember: Actor = { role: 'member', side: 'kommune' };
const hospitalMember: Actor = { role: 'member', side: 'helseforetak' };
const observer: Actor = { role: 'observer', side: null };
const secretariat: Actor = { role: 'secretariat', side: null };

const municipalSection = aSection({ owner: 'kommune', title: 'Kommunenes vurdering' });

function showMargin(actor: Actor, userId: string, threads: CommentThread[], section: Section = municipalSection) {
  return render(
    <SectionComments
      caseId={CASE_ID}
      section={section}
      editor={null}
      threads={threads}
      actor={actor}
      seal={null}
      userId={userId}
      people={[]}
      onChanged={() => undefined}
    />,
  );
}

const user: PresenceUser = { id: 'bruker-kari', name: 'Kari Lind', color: '#0b6e4f' };

function showSection(actor: Actor, threads: CommentThread[], state: { locked?: boolean } = {}) {
  return render(
    <CaseSection
      section={municipalSection}
      hospitalName="Nordlandssykehuset HF"
      connection={undefined}
      user={user}
      actor={actor}
      locked={state.locked ?? false}
      frozen={false}
      lastWrite={undefined}
      notice={undefined}
      onRetry={() => undefined}
      rescuedText={undefined}
      onDismissRescued={() => undefined}
      caseId={CASE_ID}
      userId={user.id}
      threads={threads}
      people={[]}
      onThreadChanged={() => undefined}
      versionsSeen={0}
    />,
  );
}

const threadOn = (quote: string) => page.getByRole('article', { name: `Kommentartråd om «${quote}»` });

describe('a section’s comment threads', () => {
  test('the section heading counts the open threads, not the resolved ones', async () => {
    await showSection(observer, [
      aThread('felles rutine', ['Gjelder dette legevakten?']),
      aThread('utskrivning', ['Hva med helger?']),
      aThread('avtale', ['Avklart.'], { status: 'resolved', resolvedAt: '2026-11-02T08:00:00.000Z' }),
    ]);
    const heading = page.getByRole('region', { name: 'Kommunenes vurdering' });
    await expect.element(heading.getByText('2 åpne kommentarer')).toBeVisible();
  });

  test('one open thread is counted in the singular, and none shows no count', async () => {
    const { rerender } = await showSection(observer, [aThread('felles rutine', ['Gjelder dette legevakten?'])]);
    await expect.element(page.getByText('1 åpen kommentar', { exact: true })).toBeVisible();
    await rerender(
      <CaseSection
        section={municipalSection}
        hospitalName="Nordlandssykehuset HF"
        connection={undefined}
        user={user}
        actor={observer}
        locked={false}
        frozen={false}
        lastWrite={undefined}
        notice={undefined}
        onRetry={() => undefined}
        rescuedText={undefined}
        onDismissRescued={() => undefined}
        caseId={CASE_ID}
        userId={user.id}
        threads={[]}
        people={[]}
        onThreadChanged={() => undefined}
        versionsSeen={0}
      />,
    );
    await expect.element(page.getByText(/åpen kommentar|åpne kommentarer/)).not.toBeInTheDocument();
  });

  test('an observer may comment but is told they do not write the text', async () => {
    await showSection(observer, []);
    await expect
      .element(page.getByText('Observatører leser og kommenterer, men skriver ikke i saksteksten.'))
      .toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Kommenter markert tekst' })).toBeVisible();
  });

  test('a locked section tells everyone, its writers too, that the text is locked', async () => {
    await showSection(municipalMember, [], { locked: true });
    await expect.element(page.getByText('Teksten er låst etter konsensus og kan ikke endres.')).toBeVisible();
  });

  test('the hospital reads the municipalities’ assessment, and is told why it cannot write', async () => {
    await showSection(hospitalMember, []);
    await expect.element(page.getByText('Bare kommunene skriver i denne vurderingen.')).toBeVisible();
  });

  test('a thread shows its words and conversation, and a reply box while open', async () => {
    await showMargin(observer, 'bruker-olga', [
      aThread('felles rutine', ['Gjelder dette legevakten?', 'Ja, også den.']),
    ]);
    const thread = threadOn('felles rutine');
    await expect.element(thread.getByText('Gjelder dette legevakten?')).toBeVisible();
    await expect.element(thread.getByText('Ja, også den.')).toBeVisible();
    await expect.element(thread.getByRole('textbox', { name: 'Svar' })).toBeVisible();
  });

  test('resolved threads are hidden behind a counted toggle, and take no reply', async () => {
    await showMargin(secretariat, 'bruker-sara', [
      aThread('felles rutine', ['Gjelder dette legevakten?']),
      aThread('avtale', ['Avklart.'], { status: 'resolved', resolvedAt: '2026-11-02T08:00:00.000Z' }),
    ]);
    await expect.element(threadOn('avtale')).not.toBeInTheDocument();
    await page.getByRole('button', { name: 'Vis løste (1)' }).click();
    const resolved = threadOn('avtale');
    await expect.element(resolved).toBeVisible();
    await expect.element(resolved.getByText(/^Løst /)).toBeVisible();
    await expect.element(resolved.getByRole('textbox', { name: 'Svar' })).not.toBeInTheDocument();
    await expect.element(resolved.getByRole('button', { name: 'Åpne igjen' })).toBeVisible();
    await page.getByRole('button', { name: 'Skjul løste (1)' }).click();
    await expect.element(threadOn('avtale')).not.toBeInTheDocument();
  });

  test('who may resolve a thread: its author, the secretariat and the owning side, not the other side', async () => {
    const thread = aThread('felles rutine', ['Gjelder dette legevakten?'], { createdBy: 'bruker-olga' });
    const cases: Array<[string, Actor, string, boolean]> = [
      ['the observer who started it', observer, 'bruker-olga', true],
      ['another observer', observer, 'bruker-ida', false],
      ['the secretariat', secretariat, 'bruker-sara', true],
      ['a member of the owning side', municipalMember, 'bruker-kari', true],
      ['a member of the other side', hospitalMember, 'bruker-nils', false],
    ];
    for (const [who, actor, userId, may] of cases) {
      const { unmount } = await showMargin(actor, userId, [thread]);
      const resolve = threadOn('felles rutine').getByRole('button', { name: 'Marker som løst' });
      if (may) await expect.element(resolve, { message: who }).toBeVisible();
      else await expect.element(resolve, { message: who }).not.toBeInTheDocument();
      await unmount();
    }
  });

  test('only the author is offered to edit or delete a comment, and a deleted one says so', async () => {
    const thread = aThread('felles rutine', ['Min kommentar'], { createdBy: 'bruker-kari' });
    thread.comments.push({ ...thread.comments[0]!, id: 'slettet', body: '', deleted: true });
    const { unmount } = await showMargin(municipalMember, 'bruker-kari', [thread]);
    const card = threadOn('felles rutine');
    await expect.element(card.getByRole('button', { name: 'Rediger' })).toBeVisible();
    await expect.element(card.getByRole('button', { name: 'Slett' })).toBeVisible();
    await expect.element(card.getByText('Kommentaren er slettet.')).toBeVisible();
    await unmount();

    await showMargin(hospitalMember, 'bruker-nils', [thread]);
    await expect.element(threadOn('felles rutine').getByText('Min kommentar')).toBeVisible();
    await expect.element(threadOn('felles rutine').getByRole('button', { name: 'Rediger' })).not.toBeInTheDocument();
    await expect.element(threadOn('felles rutine').getByRole('button', { name: 'Slett' })).not.toBeInTheDocument();
  });
});
