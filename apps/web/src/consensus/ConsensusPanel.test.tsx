import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Actor, Approval, Case, CaseStatus, CommentThread, ConsensusView } from '@samraad/schema';
import { aCase, aProposal, aThread, CASE_ID } from '../testing/builders.js';
import { ConsensusPanel } from './ConsensusPanel.js';

const SECTION_ID = 'innstilling-1';

function aConsensus(status: CaseStatus, change: Partial<ConsensusView> = {}): ConsensusView {
  return {
    caseId: CASE_ID,
    status,
    needsConsensus: true,
    consensusSectionId: SECTION_ID,
    currentHash: 'a'.repeat(64),
    approvals: [],
    locks: [],
    oneStep: { kommune: false, helseforetak: false },
    openReopenRequest: null,
    reopenHistory: [],
    lastVoid: null,
    policy: 'any-member',
    approvers: [],
    nextStatuses: [],
    ...change,
  };
}

function anApproval(side: Approval['side'], userName: string): Approval {
  return {
    id: `godkjenning-${side}`,
    caseId: CASE_ID,
    side,
    userId: `bruker-${side}`,
    userName,
    contentHash: 'a'.repeat(64),
    approvedAt: '2026-11-02T10:00:00.000Z',
    voidedAt: null,
    voidReason: null,
  };
}

const municipalMember: Actor = { role: 'member', side: 'kommune' };
const hospitalMember: Actor = { role: 'member', side: 'helseforetak' };
const observer: Actor = { role: 'observer', side: null };
const secretariat: Actor = { role: 'secretariat', side: null };

function showPanel(actor: Actor, theCase: Case, consensus: ConsensusView, wordingThreads: CommentThread[] = []) {
  return render(
    <ConsensusPanel
      theCase={theCase}
      consensus={consensus}
      actor={actor}
      hospitalName="Nordlandssykehuset HF"
      currentWording={() => 'Partnerne innfører en felles rutine.'}
      wordingText="Partnerne innfører en felles rutine."
      wordingTitle="Innstilling til konsensus"
      wordingThreads={wordingThreads}
      onConsensus={() => undefined}
      onCase={() => undefined}
    />,
  );
}

const approveButton = (side: string) => page.getByRole('button', { name: `Godkjenn innstillingen for ${side}` });

describe('the consensus panel, per role', () => {
  test('a municipal member may approve for the municipalities once the case is up for decision', async () => {
    await showPanel(municipalMember, aCase('til_beslutning'), aConsensus('til_beslutning'));
    await expect.element(approveButton('Kommunene')).toBeEnabled();
    await expect.element(approveButton('Nordlandssykehuset HF')).not.toBeInTheDocument();
  });

  test('a hospital member approves for the hospital, by its name', async () => {
    await showPanel(hospitalMember, aCase('til_beslutning'), aConsensus('til_beslutning'));
    await expect.element(approveButton('Nordlandssykehuset HF')).toBeEnabled();
  });

  test('an observer sees both sides’ state but has no approve button', async () => {
    await showPanel(
      observer,
      aCase('til_beslutning'),
      aConsensus('til_beslutning', { approvals: [anApproval('kommune', 'Kari Lind')] }),
    );
    const approvals = page.getByRole('list', { name: 'Godkjenning av innstillingen' });
    await expect.element(approvals.getByRole('listitem').nth(0)).toHaveTextContent(/Kommunene godkjent av Kari Lind/);
    await expect.element(approvals.getByRole('listitem').nth(1)).toHaveTextContent(/har ikke godkjent/);
    await expect.element(page.getByRole('button', { name: /Godkjenn/ })).not.toBeInTheDocument();
  });

  test('the secretariat moves the case along its flow but does not approve', async () => {
    await showPanel(
      secretariat,
      aCase('til_drofting'),
      aConsensus('til_drofting', { nextStatuses: ['utkast', 'til_beslutning'] }),
    );
    const flow = page.getByRole('group', { name: 'Flytt saken' });
    await expect.element(flow.getByRole('button', { name: 'Send til beslutning' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: /Godkjenn/ })).not.toBeInTheDocument();
  });

  test('a member cannot approve before the case is up for decision', async () => {
    await showPanel(municipalMember, aCase('til_drofting'), aConsensus('til_drofting'));
    await expect.element(page.getByRole('button', { name: /Godkjenn/ })).not.toBeInTheDocument();
  });

  test('a side that has approved is told so and cannot approve twice', async () => {
    await showPanel(
      municipalMember,
      aCase('til_beslutning'),
      aConsensus('til_beslutning', { approvals: [anApproval('kommune', 'Kari Lind')] }),
    );
    const done = page.getByRole('button', { name: 'Din side har godkjent denne teksten' });
    await expect.element(done).toBeDisabled();
  });

  test('a locked case says so, and nobody is offered to approve it', async () => {
    await showPanel(
      municipalMember,
      aCase('konsensus'),
      aConsensus('konsensus', {
        approvals: [anApproval('kommune', 'Kari Lind'), anApproval('helseforetak', 'Nils Berg')],
        locks: [{ sectionId: SECTION_ID, lockedAt: '2026-11-02T11:00:00.000Z', contentHash: 'a'.repeat(64) }],
      }),
    );
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent(/Konsensus er oppnådd\. Innstillingen og begge vurderingene ble låst/);
    await expect.element(page.getByRole('button', { name: /Godkjenn/ })).not.toBeInTheDocument();
    // A member may instead ask to reopen the agreed text.
    await expect.element(page.getByRole('button', { name: 'Be om gjenåpning' })).toBeVisible();
  });

  test('before approving, the dialog counts the open comments on the wording and shows them', async () => {
    await showPanel(municipalMember, aCase('til_beslutning'), aConsensus('til_beslutning'), [
      aThread('felles rutine', ['Gjelder dette også legevakten?'], { sectionId: SECTION_ID }),
    ]);
    await approveButton('Kommunene').click();
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toHaveTextContent(/1 åpen kommentar på innstillingen/);
    await dialog.getByText('Kommentar til «felles rutine»').click();
    await expect.element(dialog.getByText(/Gjelder dette også legevakten\?/)).toBeVisible();
  });

  test('the dialog lists open proposals on the wording apart from the comments, with what they would change', async () => {
    await showPanel(municipalMember, aCase('til_beslutning'), aConsensus('til_beslutning'), [
      aThread('felles rutine', ['Gjelder dette også legevakten?'], { sectionId: SECTION_ID }),
      aProposal('felles plan', 'felles handlingsplan', { sectionId: SECTION_ID, reason: 'Mer presist' }),
    ]);
    await approveButton('Kommunene').click();
    const dialog = page.getByRole('dialog');
    await expect
      .element(dialog)
      .toHaveTextContent(/1 åpen kommentar på innstillingen 1 åpent forslag til endring av innstillingen/);
    await dialog.getByText('Forslag fra Nils Berg: «felles plan» → «felles handlingsplan»').click();
    await expect.element(dialog.getByText(/Mer presist/)).toBeVisible();
  });

  test('the dialog says when no comments are open', async () => {
    await showPanel(municipalMember, aCase('til_beslutning'), aConsensus('til_beslutning'));
    await approveButton('Kommunene').click();
    await expect.element(page.getByRole('dialog')).toHaveTextContent(/Ingen åpne kommentarer på innstillingen/);
  });
});
