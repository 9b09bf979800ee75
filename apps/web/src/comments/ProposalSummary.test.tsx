import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Actor, CommentThread, SectionSeal } from '@samraad/schema';
import { aProposal, aSection, CASE_ID } from '../testing/builders.js';
import { SectionComments } from './SectionComments.js';

const municipalMember: Actor = { role: 'member', side: 'kommune' };
const hospitalMember: Actor = { role: 'member', side: 'helseforetak' };
const observer: Actor = { role: 'observer', side: null };
const secretariat: Actor = { role: 'secretariat', side: null };

const municipalSection = aSection({ owner: 'kommune', title: 'Kommunenes vurdering' });

function showMargin(actor: Actor, threads: CommentThread[], seal: SectionSeal = null) {
  return render(
    <SectionComments
      caseId={CASE_ID}
      section={municipalSection}
      editor={null}
      threads={threads}
      actor={actor}
      seal={seal}
      userId="bruker-x"
      people={[]}
      onChanged={() => undefined}
    />,
  );
}

const proposalOn = (quote: string) => page.getByRole('article', { name: `Forslag om «${quote}»` });

describe('a proposal in the margin', () => {
  test('shows who proposed what, struck and underlined, with the reason', async () => {
    await showMargin(observer, [aProposal('støtter', 'slutter seg til', { reason: 'Sterkere ordlyd' })]);
    const card = proposalOn('støtter');
    await expect.element(card.getByText('Forslag fra Nils Berg')).toBeVisible();
    await expect.element(card.getByRole('deletion')).toHaveTextContent('støtter');
    await expect.element(card.getByRole('insertion')).toHaveTextContent('slutter seg til');
    await expect.element(card.getByText('Sterkere ordlyd')).toBeVisible();
  });

  test('offers Godta and Avvis only to those who may write the section', async () => {
    const cases: Array<[string, Actor, boolean]> = [
      ['a member of the owning side', municipalMember, true],
      ['a member of the other side', hospitalMember, false],
      ['an observer', observer, false],
      ['the secretariat, which writes only shared text', secretariat, false],
    ];
    for (const [who, actor, may] of cases) {
      const { unmount } = await showMargin(actor, [aProposal('støtter', 'slutter seg til')]);
      const card = proposalOn('støtter');
      for (const name of ['Godta', 'Avvis']) {
        const button = card.getByRole('button', { name });
        if (may) await expect.element(button, { message: who }).toBeEnabled();
        else await expect.element(button, { message: who }).not.toBeInTheDocument();
      }
      if (!may) await expect.element(card.getByText(/Bare de som kan skrive denne delen/)).toBeVisible();
      await unmount();
    }
  });

  test('cannot be accepted into locked text, but can be turned down', async () => {
    await showMargin(municipalMember, [aProposal('støtter', 'slutter seg til')], 'locked');
    const card = proposalOn('støtter');
    await expect.element(card.getByRole('button', { name: 'Godta' })).toBeDisabled();
    await expect.element(card.getByRole('button', { name: 'Avvis' })).toBeEnabled();
  });

  test('once decided, says by whom and offers nothing more', async () => {
    const decided = aProposal('støtter', 'slutter seg til', {
      status: 'resolved',
      resolvedAt: '2026-11-02T08:00:00.000Z',
    });
    decided.proposal = {
      ...decided.proposal!,
      status: 'accepted',
      decidedBy: 'bruker-kari',
      decidedByName: 'Kari Lind',
      decidedAt: '2026-11-02T08:00:00.000Z',
    };
    await showMargin(municipalMember, [decided]);
    await page.getByRole('button', { name: 'Vis løste (1)' }).click();
    const card = proposalOn('støtter');
    await expect.element(card.getByText(/^Godtatt av Kari Lind/)).toBeVisible();
    await expect.element(card.getByRole('button', { name: 'Godta' })).not.toBeInTheDocument();
  });

  test('can be started by an observer, once words are selected', async () => {
    await showMargin(observer, []);
    await expect.element(page.getByRole('button', { name: 'Foreslå endring' })).toBeDisabled();
  });
});
